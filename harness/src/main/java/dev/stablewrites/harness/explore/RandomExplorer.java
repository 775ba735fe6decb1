package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sim.RunResult;
import java.util.ArrayList;
import java.util.List;
import dev.stablewrites.core.sched.RandomChooser;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random choice among the runnable actors at every step, each schedule on a scenario from the
 * source: uniform, or {@linkplain #weighted() weighted} per actor afresh for every schedule. Good
 * at shallow bugs; a bug that needs several unlikely choices in a row (a store in each of four DMA
 * windows) it finds rarely; the guided explorer climbs to it.
 */
public final class RandomExplorer implements Explorer {
    private final String id;
    private final String description;
    /** The schedule's chooser, drawn from the exploration's random stream after its scenario. */
    private final Function<SplittableRandom, Chooser> chooser;

    /** Uniform choice. */
    public RandomExplorer() {
        this("random", "random", master -> new RandomChooser(master.nextLong()));
    }

    private RandomExplorer(String id, String description, Function<SplittableRandom, Chooser> chooser) {
        this.id = id;
        this.description = description;
        this.chooser = chooser;
    }

    /** Choice weighted per actor, the weights drawn afresh for every schedule ({@link WeightedChooser}). */
    public static RandomExplorer weighted() {
        return new RandomExplorer("weighted", "weighted random", master -> new WeightedChooser(master.split()));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        int n = 0;
        boolean going = true;
        while (going && n < budget) {
            // Drawn in the same order as one at a time, so batches change nothing but the speed.
            int size = Batches.next(n, budget);
            List<Scenario> scenarios = new ArrayList<>(size);
            List<Chooser> choosers = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                scenarios.add(source.next(master.split()));
                choosers.add(chooser.apply(master));
            }
            for (RunResult run : runner.runAll(scenarios, choosers)) {
                n++;
                if (!visitor.visit(n, run)) {
                    going = false;
                    break;
                }
            }
        }
        return new Exploration.Summary(false, "no property failed in " + n + " schedules (" + description + ")");
    }
}
