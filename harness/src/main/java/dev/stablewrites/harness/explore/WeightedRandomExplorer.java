package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random choice with a bias drawn afresh for every schedule: each actor gets a weight
 * {@code 2^u}, {@code u} uniform in [−5, 5], and runs with probability in proportion to it.
 * Uniform choice spends a writer's few stores in the first steps; a slow writer and a fast disk
 * (or the reverse) let a store land in each of several DMA windows, which a retry-and-resubmit
 * bug needs and uniform choice reaches rarely.
 */
public final class WeightedRandomExplorer implements Explorer {
    @Override
    public String id() {
        return "weighted";
    }

    @Override
    public String describe() {
        return "weighted random";
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        int n = 0;
        while (n < budget) {
            n++;
            if (!visitor.visit(n, runner.run(source.next(master.split()), new WeightedChooser(master.split())))) {
                break;
            }
        }
        return new Exploration.Summary(false, "no property failed in " + n + " schedules (weighted random)");
    }

    /** One schedule's biased choice. */
    static final class WeightedChooser implements Chooser {
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
}
