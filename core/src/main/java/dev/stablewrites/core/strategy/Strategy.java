package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;

/**
 * A mitigation of the write-after-checksum race, acting only through hooks named after the kernel
 * functions they shadow. Every hook is a no-op by default; a hook acts by adding steps to
 * {@link Steps}, each of which becomes one atomic, schedulable step of the actor that reached the
 * hook, so the order of a strategy's own steps is explored like everything else.
 *
 * <p>A hook is called when its actor reaches the hook point, so it sees the state of that moment.
 * A fresh instance serves each run: fields may hold per-run state. Register an implementation
 * with a {@link StrategyModule}.
 */
public interface Strategy {
    /** One line for {@code list}: the mechanism and where it comes from. */
    String description();

    /**
     * The I/O paths this strategy acts on, by the origin of their bios; every path by default. A
     * part of a composed strategy ({@code a+b}) is asked only about its own paths: its bio hooks see
     * only bios of these origins, its page hooks ({@code pageMkwrite}, {@code writeBegin}) run only
     * if it claims {@link Bio.Origin#WRITEBACK} (the page cache), {@code journalGetWriteAccess} only
     * for {@link Bio.Origin#JOURNAL_LOG}, {@code submitDirectIo} only for {@link Bio.Origin#DIRECT_IO}.
     */
    default java.util.Set<Bio.Origin> paths() {
        return java.util.EnumSet.allOf(Bio.Origin.class);
    }

    /**
     * The filesystem's {@code ->page_mkwrite}, called from {@code do_wp_page} with the page locked
     * and already dirtied (as {@code block_page_mkwrite} dirties it), before the PTE is made
     * writable. Called only on the read-only to writable transition: stores through a writable PTE
     * run no kernel code at all.
     */
    default void pageMkwrite(PageHook fault, Steps steps) {
    }

    /** {@code ->write_begin} of a buffered {@code write()}, with the page cache page locked. */
    default void writeBegin(PageHook write, Steps steps) {
    }

    /**
     * {@code bio_integrity_prep}: called from {@code submit_bio} before the integrity tuples are
     * generated from the bytes in memory. Every write bio passes here: writeback, O_DIRECT, journal,
     * whatever the profile: for {@code fs-crc32c} it stands where btrfs computes its csums, and for
     * {@code none} it is the submission point, so one strategy compares across every profile. On
     * RAID1 it runs once, for the master bio, before md clones it; with {@code raid1-integrity=per-leg}
     * too, though the tuples are then generated later, by each leg's disk.
     */
    default void bioIntegrityPrep(BioHook submit, Steps steps) {
    }

    /**
     * {@code blk_queue_bounce} in the queue's {@code make_request_fn}: after {@code bio_integrity_prep}
     * has generated the tuples (in {@code generic_make_request_checks}, as 3.9 ordered them), before the
     * bio is queued to the device. A copy made here is DMA'd, but the tuples came from the page as it
     * was a step earlier: the window between them is 3.9's {@code BIO_SNAP_STABLE} window.
     */
    default void blkQueueBounce(BioHook submit, Steps steps) {
    }

    /**
     * {@code bio_endio}, before the submitter's completion runs, in the device's interrupt
     * context: a step here that sleeps is "scheduling while atomic" ({@code NO_OOPS}); work that
     * may sleep, a resubmit included, goes to the kworker
     * ({@link KernelPrimitives#queueWork}), as kintegrityd does. A strategy that {@linkplain BioCompletion#takeOver() takes the bio over}
     * must later resubmit or end it.
     */
    default void bioEndIo(BioCompletion completion, Steps steps) {
    }

    /** The O_DIRECT submission point: the user pages are pinned and the bio built, not yet submitted. */
    default void submitDirectIo(BioHook submit, Steps steps) {
    }

    /**
     * {@code submit_bh}: a buffer-head write is built, not yet submitted. jbd2's log writes
     * (descriptor, log copy, commit block: {@code Bio.Origin.JOURNAL_LOG}), its checkpoint
     * ({@code CHECKPOINT}), ext3's ordered data ({@code EXT3_DATA}) and, in timed runs, ext2's
     * inode-table writes in {@code fsync} ({@code METADATA}) come here; none sets {@code PG_writeback}. {@code submit.bio().origin()} and {@code flags()} say which.
     */
    default void submitBh(BioHook submit, Steps steps) {
    }

    /**
     * {@code jbd2_journal_get_write_access}: the filesystem is about to update a journalled
     * metadata buffer through the direct map. jbd2's own guards have already run (the kernel
     * model's: a sleep while the commit writes the buffer to the log, a frozen copy while the
     * committing transaction has not yet reached it); the buffer lock is released.
     */
    default void journalGetWriteAccess(PageHook update, Steps steps) {
    }
}
