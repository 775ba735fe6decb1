package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One schedule's biased choice: each actor gets a weight {@code 2^u}, {@code u} uniform in [−5, 5],
 * when first seen, and runs with probability in proportion to it. Uniform choice spends a writer's
 * few stores in the first steps; a slow writer and a fast disk (or the reverse) let a store land in
 * each of several DMA windows.
 */
final class WeightedChooser implements Chooser {
    private final SplittableRandom random;
    private final double[] weight = new double[26];

    WeightedChooser(SplittableRandom random) {
        this.random = random;
        Arrays.fill(weight, -1);
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        if (count == 1) {
            return 0;
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            int slot = runnable[i].id() - 'A';
            if (weight[slot] < 0) {
                weight[slot] = Math.pow(2, random.nextInt(11) - 5);
            }
            total += weight[slot];
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < count - 1; i++) {
            x -= weight[runnable[i].id() - 'A'];
            if (x < 0) {
                return i;
            }
        }
        return count - 1;
    }
}
