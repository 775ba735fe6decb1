package dev.stablewrites.harness.cost;

import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.property.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs one strategy on generated instances of every scenario kind, on several geometries, under
 * seeded explorers, and checks a list of {@link CostRelation}s on every run. It keeps, per
 * relation, how many runs it was checked on, on how many it was non-trivial, and the first run that
 * broke it; it keeps no run otherwise, so a sweep of many thousand runs stays small.
 */
final class CostSweep {
    /** One explorer and the schedules it runs per (scenario kind, geometry). */
    record Leg(Explorer explorer, int budget) {
    }

    /** What one relation saw. */
    static final class Tally {
        final CostRelation relation;
        long checked;
        long nonTrivial;
        long failed;
        RunResult firstFailure;

        Tally(CostRelation relation) {
            this.relation = relation;
        }

        /** The statistic line: runs checked, runs where it was non-trivial, runs that broke it. */
        String line() {
            return String.format("%-92s checked %6d runs, non-trivial on %6d%s", relation.name(), checked, nonTrivial,
                    failed == 0 ? "" : ", BROKEN on " + failed);
        }
    }

    private final StrategyCatalog catalog;
    private final String strategy;
    private final List<String> settings;
    private final List<CostRelation> relations;
    private final List<String> geometries = new ArrayList<>();
    private final List<Leg> legs = new ArrayList<>();
    private final Map<String, Predicate<RunResult>> observations = new LinkedHashMap<>();
    private long seed = 1;

    /**
     * @param settings the {@code --set} assignments {@code catalog} was made with, for replay lines
     */
    CostSweep(StrategyCatalog catalog, String strategy, List<String> settings, List<CostRelation> relations) {
        this.catalog = catalog;
        this.strategy = strategy;
        this.settings = settings;
        this.relations = relations;
    }

    /** Adds a geometry as scenario options ({@code ""}, {@code "device=raid1"}, {@code "integrity=nvme-crc64"}). */
    CostSweep geometry(String options) {
        geometries.add(options);
        return this;
    }

    CostSweep explore(Explorer explorer, int budget) {
        legs.add(new Leg(explorer, budget));
        return this;
    }

    /** Also counts the runs for which {@code p} holds, under {@code name}: coverage a test asserts. */
    CostSweep observe(String name, Predicate<RunResult> p) {
        observations.put(name, p);
        return this;
    }

    CostSweep seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs every (kind, geometry, explorer) cell to its budget, each with a seed of its own, derived from {@link #seed}. */
    Result run() {
        Runner runner = new Runner(catalog, strategy);
        List<Tally> tallies = relations.stream().map(Tally::new).toList();
        Map<String, long[]> observed = new LinkedHashMap<>();
        observations.keySet().forEach(k -> observed.put(k, new long[1]));
        long[] runs = new long[1];
        long cell = 0;
        for (ScenarioKind kind : ScenarioKind.values()) {
            for (String options : geometries) {
                ScenarioSource source = ScenarioSource.parse((kind.id() + " " + options).strip());
                for (Leg leg : legs) {
                    long cellSeed = seed * 1_000_003L + cell++;
                    leg.explorer().explore(runner, source, cellSeed, leg.budget(), (n, run) -> {
                        runs[0]++;
                        for (Tally t : tallies) {
                            check(t, run);
                        }
                        observations.forEach((k, p) -> {
                            if (p.test(run)) {
                                observed.get(k)[0]++;
                            }
                        });
                        return true;
                    });
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        observed.forEach((k, v) -> counts.put(k, v[0]));
        return new Result(strategy, settings, runs[0], tallies, counts);
    }

    private static void check(Tally t, RunResult run) {
        CostRelation rel = t.relation;
        if (!rel.applies().test(run)) {
            return;
        }
        t.checked++;
        if (rel.nonTrivial().test(run)) {
            t.nonTrivial++;
        }
        if (!rel.holds().test(run)) {
            t.failed++;
            if (t.firstFailure == null) {
                t.firstFailure = run;
            }
        }
    }

    /** A sweep's outcome. */
    record Result(String strategy, List<String> settings, long runs, List<Tally> tallies, Map<String, Long> observed) {

        /** The tally of the relation whose name starts with {@code prefix}. */
        Tally tally(String prefix) {
            return tallies.stream().filter(t -> t.relation.name().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no relation named " + prefix + "..."));
        }

        long observed(String name) {
            Long n = observed.get(name);
            if (n == null) {
                throw new IllegalArgumentException("nothing observed as " + name);
            }
            return n;
        }

        /** One line per relation, then one per observation. */
        String statistics() {
            StringBuilder sb = new StringBuilder();
            for (Tally t : tallies) {
                sb.append(t.line()).append('\n');
            }
            observed.forEach((k, v) -> sb.append(String.format("%-92s %6d of %d runs%n", strategy + " runs " + k, v, runs)));
            return sb.toString();
        }

        /** The relations some run broke, each with its first counterexample: scenario, schedule, counters and replay line. */
        List<String> failures() {
            List<String> out = new ArrayList<>();
            for (Tally t : tallies) {
                if (t.failed > 0) {
                    out.add(describe(t));
                }
            }
            return out;
        }

        private String describe(Tally t) {
            RunResult r = t.firstFailure;
            StringBuilder set = new StringBuilder();
            settings.forEach(s -> set.append(" --set ").append(s));
            return t.relation.name() + " does not hold on " + t.failed + " of " + t.checked + " runs; first:\n"
                    + "  scenario: " + r.scenario() + "\n"
                    + "  schedule: " + r.schedule().encode() + "\n"
                    + "  counters: " + CostRelations.counters(r.costs()) + "\n"
                    + "  run:      " + (r.holds() ? "every property held" : r.failure()) + "\n"
                    + "  replay:   " + CheckResult.REPLAY + " --strategy " + strategy + set
                    + " --scenario '" + r.scenario() + "' --schedule " + r.schedule().encode();
        }
    }
}
