package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.harness.gen.Gen;
import dev.stablewrites.harness.gen.ScenarioGen;
import dev.stablewrites.harness.gen.ScenarioShrinks;
import java.util.SplittableRandom;

/**
 * Where an explorer's scenarios come from: one fixed instance (a full scenario line), or fresh
 * instances from a generator (a bare kind id, optionally with options, draws within the kind's
 * bounds). Either way it knows how to shrink a scenario, and which single instance an exhaustive
 * search takes.
 */
public final class ScenarioSource {
    private final Scenario single;
    private final Gen<Scenario> generator;
    private final String label;

    private ScenarioSource(Scenario single, Gen<Scenario> generator, String label) {
        this.single = single;
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
        return new ScenarioSource(s, new ScenarioGen(s.kind(), s.geometry()), text.strip() + " (generated instances)");
    }

    /**
     * Instances from {@code generator}; {@code single} is the one an exhaustive search takes.
     */
    public static ScenarioSource generated(Gen<Scenario> generator, Scenario single, String label) {
        return new ScenarioSource(single, generator, label);
    }

    /** The next scenario: the fixed one, or one drawn from {@code random}. */
    public Scenario next(SplittableRandom random) {
        return generator == null ? single : generator.next(random);
    }

    /** The one instance: the fixed one, or the kind's default instance. */
    public Scenario single() {
        return single;
    }

    /**
     * Smaller neighbours of {@code s}: the kind's, made one at a time as they are asked for (a
     * hand-written instance may have thousands of operations), or another generator's shrinks.
     */
    public Iterable<Scenario> shrink(Scenario s) {
        return generator == null || generator instanceof ScenarioGen ? ScenarioShrinks.of(s) : generator.shrink(s);
    }

    @Override
    public String toString() {
        return label;
    }
}
