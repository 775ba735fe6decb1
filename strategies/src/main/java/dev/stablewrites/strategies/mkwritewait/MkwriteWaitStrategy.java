package dev.stablewrites.strategies.mkwritewait;

import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;

/**
 * Linux 3.0's stable pages: a writer that is about to change a page waits until the page's
 * writeback has ended. {@code page_mkwrite} waits after {@code lock_page} (and after
 * {@code set_page_dirty}, as {@code block_page_mkwrite} does it), and {@code write_begin} waits
 * with the page locked, as {@code grab_cache_page_write_begin} came to do. These are the waits
 * suggested in the March 2011 LKML thread ("block integrity: Fix write after checksum calculation
 * problem"); they were merged as "fs: block_page_mkwrite should wait for writeback to finish" and
 * "mm: Wait for writeback when grabbing pages to begin a write", and made conditional on
 * {@code BDI_CAP_STABLE_WRITES} in 3.9 ("mm: only enforce stable page writes if the backing
 * device requires it") because the wait raised dbench's maximum write latency on ext2 about 14×.
 *
 * <p>Why it works on the page cache: writeback sets {@code PG_writeback} under the page lock,
 * after {@code page_mkclean} has write-protected every PTE, so the next store faults into
 * {@code page_mkwrite} and sleeps. Why it is not enough: a wait protects nothing that is not under
 * {@code PG_writeback}. An O_DIRECT buffer is stored to through a writable PTE with no kernel code
 * at all, and a journal buffer is written through the direct map: neither passes these hooks.
 */
public final class MkwriteWaitStrategy implements Strategy {
    @Override
    public String description() {
        return "Linux 3.0 stable pages: wait_on_page_writeback in page_mkwrite (after lock_page) and write_begin";
    }

    @Override
    public void pageMkwrite(PageHook fault, Steps steps) {
        steps.waitOnPageWriteback(fault.page());
    }

    @Override
    public void writeBegin(PageHook write, Steps steps) {
        steps.waitOnPageWriteback(write.page());
    }
}
