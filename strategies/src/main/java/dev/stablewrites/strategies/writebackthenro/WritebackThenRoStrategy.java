package dev.stablewrites.strategies.writebackthenro;

import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.strategies.mkwritewait.MkwriteWaitStrategy;
import dev.stablewrites.strategies.setmemoryro.DirectMapProtection;
import dev.stablewrites.strategies.setmemoryro.DirectMapProtection.Order;

/**
 * The seed thread's proposal (LKML, March 2011, Darrick J. Wong with Andreas Dilger's
 * correction): {@code mkwrite-wait}'s waits, plus, in {@code bio_integrity_prep} for each page,
 * {@code set_page_writeback} where it is not already set and <em>then</em> {@code set_memory_ro};
 * the kintegrityd workqueue runs {@code set_memory_rw} and ends the writeback prep started after
 * the bio completes (see {@link DirectMapProtection}).
 *
 * <p>The hope was that a read-only page sends every writer into the fault handler and so into
 * {@code page_mkwrite}'s wait. It does not: {@code set_memory_ro} changes the kernel's direct map
 * only. The page cache is safe because of the 3.0 waits and {@code page_mkclean}, not because of
 * the direct map; an O_DIRECT buffer is still stored to through a writable user PTE; and the
 * journal's {@code memcpy} into a read-only buffer is an oops, the "invalid page states" jbd2
 * pages caused in the thread.
 */
public final class WritebackThenRoStrategy implements Strategy {
    private final MkwriteWaitStrategy waits = new MkwriteWaitStrategy();
    private final DirectMapProtection protection = new DirectMapProtection(Order.WRITEBACK_THEN_RO);

    @Override
    public String description() {
        return "mkwrite-wait + set_page_writeback then set_memory_ro at prep; kintegrityd set_memory_rw (2011 proposal)";
    }

    @Override
    public void pageMkwrite(PageHook fault, Steps steps) {
        waits.pageMkwrite(fault, steps);
    }

    @Override
    public void writeBegin(PageHook write, Steps steps) {
        waits.writeBegin(write, steps);
    }

    @Override
    public void bioIntegrityPrep(BioHook submit, Steps steps) {
        protection.bioIntegrityPrep(submit, steps);
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        protection.bioEndIo(completion, steps);
    }
}
