package dev.stablewrites.harness.property;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.explore.Strength;
import dev.stablewrites.harness.report.CounterexampleReport;
import dev.stablewrites.harness.shrink.Shrinker;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link PropertyCheck} found: per property, its first counterexample (shrunk when first
 * asked for), and the statistics of the runs. Its assertions fail with the shrunk trace and the
 * command that replays it, so a red test says what to run next.
 */
public final class CheckResult {
    /** How a failure message names the command that replays a counterexample. */
    public static final String REPLAY = "java -jar harness/target/stablewrites.jar replay";

    private final String strategy;
    private final ScenarioSource source;
    private final Runner runner;
    private final long seed;
    private final Map<Property, RunResult> first;
    private final Map<Property, String> foundBy;
    private final Map<Property, Shrinker.Shrunk> shrunk = new EnumMap<>(Property.class);
    private final Statistics statistics;
    private final List<String> claims;
    private final List<Strength> strengths;

    CheckResult(String strategy, ScenarioSource source, Runner runner, long seed, Map<Property, RunResult> first,
                Map<Property, String> foundBy, Statistics statistics, List<String> claims, List<Strength> strengths) {
        this.strengths = List.copyOf(strengths);
        this.strategy = strategy;
        this.source = source;
        this.runner = runner;
        this.seed = seed;
        this.first = first;
        this.foundBy = foundBy;
        this.statistics = statistics;
        this.claims = claims;
    }

    public Statistics statistics() {
        return statistics;
    }

    /** What each explorer can claim, in the order they ran (e.g. "verified up to preemption bound 2 ..."). */
    public List<String> claims() {
        return claims;
    }

    /**
     * What a property that holds here holds with, one strength per explorer in the order they ran:
     * verified (every schedule of every instance in a scope, within a bound) or sampled.
     */
    public List<Strength> strengths() {
        return strengths;
    }

    /** One line: what "holds" asserts in this check, e.g. {@code HOLDS (verified: ...) and HOLDS (sampled: ...)}. */
    public String asserts() {
        StringBuilder sb = new StringBuilder("a property that holds here holds with: ");
        for (int i = 0; i < strengths.size(); i++) {
            sb.append(i == 0 ? "" : "; and ").append("HOLDS (").append(strengths.get(i).text()).append(')');
        }
        return sb.toString();
    }

    /** Whether some schedule violated {@code p}. */
    public boolean violated(Property p) {
        return first.containsKey(p);
    }

    /** The first counterexample to {@code p}, shrunk, or empty if none was found. */
    public synchronized Optional<Shrinker.Shrunk> counterexample(Property p) {
        RunResult run = first.get(p);
        if (run == null) {
            return Optional.empty();
        }
        return Optional.of(shrunk.computeIfAbsent(p, q -> new Shrinker(runner, source::shrink).shrink(run, q)));
    }

    /**
     * Fails, with the shrunk counterexample and its replay command, if some schedule violated {@code p}.
     *
     * @throws AssertionError naming the strategy, the property and how it failed
     */
    public void assertHolds(Property p) {
        if (!violated(p)) {
            return;
        }
        Shrinker.Shrunk s = counterexample(p).orElseThrow();
        throw new AssertionError(strategy + " violates " + p + " on " + source + " (first found by "
                + foundBy.get(p) + ", seed " + seed + ")\n"
                + CounterexampleReport.render(s, REPLAY + " --strategy " + strategy, false));
    }

    /**
     * Fails if no schedule violated {@code p}: the check was expected to find a counterexample.
     *
     * @return the shrunk counterexample
     */
    public Shrinker.Shrunk assertFound(Property p) {
        if (!violated(p)) {
            throw new AssertionError("expected a counterexample to " + p + " for " + strategy + " on " + source
                    + " with seed " + seed + ", found none:\n" + statistics + String.join("\n", claims));
        }
        return counterexample(p).orElseThrow();
    }
}
