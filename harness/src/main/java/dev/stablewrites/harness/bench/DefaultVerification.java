package dev.stablewrites.harness.bench;

import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.explore.Strength;

/**
 * The exhaustive search of one kind's default instance with state caching and no preemption bound,
 * on the calling thread, timed by that thread's CPU time (and the wall clock): issue 14's "every
 * default instance verified in under a second per cell on one core" figure, searched the way
 * {@code explore --explorer exhaustive --threads 1} searches it. CPU time, because a shared machine
 * stretches the wall clock by whatever else runs.
 *
 * @param strategy  the strategy
 * @param kind      the scenario kind whose default instance was searched
 * @param holds     whether no schedule failed (then {@link #strength} says how strong that is)
 * @param schedules schedules run (to the first failure when one fails)
 * @param states    distinct states searched
 * @param complete  whether the search covered every schedule (false: the budget ran out first)
 * @param nanos     the searching thread's CPU time, or the wall clock where the JVM cannot measure it
 * @param wallNanos wall-clock time of the search
 */
public record DefaultVerification(String strategy, String kind, boolean holds, int schedules, long states,
                                  boolean complete, long nanos, long wallNanos) {

    /** Searches {@code kind}'s default instance under {@code runner}'s strategy on one thread, at most {@code budget} runs. */
    public static DefaultVerification measure(Runner runner, ScenarioKind kind, int budget) {
        ScenarioSource source = ScenarioSource.parse(kind.id());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        Exploration.Result r = Exploration.run(new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED),
                runner.withThreads(1), source, 1, budget, true);
        long wall = System.nanoTime() - start;
        long nanos = cpu ? threads.getCurrentThreadCpuTime() - cpuStart : wall;
        Strength s = r.strength();
        return new DefaultVerification(runner.strategy(), kind.id(), r.failures() == 0, r.schedulesExplored(),
                s == null ? 0 : s.states(), s != null && s.verified(), nanos, wall);
    }

    /**
     * Searches {@code kind}'s default instance without stopping at a failure, untimed and at most
     * {@code runs} runs: a failing strategy's search would otherwise end at once and warm nothing.
     */
    public static void warmUp(Runner runner, ScenarioKind kind, int runs) {
        Exploration.run(new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED), runner.withThreads(1),
                ScenarioSource.parse(kind.id()), 1, runs, false);
    }

    /** Verified: nothing failed and every schedule was searched. */
    public boolean verified() {
        return holds && complete;
    }

    /** Verified (nothing fails, every schedule searched) within {@code limitNanos}. */
    public boolean verifiedWithin(long limitNanos) {
        return holds && complete && nanos < limitNanos;
    }
}
