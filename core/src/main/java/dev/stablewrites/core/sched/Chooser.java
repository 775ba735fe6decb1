package dev.stablewrites.core.sched;

/**
 * Picks which runnable actor steps next. Explorers are choosers: a fixed schedule, uniform random
 * choice, and later PCT priorities or a bounded exhaustive enumeration.
 */
public interface Chooser {
    /**
     * Returned by {@link #choose} to end the run where it stands: a state-caching search has seen
     * this state before and everything after it. The run ends {@link Scheduler.Outcome#STOPPED},
     * unjudged.
     */
    int STOP = -1;

    /**
     * Picks one of {@code runnable[0..count)}, which are in actor-id order.
     *
     * @param step     the number of steps already taken
     * @param previous the actor that ran the previous step, or null at the start
     * @return an index into {@code runnable}
     */
    int choose(Actor[] runnable, int count, int step, Actor previous);

    /**
     * Called once before the first step with a view of the run's state, for a chooser that caches
     * states; the default ignores it.
     */
    default void attach(dev.stablewrites.core.state.StateProbe probe) {
    }

    /**
     * The default rule that finishes a run once a schedule's choices run out: keep running the
     * previous actor while it is runnable, otherwise the runnable actor with the lowest id. It
     * never preempts, so a schedule needs choices only where it departs from it.
     *
     * <p>An actor that {@linkplain Actor#yieldCpu yielded} goes after the others, as a task calling
     * {@code cond_resched} would: the lowest-id actor that has not yielded runs next, and when every
     * runnable actor is spinning they take turns in id order, so spinners never starve each other
     * of the step they all wait for.
     */
    static int defaultRule(Actor[] runnable, int count, Actor previous) {
        int previousAt = -1;
        for (int i = 0; i < count; i++) {
            if (runnable[i] == previous) {
                previousAt = i;
            }
        }
        if (previous == null || !previous.yielded()) {
            return previousAt < 0 ? 0 : previousAt;
        }
        for (int i = 0; i < count; i++) {
            if (!runnable[i].yielded()) {
                return i;
            }
        }
        return (previousAt + 1) % count; // everyone yielded: round robin after the previous actor
    }
}
