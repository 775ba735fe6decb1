package dev.stablewrites.strategies.recheckresubmit;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import jakarta.inject.Inject;

/**
 * Re-checksum and resubmit: when a write completes with {@code BLK_STS_PROTECTION}, take the bio
 * over, regenerate its tuples from the bytes its pages hold <em>now</em> and submit it again, up
 * to {@code recheck-resubmit.retry-limit} times (default 3); then let the error stand, so the
 * submitter's completion fails the write. The resubmit runs from the kworker: {@code submit_bio}
 * may sleep, and {@code bio_endio} runs in interrupt context.
 *
 * <p>Darrick Wong's "'re-checksum and resubmit' patch I made a while back, though it seems like a
 * bandaid" from the March 2011 thread. OpenZFS's Direct I/O does the check half of it:
 * {@code zfs_vdev_direct_write_verify} re-checksums the user's buffer after the write and, if it
 * changed, returns EIO rather than commit a block whose checksum is wrong.
 *
 * <p>It never makes a writer wait and copies nothing, but it only reacts to a protection error
 * reported on write. A writer that keeps storing during every DMA exhausts any limit. A mismatch
 * nobody reports never triggers it: a btrfs-style {@code fs-crc32c} is checked only on read, and
 * md reports its legs' PI errors to the master bio as success (one leg) or {@code BLK_STS_IOERR}
 * (both). And each retry sends the page as it is now, not as it was when the write was issued.
 */
public final class RecheckResubmitStrategy implements Strategy {
    private final int retryLimit;

    @Inject
    public RecheckResubmitStrategy(RecheckResubmitSettings settings) {
        this.retryLimit = settings.retryLimit();
    }

    @Override
    public String description() {
        return "on BLK_STS_PROTECTION regenerate the tuples from the page now and resubmit, up to "
                + retryLimit + " times (2011 'bandaid')";
    }

    /** How often one bio may be resubmitted. */
    public int retryLimit() {
        return retryLimit;
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        Bio bio = completion.bio();
        if (bio.status() != BlkStatus.PROTECTION) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        var page = bio.vecs().get(0).page();
        if (bio.resubmits() >= retryLimit) {
            steps.add("recheck_resubmit", page, irq -> {
                if (irq.tracing()) {
                    irq.note("resubmitted " + bio.resubmits() + " of " + retryLimit + " times: the protection error stands");
                }
                return StepResult.DONE;
            });
            return;
        }
        completion.takeOver();
        steps.add("queue_work(resubmit)", page, irq -> {
            // Regeneration and submit_bio run later on the kworker, where sleeping is allowed.
            k.queueResubmit(completion, true);
            if (irq.tracing()) {
                irq.note("protection error: bio taken over; kworker regenerates and resubmits (" + (bio.resubmits() + 1)
                        + " of " + retryLimit + ")");
            }
            return StepResult.DONE;
        });
    }
}
