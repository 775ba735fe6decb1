package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sim.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Probabilistic concurrency testing: each schedule is a {@link PctChooser} with fresh priorities
 * and change points. For a bug of depth {@code d} among {@code n} actors within the first
 * {@code k} steps, one schedule finds it with probability at least {@code 1/(n·k^(d−1))}.
 *
 * <p>Generated instances vary in length (the seed scenario's runs take 25 to 60 steps), so
 * {@code k} is the mean length of the runs so far, starting from the default-rule run of the first
 * scenario, not the longest (taken at the start of each batch of runs made side by side, so it is
 * the same for any number of threads): with the longest, about 45% of change points fell after the run had
 * ended, and the seed race took a median of 162 schedules instead of 58 (bench, seeds 1-100; 74 since k
 * is taken per batch).
 */
public final class PctExplorer implements Explorer {
    /** Depth used when none is given: two change points. */
    public static final int DEFAULT_DEPTH = 3;
    private final int depth;

    public PctExplorer(int depth) {
        if (depth < 1 || depth > 10) {
            throw new IllegalArgumentException("PCT depth " + depth + " is out of range; valid: 1 to 10");
        }
        this.depth = depth;
    }

    @Override
    public String id() {
        return "pct";
    }

    @Override
    public String describe() {
        return "pct (depth " + depth + ")";
    }

    public int depth() {
        return depth;
    }

    /** The guarantee per schedule for a depth-{@code d} bug: {@code 1/(n·k^(d−1))}. */
    public static double lowerBound(int n, int k, int d) {
        return 1.0 / (n * Math.pow(k, d - 1));
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        long steps = 0;
        long runs = 0;
        int k = 0;
        int actors = 0;
        int ran = 0;
        boolean going = true;
        while (going && ran < budget) {
            // k is the mean length of the runs before this batch: a batch's runs are made side by side.
            int size = Batches.next(ran, budget);
            List<Scenario> scenarios = new ArrayList<>(size);
            List<PctChooser> choosers = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Scenario scenario = source.next(master.split());
                if (runs == 0) {
                    steps = runner.replay(scenario, Schedule.empty(), false).costs().steps;
                    runs = 1;
                }
                k = (int) ((steps + runs - 1) / runs);
                scenarios.add(scenario);
                choosers.add(new PctChooser(master.split(), depth, k));
            }
            for (RunResult run : runner.runAll(scenarios, choosers)) {
                steps += run.costs().steps;
                runs++;
                actors = Math.max(actors, run.schedule().choices().chars().distinct().toArray().length);
                ran++;
                if (!visitor.visit(ran, run)) {
                    going = false;
                    break;
                }
            }
        }
        String guarantee = String.format("PCT guarantees p >= 1/(n*k^(d-1)) = 1/(%d*%d^%d) = %s per schedule for a"
                + " depth-%d bug in the first k steps (k: the mean run length, over which change points are drawn)",
                actors, k, depth - 1, formatP(lowerBound(actors, k, depth)), depth);
        return new Exploration.Summary(false, "no property failed in " + ran + " schedules (PCT, depth " + depth + ")", guarantee);
    }

    static String formatP(double p) {
        return String.format("%.2g", p);
    }
}
