package dev.stablewrites.harness.bench;

import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;

/**
 * One long exploration made on one thread and then on {@code threads}, timed by the wall clock:
 * what the workers buy. The two must find the same thing (same schedules run, same first failure,
 * same coverage); {@link #same} says whether they did.
 *
 * @param explorer  the explorer, as it describes itself
 * @param schedules schedules the exploration ran
 * @param threads   the threads of the second run
 * @param oneNanos  wall-clock time on one thread
 * @param manyNanos wall-clock time on {@code threads}
 * @param same      whether both found the same
 */
public record SpeedUp(String explorer, int schedules, int threads, long oneNanos, long manyNanos, boolean same) {

    /** Explores once on one thread and once on {@code threads}, whole budget, and times both. */
    public static SpeedUp measure(Explorer explorer, Runner runner, ScenarioSource source, long seed, int budget,
                                  int threads) {
        long start = System.nanoTime();
        Exploration.Result one = Exploration.run(explorer, runner.withThreads(1), source, seed, budget, false);
        long oneNanos = System.nanoTime() - start;
        start = System.nanoTime();
        Exploration.Result many = Exploration.run(explorer, runner.withThreads(threads), source, seed, budget, false);
        long manyNanos = System.nanoTime() - start;
        boolean same = one.schedulesExplored() == many.schedulesExplored() && one.failures() == many.failures()
                && one.schedulesToFailure() == many.schedulesToFailure() && one.coverage().equals(many.coverage())
                && one.costs().asMap().equals(many.costs().asMap());
        return new SpeedUp(explorer.describe(), one.schedulesExplored(), threads, oneNanos, manyNanos, same);
    }

    /** Time on one thread over time on {@link #threads}. */
    public double factor() {
        return manyNanos == 0 ? 0 : (double) oneNanos / manyNanos;
    }
}
