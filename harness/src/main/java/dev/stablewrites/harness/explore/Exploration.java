package dev.stablewrites.harness.explore;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sim.RunResult;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs an {@link Explorer} and keeps what a report needs: how many schedules ran and failed, the
 * first failing run overall and per property, and the coverage summed over every run. The
 * explorer gets {@link Runner#threads()} workers; it visits its runs in its own fixed order whatever
 * their number, so the result (the first failure is the one with the lowest schedule number, not
 * the first to finish) is the same for any number of threads.
 */
public final class Exploration {
    /**
     * What an explorer can claim about its runs as a whole.
     *
     * @param complete whether it ran every schedule of its space (only a bounded exhaustive search can)
     * @param claim    one line for a report when nothing failed, e.g. "verified up to preemption bound 2"
     * @param guarantee what theory promises per schedule, to print beside the measured rate, or null
     * @param strength  what a HOLDS from it is worth: verified (with its scope and bound) or sampled;
     *                  null lets {@link Exploration#run} call it sampled
     */
    public record Summary(boolean complete, String claim, String guarantee, Strength strength) {
        public Summary(boolean complete, String claim) {
            this(complete, claim, null, null);
        }

        public Summary(boolean complete, String claim, String guarantee) {
            this(complete, claim, guarantee, null);
        }
    }

    /**
     * The outcome.
     *
     * @param explorer           which explorer ran, with its parameters
     * @param schedulesExplored  schedules run
     * @param failures           how many of them failed some property
     * @param schedulesToFailure the number of the first failing schedule, or 0 if none failed
     * @param firstFailure       the first failing run (untraced), or null
     * @param firstByProperty    per property, the first run that violated it
     * @param coverage           where stores landed, over every run
     * @param costs              the §7 counters summed over every run (the bounce-page peak: the highest)
     * @param summary            the explorer's own claim
     */
    public record Result(String explorer, int schedulesExplored, int failures, int schedulesToFailure,
                         RunResult firstFailure, Map<Property, RunResult> firstByProperty, Coverage coverage,
                         Costs costs, Summary summary) {
        public boolean holds() {
            return firstFailure == null;
        }

        /** What a HOLDS from this exploration is worth: the explorer's claim, or sampled. */
        public Strength strength() {
            return summary.strength() != null && summary.complete() ? summary.strength()
                    : Strength.sampled(schedulesExplored);
        }

        /** The property the first failure violated first, or null. */
        public Property violation() {
            return firstFailure == null ? null : firstFailure.firstViolation().property();
        }
    }

    private Exploration() {
    }

    /**
     * Explores with {@code explorer}; stops at the first failing schedule if {@code stopAtFirst},
     * otherwise spends the whole budget (to measure a failure rate, or to find every property that
     * fails).
     */
    public static Result run(Explorer explorer, Runner runner, ScenarioSource source, long seed, int budget,
                             boolean stopAtFirst) {
        return run(explorer, runner, source, seed, budget, stopAtFirst, n -> { });
    }

    /** {@link #run}, calling {@code schedulesRun} with the count after each schedule (for a progress bar). */
    public static Result run(Explorer explorer, Runner runner, ScenarioSource source, long seed, int budget,
                             boolean stopAtFirst, java.util.function.IntConsumer schedulesRun) {
        int[] counts = new int[3]; // explored, failures, first failure
        RunResult[] first = new RunResult[1];
        Map<Property, RunResult> byProperty = new EnumMap<>(Property.class);
        Coverage coverage = new Coverage();
        Costs costs = new Costs();
        RunVisitor visitor = new RunVisitor() {
            @Override
            public boolean visit(int n, RunResult run) {
                counts[0] = n;
                schedulesRun.accept(n);
                coverage.add(run.coverage());
                costs.add(run.costs());
                if (run.holds()) {
                    return true;
                }
                counts[1]++;
                if (first[0] == null) {
                    first[0] = run;
                    counts[2] = n;
                }
                for (Violation v : run.violations()) {
                    byProperty.putIfAbsent(v.property(), run);
                }
                return !stopAtFirst;
            }

            @Override
            public boolean stopsAtFailure() {
                return stopAtFirst;
            }
        };
        Summary summary;
        try (Workers workers = new Workers(runner.threads())) {
            summary = explorer.explore(runner.withWorkers(workers), source, seed, budget, visitor);
        }
        return new Result(explorer.describe(), counts[0], counts[1], counts[2], first[0],
                Collections.unmodifiableMap(byProperty), coverage, costs, summary);
    }
}
