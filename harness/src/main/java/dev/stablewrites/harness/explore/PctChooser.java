package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One PCT schedule (Burckhardt et al., ASPLOS 2010): every actor gets a random priority of at
 * least {@code d} when first seen; {@code d-1} change points are drawn among the first {@code k}
 * steps; the highest-priority runnable actor always runs, except that the actor about to take the
 * step at the i-th change point (from 0) first drops to priority {@code d-1-i}, below every initial
 * one, so that another runs it.
 *
 * <p>An actor that {@linkplain Actor#yielded yielded} is spinning until another runs: strict
 * priority would let it spin to the step budget, so it is passed over while anyone else can run.
 */
final class PctChooser implements Chooser {
    private final SplittableRandom random;
    private final int depth;
    private final long[] priority = new long[26];
    private final int[] changeAt;

    PctChooser(SplittableRandom random, int depth, int k) {
        this.random = random;
        this.depth = depth;
        Arrays.fill(priority, Long.MIN_VALUE);
        changeAt = new int[depth - 1];
        for (int i = 0; i < changeAt.length; i++) {
            changeAt[i] = 1 + random.nextInt(Math.max(k, 1));
        }
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        int pick = highest(runnable, count, previous);
        for (int i = 0; i < changeAt.length; i++) {
            if (changeAt[i] == step + 1) {
                // The actor that would take the change point's step is demoted before it takes it,
                // and the choice is made again: another actor takes the step (Algorithm 1 of the paper).
                priority[runnable[pick].id() - 'A'] = depth - 1 - i;
                pick = highest(runnable, count, previous);
            }
        }
        return pick;
    }

    /** The highest-priority runnable actor, passing over spinners while anyone else can run. */
    private int highest(Actor[] runnable, int count, Actor previous) {
        int best = -1;
        boolean bestYielded = true;
        for (int i = 0; i < count; i++) {
            Actor a = runnable[i];
            int slot = a.id() - 'A';
            if (priority[slot] == Long.MIN_VALUE) {
                priority[slot] = depth + (random.nextLong() >>> 2); // distinct with overwhelming odds
            }
            boolean y = a.yielded();
            if (best < 0 || (bestYielded && !y)
                    || (bestYielded == y && priority[slot] > priority[runnable[best].id() - 'A'])) {
                best = i;
                bestYielded = y;
            }
        }
        return bestYielded && count > 1 ? Chooser.defaultRule(runnable, count, previous) : best;
    }
}
