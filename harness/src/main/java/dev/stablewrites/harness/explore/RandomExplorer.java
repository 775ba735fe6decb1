package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sched.RandomChooser;
import java.util.SplittableRandom;

/**
 * Uniform random choice among the runnable actors at every step, each schedule on a scenario from
 * the source. Good at shallow bugs; a bug that needs several unlikely choices in a row (a store in
 * each of four DMA windows) it finds rarely; the guided explorer climbs to it.
 */
public final class RandomExplorer implements Explorer {
    @Override
    public String id() {
        return "random";
    }

    @Override
    public String describe() {
        return "random";
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        int n = 0;
        while (n < budget) {
            n++;
            if (!visitor.visit(n, runner.run(source.next(master.split()), new RandomChooser(master.nextLong())))) {
                break;
            }
        }
        return new Exploration.Summary(false, "no property failed in " + n + " schedules (random)");
    }
}
