package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.sched.Actor;

/**
 * What the {@code bio_endio} hook sees: the completed bio, with its status, in the completing
 * device's context.
 */
public final class BioCompletion {
    private final KernelPrimitives kernel;
    private final Actor actor;
    private final Bio bio;
    private boolean takenOver;
    private boolean disposed;

    public BioCompletion(KernelPrimitives kernel, Actor actor, Bio bio) {
        this.kernel = kernel;
        this.actor = actor;
        this.bio = bio;
    }

    /** The primitives a strategy may use. */
    public KernelPrimitives kernel() {
        return kernel;
    }

    public Actor actor() {
        return actor;
    }

    public Bio bio() {
        return bio;
    }

    /**
     * Keeps the submitter's completion from running now: the strategy owns the bio and must
     * resubmit it ({@link KernelPrimitives#resubmitSteps}) or end it ({@link KernelPrimitives#completeBio}), once.
     */
    public void takeOver() {
        takenOver = true;
    }

    public boolean takenOver() {
        return takenOver;
    }

    /**
     * Records that the strategy has disposed of the bio it took over (resubmitted or ended it).
     *
     * @throws IllegalStateException if it was not taken over, or was disposed of already: a
     *         strategy bug that would end a bio twice or resubmit one still in flight
     */
    public void dispose(String how) {
        if (!takenOver) {
            throw new IllegalStateException(how + " of " + bio + ", which the strategy did not take over");
        }
        if (disposed) {
            throw new IllegalStateException(how + " of " + bio + ", which the strategy already resubmitted or ended");
        }
        disposed = true;
    }
}
