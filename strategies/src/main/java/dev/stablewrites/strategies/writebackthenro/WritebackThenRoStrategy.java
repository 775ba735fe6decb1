package dev.stablewrites.strategies.writebackthenro;

import dev.stablewrites.strategies.setmemoryro.SetMemoryRoStrategy;

/**
 * The seed thread's proposal (LKML, March 2011, Darrick J. Wong with Andreas Dilger's
 * correction): {@code mkwrite-wait}'s waits, plus, in {@code bio_integrity_prep} for each page,
 * {@code set_page_writeback} where it is not already set and <em>then</em> {@code set_memory_ro};
 * the kintegrityd workqueue runs {@code set_memory_rw} and ends the writeback prep started after
 * the bio completes (see {@link SetMemoryRoStrategy}).
 *
 * <p>The hope was that a read-only page sends every writer into the fault handler and so into
 * {@code page_mkwrite}'s wait. It does not: {@code set_memory_ro} changes the kernel's direct map
 * only. The page cache is safe because of the 3.0 waits and {@code page_mkclean}, not because of
 * the direct map; an O_DIRECT buffer is still stored to through a writable user PTE; and the
 * journal's {@code memcpy} into a read-only buffer is an oops. (jbd2's pages were trouble in the
 * thread too: they reach {@code bio_integrity_prep} without {@code PG_writeback}, and setting it on
 * them brought "complaints about invalid page states".)
 */
public final class WritebackThenRoStrategy extends SetMemoryRoStrategy {
    public WritebackThenRoStrategy() {
        super(Order.WRITEBACK_THEN_RO);
    }

    @Override
    public String description() {
        return "mkwrite-wait + set_page_writeback then set_memory_ro at prep; kintegrityd set_memory_rw (2011 proposal)";
    }
}
