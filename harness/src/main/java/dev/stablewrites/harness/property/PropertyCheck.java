package dev.stablewrites.harness.property;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Strength;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.gen.Gen;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The property engine (docs/model.md §8): runs one strategy on scenarios from a generator under
 * several explorers, each with its own seed and budget, and keeps, for every §6 property, the
 * first schedule that violated it, together with statistics of what the runs covered. It does not
 * stop at a failure: a check answers for every property at once. Deterministic for a given seed.
 */
public final class PropertyCheck {
    /** One explorer and the schedules it may spend. */
    public record Leg(Explorer explorer, int budget) {
    }

    private final StrategyCatalog catalog;
    private final String strategy;
    private final List<Leg> legs = new ArrayList<>();
    private ScenarioSource source;
    private long seed = 1;

    private PropertyCheck(StrategyCatalog catalog, String strategy) {
        this.catalog = catalog;
        this.strategy = strategy;
    }

    /** A check of {@code strategy} from {@code catalog}. */
    public static PropertyCheck of(StrategyCatalog catalog, String strategy) {
        return new PropertyCheck(catalog, strategy);
    }

    /** Scenarios drawn from {@code gen}; {@code single} is the instance an exhaustive explorer searches. */
    public PropertyCheck scenarios(Gen<Scenario> gen, Scenario single) {
        this.source = ScenarioSource.generated(gen, single, single.kind().id() + " (generated instances)");
        return this;
    }

    /** Adds an explorer with its budget of schedules; they run in the order added. */
    public PropertyCheck explore(Explorer explorer, int budget) {
        legs.add(new Leg(explorer, budget));
        return this;
    }

    /** The seed every explorer starts from. */
    public PropertyCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs every explorer to its budget (an exhaustive one may finish sooner). */
    public CheckResult run() {
        if (source == null || legs.isEmpty()) {
            throw new IllegalStateException("a property check needs scenarios and at least one explorer");
        }
        Runner runner = new Runner(catalog, strategy);
        Statistics stats = new Statistics();
        Map<Property, RunResult> first = new EnumMap<>(Property.class);
        Map<Property, String> foundBy = new EnumMap<>(Property.class);
        List<String> claims = new ArrayList<>();
        List<Strength> strengths = new ArrayList<>();
        for (Leg leg : legs) {
            String name = leg.explorer().describe();
            int[] ran = {0};
            Exploration.Summary summary = leg.explorer().explore(runner, source, seed, leg.budget(), (n, run) -> {
                ran[0] = n;
                stats.count(name, run);
                for (Violation v : run.violations()) {
                    if (first.putIfAbsent(v.property(), run) == null) {
                        foundBy.put(v.property(), name + ", schedule " + n);
                    }
                }
                return true;
            });
            claims.add(summary.claim());
            strengths.add(summary.complete() && summary.strength() != null ? summary.strength()
                    : Strength.sampled(ran[0]));
        }
        return new CheckResult(strategy, source, runner, seed, first, foundBy, stats, claims, strengths);
    }
}
