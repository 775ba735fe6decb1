package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;

/**
 * What counts as a preemption, in one place for the exhaustive search's bound and the shrinker's
 * count: a choice other than the default rule's costs one when the default would have let the
 * running actor go on (it is runnable and not spinning), or when it picks a spinner over an actor
 * that can make progress. When the running actor sleeps, finishes or spins, any other is free.
 */
public final class Preemptions {
    private Preemptions() {
    }

    /** The preemptions (0 or 1) that choosing {@code runnable[pick]} costs. */
    public static int cost(Actor[] runnable, int count, Actor previous, int pick) {
        if (count == 1) {
            return 0;
        }
        int dflt = Chooser.defaultRule(runnable, count, previous);
        if (pick == dflt) {
            return 0;
        }
        Actor d = runnable[dflt];
        if (d == previous && !previous.yielded()) {
            return 1;
        }
        return runnable[pick].yielded() && !d.yielded() ? 1 : 0;
    }
}
