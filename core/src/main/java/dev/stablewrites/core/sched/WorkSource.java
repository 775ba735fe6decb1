package dev.stablewrites.core.sched;

/**
 * Where an actor's next operation comes from: a writer's list of operations, a device's queue of
 * bios, a workqueue's pending work. When the actor's current steps are done, the scheduler asks
 * its source to push the steps of the next operation.
 */
public interface WorkSource {
    /** Whether an operation can be started now. */
    boolean ready();

    /** Whether no operation will ever be started again (the actor is finished once idle). */
    boolean exhausted();

    /** Pushes the steps of the next operation onto {@code actor}; called only when {@link #ready()}. */
    void loadNext(Actor actor);

    /**
     * Whether {@code actor}'s next pending step commutes with every step every other actor can take
     * while it waits: it reads nothing they write and writes nothing they read, and they cannot
     * disable it. Such a step is a persistent set on its own (Godefroid, LNCS 1032, 1996), so the
     * state-caching search takes it without trying the others first, and loses no final state. The
     * default is no; a source that says yes must be able to tell when the promise was broken
     * ({@link Scheduler.CommutationBroken}).
     */
    default boolean nextStepCommutes(Actor actor) {
        return false;
    }

    /** A source with nothing to do, ever. */
    WorkSource NONE = new WorkSource() {
        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public boolean exhausted() {
            return true;
        }

        @Override
        public void loadNext(Actor actor) {
            throw new IllegalStateException("nothing to load");
        }
    };
}
