package dev.stablewrites.core.sched;

/** What one atomic step did: finished, or put its actor to sleep (the step is retried on wake-up). */
public enum StepResult {
    /** The step completed; the actor moves on to its next step. */
    DONE,
    /** The actor went to sleep on a wait queue; the same step runs again once it is woken. */
    SLEEP
}
