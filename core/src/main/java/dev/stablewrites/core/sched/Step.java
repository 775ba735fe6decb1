package dev.stablewrites.core.sched;

import dev.stablewrites.core.mm.Page;

/**
 * One atomic, schedulable step: a kernel function (or user store) run by one actor.
 *
 * <p>A <em>silent</em> step is bookkeeping with no kernel-visible effect of its own (a hook point
 * that expands into a strategy's steps, building a bio); it runs together with the next visible
 * step of the same actor, so it never costs a scheduling choice.
 *
 * @param function the kernel function this step shadows, as a kernel engineer would name it
 * @param page     the page whose state the trace shows after this step, or null for the default
 * @param body     what the step does
 * @param silent   whether the step is bookkeeping that consumes no scheduling choice
 */
public record Step(String function, Page page, StepBody body, boolean silent) {

    /** A visible step. */
    public static Step of(String function, Page page, StepBody body) {
        return new Step(function, page, body, false);
    }

    /** A silent step: runs without a scheduling choice of its own and leaves no trace event. */
    public static Step silent(String function, StepBody body) {
        return new Step(function, null, body, true);
    }
}
