package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.BufferHead;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * ext3 {@code data=ordered} on jbd, the unstable journal path of Linux 2.6 to 4.2: a {@code write()}
 * files the page's buffer on the running transaction ({@code journal_dirty_data} in
 * {@code ext3_ordered_write_end}); kjournald's commit writes it first, in
 * {@code journal_submit_data_buffers}, with {@code submit_bh} under the buffer lock only: no page
 * lock, no {@code PG_writeback}, no {@code page_mkclean} ("we cannot afford to clean the page and set
 * PageWriteback here due to lock ordering", fs/jbd/commit.c), so {@code write()} and mmap writers
 * go on changing the page while it is DMA'd. A data I/O error is recorded on the mapping
 * ({@code AS_EIO}, {@code SetPageError}) for the next fsync; the journal is aborted only with
 * {@code data_err=abort}. Then the commit block.
 *
 * <p>Left out: the transaction's own metadata (the inode), and {@code journal_dirty_data}'s
 * {@code sync_dirty_buffer} of a buffer the committing transaction still holds (the model leaves
 * such a buffer with that transaction and refiles it when the commit ends).
 */
final class Ext3Ordered {
    private final Journal journal;
    private final Kernel k;
    private final AddressSpace mapping;
    private final Page page;
    private final BufferHead bh;
    /** The transaction whose data list the page's buffer is on, 0 for none. */
    private int dataTransaction;

    Ext3Ordered(Journal journal, AddressSpace mapping, Page page) {
        this.journal = journal;
        this.k = journal.kernel();
        this.mapping = mapping;
        this.page = page;
        this.bh = page.attachBuffers();
    }

    /** {@code ext3_journal_start} in {@code ext3_write_begin}, after the page lock (page lock ranks above it). */
    Step writeBegin() {
        return journal.start("ext3_journal_start");
    }

    /**
     * In {@code ext3_ordered_write_end}, with the page locked and the bytes copied: {@code journal_dirty_data}
     * files the buffer on the running transaction (one that the committing transaction holds stays
     * there), then {@code ext3_journal_stop}.
     */
    String writeEnd() {
        String what;
        if (dataTransaction == 0) {
            dataTransaction = journal.running();
            what = "journal_dirty_data: buffer on transaction " + dataTransaction + "'s data list";
        } else {
            what = "journal_dirty_data: buffer already on transaction " + dataTransaction + "'s data list";
        }
        journal.stop();
        return what;
    }

    /** {@code ext3_journal_stop} of a write that copied nothing: no data to file. */
    void stopHandle() {
        journal.stop();
    }

    /** kjournald's {@code journal_commit_transaction}. */
    List<Step> commit() {
        boolean[] submitted = {false};
        Bio data = new Bio(Bio.Origin.EXT3_DATA, mapping.sectorOf(0, k.pageSize()))
                .withFlags(Bio.Flag.SNAP_STABLE, Bio.Flag.SYNC);
        List<Step> steps = new ArrayList<>(journal.lockAndSwitch("journal_commit_transaction", () -> { }));
        steps.add(Step.of("journal_submit_data_buffers", page, self -> {
            if (dataTransaction != journal.committing()) {
                if (self.tracing()) {
                    self.note("no data buffer on transaction " + journal.committing());
                }
                return StepResult.DONE;
            }
            if (bh.locked()) {
                if (self.tracing()) {
                    self.note("buffer locked: writepage's I/O is in flight; waited on below");
                }
                return StepResult.DONE;
            }
            if (!bh.dirty()) {
                if (self.tracing()) {
                    self.note("buffer clean: written already");
                }
                return StepResult.DONE;
            }
            bh.setLocked(true, self); // trylock_buffer
            bh.setDirty(false);
            submitted[0] = true;
            data.addPage(page, 0, k.pageSize());
            self.pushFront(k.buffers.submitBhSteps(data, done -> List.of(Step.of("end_buffer_write_sync", page, irq -> {
                k.buffers.unlockBuffer(bh);
                return StepResult.DONE;
            }))));
            if (self.tracing()) {
                self.note("trylock_buffer, clear BH_Dirty, submit_bh(WRITE, BIO_SNAP_STABLE): no page lock, "
                        + "no PG_writeback, PTEs left writable");
            }
            return StepResult.DONE;
        }));
        steps.add(k.buffers.waitOnBufferStep(bh, "the data write"));
        steps.add(Step.of("journal_commit_transaction", page, self -> {
            if (submitted[0] && data.status() != BlkStatus.OK) {
                page.set(Page.PG_ERROR);
                mapping.setError(data.faultInjected());
                if (self.tracing()) {
                    self.note("JBD: Detected IO errors while flushing file data: SetPageError, AS_EIO on the mapping");
                }
            }
            return StepResult.DONE;
        }));
        steps.addAll(journal.commitRecord(Bio.Flag.SNAP_STABLE, Bio.Flag.SYNC, Bio.Flag.META, Bio.Flag.PREFLUSH,
                Bio.Flag.FUA));
        steps.add(Step.of("journal commit done", page, self -> {
            if (dataTransaction == journal.committing()) {
                // A write() that redirtied the buffer meanwhile leaves it for the running transaction.
                dataTransaction = bh.dirty() ? journal.running() : 0;
            }
            journal.finish(self);
            return StepResult.DONE;
        }));
        return steps;
    }
}
