package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.mm.BufferHead;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioHook;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffer heads ({@code fs/buffer.c}): {@code BH_Lock} and the waits on it. Paths that write a block
 * with {@code submit_bh} (jbd2, its checkpoint, ext3's ordered data, a writepage of a page with
 * buffers) hold the buffer lock from before the submit until the completion unlocks it.
 */
final class Buffers {
    private final Kernel k;

    Buffers(Kernel k) {
        this.k = k;
    }

    /** {@code lock_buffer}: takes {@code BH_Lock}, or sleeps until whoever writes the buffer releases it. */
    Step lockBufferStep(BufferHead bh) {
        return Step.of("lock_buffer", bh.page(), self -> lockBuffer(self, bh));
    }

    StepResult lockBuffer(Actor self, BufferHead bh) {
        if (self.atomicContext()) {
            k.schedulingWhileAtomic(self, "lock_buffer on " + bh.page());
            return StepResult.DONE;
        }
        if (bh.locked()) {
            if (self.tracing()) {
                self.note("sleeps: buffer locked" + (bh.lockHolder() == null ? " for I/O" : " by " + bh.lockHolder().id()));
            }
            return bh.lockWait().sleep(self);
        }
        bh.setLocked(true, self);
        return StepResult.DONE;
    }

    /** {@code unlock_buffer}: releases {@code BH_Lock} (an I/O completion does it for the submitter) and wakes waiters. */
    void unlockBuffer(BufferHead bh) {
        if (!bh.locked()) {
            k.bug("unlock_buffer on " + bh.page() + "'s buffer, which is not locked");
            return;
        }
        bh.setLocked(false, null);
        bh.lockWait().wakeAll();
    }

    /** {@code wait_on_buffer}: sleeps while the buffer is locked (its I/O in flight). */
    Step waitOnBufferStep(BufferHead bh, String what) {
        return Step.of("wait_on_buffer", bh.page(), self -> {
            if (bh.locked()) {
                if (self.tracing()) {
                    self.note("sleeps until " + what + " completes");
                }
                return bh.lockWait().sleep(self);
            }
            return StepResult.DONE;
        });
    }

    /**
     * {@code __sync_dirty_buffer(bh, WRITE_SYNC)} (fs/buffer.c, 3.8): {@code lock_buffer} (sleeping
     * while another write of the block is in flight); if {@code test_clear_buffer_dirty}, a
     * {@code submit_bh} of the block to {@code sector} completed by {@code end_buffer_write_sync}
     * (which unlocks it), then {@code wait_on_buffer}; a clean buffer is just unlocked. {@code onSubmit}
     * runs when a write is submitted: a buffer another task's write already carried is clean by then.
     */
    List<Step> syncDirtyBufferSteps(BufferHead bh, long sector, String what, Runnable onSubmit) {
        Step write = Step.of("sync_dirty_buffer", bh.page(), self -> {
            if (!bh.dirty()) {
                unlockBuffer(bh);
                if (self.tracing()) {
                    self.note("buffer clean: nothing to write; unlock_buffer");
                }
                return StepResult.DONE;
            }
            bh.setDirty(false);
            onSubmit.run();
            // WRITE_SYNC (include/linux/fs.h, 3.x: WRITE | REQ_SYNC | REQ_NOIDLE): no REQ_META on this path.
            Bio bio = new Bio(Bio.Origin.METADATA, sector).withFlags(Bio.Flag.SYNC);
            bio.addPage(bh.page(), 0, k.pageSize());
            List<Step> next = new ArrayList<>(submitBhSteps(bio, done -> List.of(
                    Step.of("end_buffer_write_sync", bh.page(), irq -> {
                        unlockBuffer(bh);
                        return StepResult.DONE;
                    }))));
            next.add(waitOnBufferStep(bh, "the write of " + what));
            self.pushFront(next);
            if (self.tracing()) {
                self.note("test_clear_buffer_dirty; submit_bh(WRITE_SYNC) of " + what + " under BH_Lock");
            }
            return StepResult.DONE;
        });
        return List.of(lockBufferStep(bh), write);
    }

    /**
     * The steps of {@code submit_bh}: the strategy's {@code submit_bh} hook (a bio built by a
     * buffer-head path: journal, checkpoint, ext3 data), then {@code submit_bio}.
     */
    List<Step> submitBhSteps(Bio bio, BlockLayer.OwnerEndIo ownerEndIo) {
        List<Step> steps = new ArrayList<>(4);
        steps.add(k.hookPoint("submit_bh", (a, s) -> k.strategy().submitBh(new BioHook(k, a, bio), s)));
        steps.addAll(k.block.submitBioSteps(bio, ownerEndIo));
        return steps;
    }
}
