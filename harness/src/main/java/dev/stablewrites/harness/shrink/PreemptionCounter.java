package dev.stablewrites.harness.shrink;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.harness.explore.Preemptions;

/** Counts the preemptions another chooser makes, as {@link Preemptions} defines them. */
public final class PreemptionCounter implements Chooser {
    private final Chooser inner;
    private int preemptions;

    public PreemptionCounter(Chooser inner) {
        this.inner = inner;
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        int pick = inner.choose(runnable, count, step, previous);
        preemptions += Preemptions.cost(runnable, count, previous, pick);
        return pick;
    }

    public int preemptions() {
        return preemptions;
    }
}
