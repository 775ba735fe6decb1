package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.sched.Actor;

/**
 * What the {@code bio_endio} hook sees: the completed bio, with its status, in the completing
 * device's context.
 */
public final class BioCompletion {
    private final Kernel kernel;
    private final Actor actor;
    private final Bio bio;
    private boolean takenOver;

    public BioCompletion(Kernel kernel, Actor actor, Bio bio) {
        this.kernel = kernel;
        this.actor = actor;
        this.bio = bio;
    }

    public Kernel kernel() {
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
     * resubmit it ({@link Kernel#resubmitSteps}) or end it ({@link Kernel#completeBio}).
     */
    public void takeOver() {
        takenOver = true;
    }

    public boolean takenOver() {
        return takenOver;
    }
}
