package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioGenerator;
import java.util.SplittableRandom;

/**
 * Where an explorer's scenarios come from: one fixed instance (a full scenario line), or fresh
 * instances of a kind drawn within its bounds (a bare kind id, optionally with options).
 */
public final class ScenarioSource {
    private final Scenario parsed;
    private final ScenarioGenerator generator;
    private final String label;

    private ScenarioSource(Scenario parsed, ScenarioGenerator generator, String label) {
        this.parsed = parsed;
        this.generator = generator;
        this.label = label;
    }

    /**
     * Reads the CLI's {@code --scenario}: with actor groups ({@code A: ...}) it is one instance;
     * without, instances are generated.
     *
     * @throws IllegalArgumentException with a one-line message for bad input
     */
    public static ScenarioSource parse(String text) {
        Scenario s = Scenario.parse(text);
        if (text.contains(":")) {
            return new ScenarioSource(s, null, s.toString());
        }
        return new ScenarioSource(s, new ScenarioGenerator(s.kind(), s.geometry()),
                text.strip() + " (generated instances)");
    }

    /** The next scenario: the fixed one, or one drawn from {@code random}. */
    public Scenario next(SplittableRandom random) {
        return generator == null ? parsed : generator.next(random);
    }

    /** For a replay: the fixed instance, or the kind's default instance. */
    public Scenario single() {
        return parsed;
    }

    @Override
    public String toString() {
        return label;
    }
}
