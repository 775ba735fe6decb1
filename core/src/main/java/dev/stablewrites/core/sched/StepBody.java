package dev.stablewrites.core.sched;

/** The work of one atomic step, run by the scheduler in the context of {@code self}. */
@FunctionalInterface
public interface StepBody {
    /**
     * Runs the step. A body that cannot proceed calls {@link WaitQueue#sleep(Actor)} and returns
     * {@link StepResult#SLEEP}; it may push further steps in front of the actor's program.
     */
    StepResult run(Actor self);
}
