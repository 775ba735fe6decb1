package dev.stablewrites.strategies.stablepages;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import java.util.EnumSet;
import java.util.Set;

/**
 * Linux 3.9's conditional stable pages: {@code wait_for_stable_page} in {@code page_mkwrite} and
 * {@code write_begin} waits on writeback only when the backing device requires stable writes
 * (commit 1d1d1a767206, "mm: only enforce stable page writes if the backing device requires it",
 * Darrick J. Wong, 2013: {@code BDI_CAP_STABLE_WRITES}; {@code QUEUE_FLAG_STABLE_WRITES} with
 * {@code SB_I_STABLE_WRITES} in 5.10; {@code BLK_FEAT_STABLE_WRITES} in 6.11, whose test is
 * today's {@code folio_wait_stable}). It is {@code mkwrite-wait} where stable writes are required
 * and {@code none} elsewhere: "the blocking behavior is back to what it was before 3.0 if you don't
 * have a disk requiring stable page writes".
 *
 * <p>It acts on the page cache only ({@code pageMkwrite}, {@code writeBegin}), so it composes with
 * fixes for other paths: {@code stable-pages+iomap-dio-bounce} is Linux 7.0's answer.
 */
public final class StablePagesStrategy implements Strategy {
    @Override
    public String description() {
        return "Linux 3.9 conditional stable pages: wait_for_stable_page only where the device requires stable writes";
    }

    /** {@inheritDoc} Here: writeback only. */
    @Override
    public Set<Bio.Origin> paths() {
        return EnumSet.of(Bio.Origin.WRITEBACK);
    }

    @Override
    public void pageMkwrite(PageHook fault, Steps steps) {
        if (fault.kernel().stableWrites()) {
            steps.waitOnPageWriteback(fault.page());
        }
    }

    @Override
    public void writeBegin(PageHook write, Steps steps) {
        if (write.kernel().stableWrites()) {
            steps.waitOnPageWriteback(write.page());
        }
    }
}
