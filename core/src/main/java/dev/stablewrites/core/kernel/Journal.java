package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WaitQueue;
import dev.stablewrites.core.strategy.BioHook;
import java.util.ArrayList;
import java.util.List;

/**
 * A jbd2-like journal. The commit writes a metadata buffer in a kernel page with {@code submit_bh}:
 * no {@code PG_writeback}, no page lock. The filesystem may update the buffer through the direct
 * map for the next transaction at any time; jbd2's real guards (a frozen copy, waiting on
 * {@code BH_Shadow}) are left to strategies, at {@code jbd2_journal_get_write_access}.
 */
final class Journal {
    private Journal() {
    }

    /** One commit of the buffer to {@code sector}: submit, wait, abort the journal with EIO on failure. */
    static List<Step> commit(Kernel k, Page buffer, long sector) {
        WaitQueue done = new WaitQueue("journal buffer I/O");
        Bio bio = new Bio(Bio.Origin.JOURNAL, sector);
        boolean[] completed = {false};
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("jbd2_journal_commit_transaction", buffer, self -> {
            bio.addPage(buffer, 0, k.pageSize());
            List<Step> next = new ArrayList<>();
            next.add(k.hookPoint("submit_bh", (a, s) -> k.strategy().submitBh(new BioHook(k, a, bio), s)));
            next.addAll(k.submitBioSteps(bio, b -> List.of(Step.of("end_buffer_write_sync", buffer, irq -> {
                completed[0] = true;
                done.wakeAll();
                return StepResult.DONE;
            }))));
            self.pushFront(next);
            if (self.tracing()) {
                self.note("submit_bh(REQ_OP_WRITE) of the metadata buffer");
            }
            return StepResult.DONE;
        }));
        steps.add(Step.of("wait_on_buffer", buffer, self -> {
            if (completed[0]) {
                return StepResult.DONE;
            }
            if (self.tracing()) {
                self.note("sleeps until the buffer's I/O completes");
            }
            return done.sleep(self);
        }));
        steps.add(Step.of("jbd2 commit done", buffer, self -> {
            boolean failed = bio.status() != BlkStatus.OK;
            if (failed && self.tracing()) {
                self.note("I/O error: jbd2_journal_abort, -EIO");
            }
            k.returnToUser(self, "journal commit", failed, 0, bio.faultInjected());
            return StepResult.DONE;
        }));
        return steps;
    }

    /** The filesystem updates {@code length} bytes of the buffer for the next transaction. */
    static List<Step> update(Kernel k, Page buffer, int offset, int length, byte value) {
        return List.of(
                Step.of("jbd2_journal_get_write_access", buffer, self -> StepResult.DONE),
                k.journalGetWriteAccessHook(buffer),
                Step.of("memcpy to buffer (direct map)", buffer, self -> {
                    if (k.kernelWrite(self, buffer, offset, length, value) && self.tracing()) {
                        self.note(String.format("%d bytes of 0x%02x at +0x%x (%s)", length, value & 0xff, offset,
                                k.intervalsOf(offset, length)));
                    }
                    return StepResult.DONE;
                }),
                Step.of("jbd2_journal_dirty_metadata", buffer, self -> StepResult.DONE));
    }
}
