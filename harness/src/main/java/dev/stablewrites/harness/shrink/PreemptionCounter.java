package dev.stablewrites.harness.shrink;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;

/**
 * Counts the preemptions another chooser makes: switching away from the actor that ran the
 * previous step while it could have gone on (runnable, not spinning).
 */
public final class PreemptionCounter implements Chooser {
    private final Chooser inner;
    private int preemptions;

    public PreemptionCounter(Chooser inner) {
        this.inner = inner;
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        int pick = inner.choose(runnable, count, step, previous);
        if (previous != null && runnable[pick] != previous && !previous.yielded()) {
            for (int i = 0; i < count; i++) {
                if (runnable[i] == previous) {
                    preemptions++;
                    break;
                }
            }
        }
        return pick;
    }

    public int preemptions() {
        return preemptions;
    }
}
