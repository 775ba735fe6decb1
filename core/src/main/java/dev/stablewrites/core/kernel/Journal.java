package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WaitQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal's transactions, as jbd and jbd2 keep them: one running transaction that handles join
 * ({@code journal_start}, {@code t_updates}), at most one committing. A commit locks the running
 * transaction ({@code T_LOCKED}: new handles wait), waits for its open handles to stop, makes it the
 * committing one and starts a new running one; then it writes what the transaction holds and,
 * last, the commit block ({@code REQ_PREFLUSH|REQ_FUA}). An I/O error on the log aborts the journal
 * ({@code jbd2_journal_abort}), and the commit reports EIO.
 *
 * <p>What a transaction holds is the filesystem's: jbd2 metadata ({@link Jbd2Buffer}) or ext3's
 * ordered file data ({@link Ext3Ordered}). The journal area follows the file's home blocks on the
 * device, one page-sized block each: descriptor, log copy, commit block.
 */
final class Journal {
    /** JBD2_MAGIC_NUMBER, the first word of every journal block the commit writes. */
    static final int JBD2_MAGIC = 0xc03b3998;

    private final Kernel k;
    private final long logSector;
    private final int blockSectors;
    private final WaitQueue updatesWait = new WaitQueue("t_updates of the locked transaction", "the journal");
    private final WaitQueue lockedWait = new WaitQueue("the running transaction to leave T_LOCKED", "the journal");
    private int running = 1;
    private int committing;
    private int updates;
    private boolean locked;
    private boolean aborted;
    private boolean abortInjected;

    /**
     * @param logSector where the journal area starts, in 512-byte sectors
     */
    Journal(Kernel k, long logSector) {
        this.k = k;
        this.logSector = logSector;
        this.blockSectors = k.pageSize() / 512;
    }

    Kernel kernel() {
        return k;
    }

    /** The running transaction's id ({@code j_running_transaction->t_tid}). */
    int running() {
        return running;
    }

    /** The committing transaction's id, 0 when none commits. */
    int committing() {
        return committing;
    }

    /** The sector of journal block {@code n} (0: descriptor, 1: log copy, 2: commit block). */
    long logBlock(int n) {
        return logSector + (long) n * blockSectors;
    }

    // ---- handles -------------------------------------------------------------------------------

    /** {@code journal_start}: joins the running transaction, sleeping while it is {@code T_LOCKED}. */
    Step start(String function) {
        return Step.of(function, null, self -> {
            if (locked) {
                if (self.tracing()) {
                    self.note("transaction " + running + " is T_LOCKED: sleeps until the commit has switched");
                }
                return lockedWait.sleep(self);
            }
            updates++;
            if (self.tracing()) {
                self.note("handle on transaction " + running);
            }
            return StepResult.DONE;
        });
    }

    /** {@code journal_stop}: leaves the transaction; the last handle out wakes a waiting commit. */
    void stop() {
        if (--updates == 0) {
            updatesWait.wakeAll();
        }
    }

    // ---- the commit ----------------------------------------------------------------------------

    /**
     * The first steps of every commit: {@code T_LOCKED}, wait for {@code t_updates} to reach 0, switch
     * transactions. {@code then} runs right after the switch, in the same step.
     */
    List<Step> lockAndSwitch(String function, Runnable then) {
        List<Step> steps = new ArrayList<>(2);
        steps.add(Step.of(function, null, self -> {
            locked = true;
            if (self.tracing()) {
                self.note("transaction " + running + " T_LOCKED: no new handle may join it");
            }
            return StepResult.DONE;
        }));
        steps.add(Step.of("wait for t_updates", null, self -> {
            if (updates > 0) {
                if (self.tracing()) {
                    self.note("sleeps until " + updates + " open handle(s) stop");
                }
                return updatesWait.sleep(self);
            }
            committing = running;
            running++;
            locked = false;
            lockedWait.wakeAll();
            then.run();
            if (self.tracing()) {
                self.note("T_FLUSH: transaction " + committing + " commits, " + running + " runs");
            }
            return StepResult.DONE;
        }));
        return steps;
    }

    /** A journal block of the commit's own: magic, block type, transaction id, in a kernel page. */
    Page journalBlock(String what, int blockType) {
        Page p = k.allocKernelPage(what);
        putInt(p.data(), 0, JBD2_MAGIC);
        putInt(p.data(), 4, blockType);
        putInt(p.data(), 8, committing);
        return p;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** One write the commit submits and waits for: its bio, whether it completed, its wait queue. */
    static final class LogWrite {
        final Bio bio;
        boolean done;
        final WaitQueue wait = new WaitQueue("journal block I/O", "the journal");

        LogWrite(Bio bio) {
            this.bio = bio;
        }

        boolean failed() {
            return done && bio.status() != BlkStatus.OK;
        }
    }

    /**
     * {@code submit_bh} of a journal block; {@code onEndIo} runs in the completion
     * ({@code journal_end_buffer_io_sync}) before the waiter is woken.
     */
    List<Step> submit(LogWrite w, Page page, Runnable onEndIo) {
        w.bio.addPage(page, 0, k.pageSize());
        return k.buffers.submitBhSteps(w.bio, done -> List.of(Step.of("journal_end_buffer_io_sync", page, irq -> {
            w.done = true;
            onEndIo.run();
            w.wait.wakeAll();
            return StepResult.DONE;
        })));
    }

    /** {@code wait_on_buffer} for a journal block's write. */
    Step waitFor(LogWrite w, Page page) {
        return Step.of("wait_on_buffer", page, self -> {
            if (w.done) {
                return StepResult.DONE;
            }
            if (self.tracing()) {
                self.note("sleeps until " + w.bio + " completes");
            }
            return w.wait.sleep(self);
        });
    }

    /** {@code journal_submit_commit_record} and its wait: skipped when the journal is already aborted. */
    List<Step> commitRecord(Bio.Flag... flags) {
        LogWrite[] w = new LogWrite[1];
        Step submit = Step.of("journal_submit_commit_record", null, self -> {
            if (aborted) {
                if (self.tracing()) {
                    self.note("journal aborted: no commit record");
                }
                return StepResult.DONE;
            }
            w[0] = new LogWrite(new Bio(Bio.Origin.JOURNAL_LOG, logBlock(2)).withFlags(flags));
            Page block = journalBlock("journal commit block", 2);
            List<Step> next = new ArrayList<>(submit(w[0], block, () -> { }));
            next.add(waitFor(w[0], block));
            next.add(Step.silent("commit record done", a -> {
                if (w[0].failed()) {
                    abort(a, w[0].bio);
                }
                return StepResult.DONE;
            }));
            self.pushFront(next);
            return StepResult.DONE;
        });
        return List.of(submit);
    }

    /** {@code jbd2_journal_abort}: the journal takes no more commits; the commit reports the error. */
    void abort(Actor self, Bio failed) {
        if (!aborted && self.tracing()) {
            self.note("I/O error on " + failed + ": journal_abort, -EIO");
        }
        aborted = true;
        abortInjected |= failed.faultInjected();
    }

    /** The end of a commit: the committing transaction is done; report to whoever waits for it. */
    void finish(Actor self) {
        committing = 0;
        k.returnToUser(self, "journal commit", aborted, 0, abortInjected);
    }

    boolean aborted() {
        return aborted;
    }
}
