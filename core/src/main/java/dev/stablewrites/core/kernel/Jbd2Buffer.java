package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.BufferHead;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.scenario.Jbd2Mode;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One journalled metadata buffer and its {@code journal_head}, with jbd2's paths over it, as
 * {@code fs/jbd2} has had them since 2.6.38:
 * <ul>
 * <li><b>update</b>: {@code jbd2_journal_start}, {@code jbd2_journal_get_write_access}
 * ({@code do_get_write_access} under {@code lock_buffer}: if the committing transaction is writing
 * this buffer to the log, sleep until it has; if that transaction still has it on
 * {@code BJ_Metadata}, make a frozen copy for the log), the {@code memcpy} through the direct map,
 * {@code jbd2_journal_dirty_metadata}, {@code jbd2_journal_stop};</li>
 * <li><b>commit</b>: {@code T_LOCKED}, wait for handles, switch; {@code jbd2_journal_write_metadata_buffer}
 * (the log copy is the frozen copy, or a shadow buffer head on the buffer's own page, which is then
 * shadowed); {@code submit_bh} of the descriptor and the log copy to the journal area, no
 * {@code PG_writeback}, no page lock; wait; unshadow ({@link Jbd2Mode} says where); the commit block;
 * the buffer then waits for checkpoint ({@code BH_Dirty}) or moves to the next transaction;</li>
 * <li><b>checkpoint</b>: {@code jbd2_log_do_checkpoint}: {@code write_dirty_buffer} under
 * {@code BH_Lock} to the buffer's home block, which an update's {@code lock_buffer} waits for.</li>
 * </ul>
 */
final class Jbd2Buffer {
    /** Which list of its transaction the buffer is on ({@code b_jlist}). */
    enum JList { NONE, RESERVED, METADATA, SHADOW, FORGET }

    private final Journal journal;
    private final Kernel k;
    private final Jbd2Mode mode;
    private final Page buffer;
    private final BufferHead bh;
    private final long homeSector;
    private int bTransaction;
    private int bNextTransaction;
    private boolean bModified;
    private JList jlist = JList.NONE;
    private Page frozen;

    Jbd2Buffer(Journal journal, Jbd2Mode mode, Page buffer, long homeSector) {
        this.journal = journal;
        this.k = journal.kernel();
        this.mode = mode;
        this.buffer = buffer;
        this.bh = buffer.attachBuffers();
        this.homeSector = homeSector;
    }

    /** Whether an update must wait for the log write: {@code BH_Shadow} from 3.11, {@code BJ_Shadow} before. */
    private boolean shadowed() {
        return mode == Jbd2Mode.SHADOW_WAIT ? bh.shadow() : jlist == JList.SHADOW;
    }

    // ---- an update (a handle) ------------------------------------------------------------------

    /** The filesystem updates {@code length} bytes of the buffer in a handle of the running transaction. */
    List<Step> update(int offset, int length, byte value) {
        List<Step> steps = new ArrayList<>();
        steps.add(journal.start("jbd2_journal_start"));
        steps.add(k.buffers.lockBufferStep(bh));
        steps.add(doGetWriteAccess());
        steps.add(k.journalGetWriteAccessHook(buffer));
        steps.add(Step.of("memcpy to buffer (direct map)", buffer, self -> {
            if (k.kernelWrite(self, buffer, offset, length, value) && self.tracing()) {
                self.note(String.format("%d bytes of 0x%02x at +0x%x (%s)", length, value & 0xff, offset,
                        k.intervalsOf(offset, length)));
            }
            return StepResult.DONE;
        }));
        steps.add(Step.of("jbd2_journal_dirty_metadata", buffer, self -> {
            bh.setJbdDirty(true);
            bModified = true;
            if (bTransaction == journal.running()) {
                jlist = JList.METADATA;
            }
            journal.stop();
            if (self.tracing()) {
                self.note("BH_JBDDirty; jbd2_journal_stop" + (bTransaction == journal.running()
                        ? ": on transaction " + bTransaction + "'s BJ_Metadata"
                        : ": stays with committing transaction " + bTransaction + ", then joins " + bNextTransaction));
            }
            return StepResult.DONE;
        }));
        return steps;
    }

    /** {@code do_get_write_access}, with the buffer locked by this task. */
    private Step doGetWriteAccess() {
        return Step.of("jbd2_journal_get_write_access", buffer, self -> {
            String what;
            if (bh.dirty()) {
                // Written home by no one yet: it is journalled again instead (clear_buffer_dirty, set jbddirty).
                bh.setDirty(false);
                bh.setJbdDirty(true);
            }
            int running = journal.running();
            if (bTransaction == 0) {
                bTransaction = running;
                bModified = false;
                jlist = JList.RESERVED;
                what = "joins transaction " + running;
            } else if (bTransaction == running || bNextTransaction == running) {
                what = "already in transaction " + running;
            } else if (shadowed()) {
                k.buffers.unlockBuffer(bh);
                if (self.tracing()) {
                    self.note("on shadow: the commit is writing this buffer to the log; unlock_buffer, sleep");
                }
                self.pushFront(waitShadow(), k.buffers.lockBufferStep(bh), doGetWriteAccess());
                return StepResult.DONE;
            } else {
                if (jlist == JList.METADATA) {
                    frozen = k.freezeCopy(buffer);
                    what = "transaction " + bTransaction + " has not logged it yet: frozen copy (b_frozen_data) "
                            + "for its log; joins " + running + " next";
                } else {
                    what = "transaction " + bTransaction + " has logged it; joins " + running + " next";
                }
                bNextTransaction = running;
                bModified = false;
            }
            k.buffers.unlockBuffer(bh);
            if (self.tracing()) {
                self.note(what + "; unlock_buffer");
            }
            return StepResult.DONE;
        });
    }

    private Step waitShadow() {
        String function = mode == Jbd2Mode.SHADOW_WAIT ? "wait_on_bit_io(BH_Shadow)" : "wait for BH_Unshadow";
        return Step.of(function, buffer, self -> {
            if (shadowed()) {
                return bh.shadowWait().sleep(self);
            }
            return StepResult.DONE;
        });
    }

    // ---- the commit ----------------------------------------------------------------------------

    /** {@code jbd2_journal_commit_transaction}. */
    List<Step> commit() {
        Journal.LogWrite[] log = new Journal.LogWrite[2];
        List<Step> steps = new ArrayList<>(journal.lockAndSwitch("jbd2_journal_commit_transaction", () -> { }));
        steps.add(Step.of("jbd2_journal_write_metadata_buffer", buffer, self -> {
            if (bTransaction != journal.committing() || jlist != JList.METADATA) {
                if (self.tracing()) {
                    self.note("no metadata buffer in transaction " + journal.committing());
                }
                return StepResult.DONE;
            }
            Page logPage;
            if (frozen != null) {
                logPage = frozen;
                frozen = null;
            } else {
                logPage = buffer;
            }
            jlist = JList.SHADOW;
            if (mode == Jbd2Mode.SHADOW_WAIT) {
                bh.setShadow(true);
            }
            if (self.tracing()) {
                self.note(logPage == buffer ? "log copy: a shadow buffer head on the buffer's own page; "
                        + (mode == Jbd2Mode.SHADOW_WAIT ? "BH_Shadow set" : "buffer on BJ_Shadow")
                        : "log copy: the frozen copy (done_copy_out); the buffer itself is free to change");
            }
            log[0] = new Journal.LogWrite(new Bio(Bio.Origin.JOURNAL_LOG, journal.logBlock(0))
                    .withFlags(Bio.Flag.SYNC, Bio.Flag.META));
            log[1] = new Journal.LogWrite(new Bio(Bio.Origin.JOURNAL_LOG, journal.logBlock(1))
                    .withFlags(Bio.Flag.SYNC, Bio.Flag.META));
            Page descriptor = journal.journalBlock("jbd2 descriptor block", 1);
            List<Step> next = new ArrayList<>(journal.submit(log[0], descriptor, () -> { }));
            next.addAll(journal.submit(log[1], logPage, this::journalEndBufferIoSync));
            next.add(journal.waitFor(log[0], descriptor));
            next.add(journal.waitFor(log[1], logPage));
            self.pushFront(next);
            return StepResult.DONE;
        }));
        steps.add(Step.of("jbd2 unfile log buffers", buffer, self -> {
            if (log[1] == null) {
                return StepResult.DONE;
            }
            if (jlist == JList.SHADOW) {
                jlist = JList.FORGET;
                if (mode == Jbd2Mode.FROZEN_COPY) {
                    bh.shadowWait().wakeAll();
                }
            }
            for (Journal.LogWrite w : log) {
                if (w.failed()) {
                    journal.abort(self, w.bio);
                }
            }
            if (self.tracing() && !journal.aborted()) {
                self.note(mode == Jbd2Mode.FROZEN_COPY ? "buffer refiled BJ_Shadow -> BJ_Forget; wake_up_bit(BH_Unshadow)"
                        : "buffer refiled to BJ_Forget (BH_Shadow was cleared at I/O completion)");
            }
            return StepResult.DONE;
        }));
        steps.addAll(journal.commitRecord(Bio.Flag.SYNC, Bio.Flag.META, Bio.Flag.PREFLUSH, Bio.Flag.FUA));
        steps.add(Step.of("jbd2 commit done", buffer, self -> {
            refileAfterCommit(self);
            journal.finish(self);
            return StepResult.DONE;
        }));
        return steps;
    }

    /** {@code journal_end_buffer_io_sync} of the log copy: from 3.11 it unshadows the buffer, in interrupt context. */
    private void journalEndBufferIoSync() {
        if (mode == Jbd2Mode.SHADOW_WAIT && bh.shadow()) {
            bh.setShadow(false);
            bh.shadowWait().wakeAll();
        }
    }

    /** {@code __jbd2_journal_refile_buffer}: to the next transaction, or out of the journal awaiting checkpoint. */
    private void refileAfterCommit(Actor self) {
        if (bTransaction != journal.committing()) {
            return;
        }
        if (bNextTransaction != 0) {
            bTransaction = bNextTransaction;
            bNextTransaction = 0;
            jlist = bModified ? JList.METADATA : JList.RESERVED;
            if (self.tracing()) {
                self.note("buffer refiled to transaction " + bTransaction);
            }
        } else {
            bTransaction = 0;
            jlist = JList.NONE;
            if (bh.jbdDirty()) {
                bh.setJbdDirty(false);
                bh.setDirty(true);
            }
            if (self.tracing()) {
                self.note("buffer unfiled: BH_Dirty, on the checkpoint list");
            }
        }
    }

    // ---- checkpoint ----------------------------------------------------------------------------

    /** {@code jbd2_log_do_checkpoint} for this buffer: {@code write_dirty_buffer} to its home block, and wait. */
    List<Step> checkpoint() {
        boolean[] submitted = {false};
        Bio bio = new Bio(Bio.Origin.CHECKPOINT, homeSector).withFlags(Bio.Flag.SYNC, Bio.Flag.META);
        Step write = Step.of("write_dirty_buffer", buffer, self -> {
            if (!bh.dirty()) {
                k.buffers.unlockBuffer(bh);
                if (self.tracing()) {
                    self.note("buffer clean: nothing to write; unlock_buffer");
                }
                return StepResult.DONE;
            }
            bh.setDirty(false);
            submitted[0] = true;
            bio.addPage(buffer, 0, k.pageSize());
            List<Step> next = new ArrayList<>(k.buffers.submitBhSteps(bio, done -> List.of(
                    Step.of("end_buffer_write_sync", buffer, irq -> {
                        k.buffers.unlockBuffer(bh);
                        return StepResult.DONE;
                    }))));
            next.add(k.buffers.waitOnBufferStep(bh, "the checkpoint write"));
            self.pushFront(next);
            if (self.tracing()) {
                self.note("test_clear_buffer_dirty; submit_bh to the home block under BH_Lock");
            }
            return StepResult.DONE;
        });
        return List.of(
                Step.of("jbd2_log_do_checkpoint", buffer, self -> {
                    if (journal.aborted()) {
                        // An aborted journal writes nothing home: the buffer's last logged state may be corrupt.
                        if (self.tracing()) {
                            self.note("journal aborted: nothing is written home");
                        }
                        return StepResult.DONE;
                    }
                    if (!bh.dirty()) {
                        if (self.tracing()) {
                            self.note("no buffer awaiting checkpoint");
                        }
                        return StepResult.DONE;
                    }
                    self.pushFront(k.buffers.lockBufferStep(bh), write, Step.of("jbd2 checkpoint done", buffer, a -> {
                        if (submitted[0]) {
                            boolean failed = bio.status() != BlkStatus.OK;
                            if (failed && a.tracing()) {
                                a.note("checkpoint write failed: -EIO");
                            }
                            k.returnToUser(a, "journal checkpoint", failed, 0, bio.faultInjected());
                        }
                        return StepResult.DONE;
                    }));
                    return StepResult.DONE;
                }));
    }
}
