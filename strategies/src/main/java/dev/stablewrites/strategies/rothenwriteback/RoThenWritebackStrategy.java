package dev.stablewrites.strategies.rothenwriteback;

import dev.stablewrites.strategies.setmemoryro.SetMemoryRoStrategy;

/**
 * {@code writeback-then-ro} with its two prep steps swapped: {@code set_memory_ro}, then
 * {@code set_page_writeback}. Andreas Dilger warned against this order in the March 2011 thread:
 * "you need to set_page_writeback() before setting the page read-only, otherwise the race still
 * exists" — a writer that faults on the read-only page before {@code PG_writeback} is set finds
 * nothing to wait for in {@code page_mkwrite}.
 *
 * <p>The warning assumes the fault goes to {@code page_mkwrite}. With {@code set_memory_ro} it
 * cannot: the direct map is the kernel's, user PTEs are untouched, and a kernel fault on it is a
 * short {@code copy_from_user} or an oops, never a wait. The window the warning names, read-only
 * with no {@code PG_writeback}, is real and is visible in a trace; what decides the verdicts is
 * the same as for {@code writeback-then-ro}. Where the order does matter in Linux is the page
 * lock: {@code write_cache_pages} write-protects user PTEs in {@code clear_page_dirty_for_io}
 * <em>before</em> {@code set_page_writeback}, and is safe only because both happen under
 * {@code lock_page}, which {@code page_mkwrite} must take too.
 */
public final class RoThenWritebackStrategy extends SetMemoryRoStrategy {
    public RoThenWritebackStrategy() {
        super(Order.RO_THEN_WRITEBACK);
    }

    @Override
    public String description() {
        return "as writeback-then-ro with set_memory_ro before set_page_writeback: the order the 2011 thread warns about";
    }
}
