package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which properties a strategy is known to violate on which scenarios. {@link StrategyContract}
 * asserts that a counterexample <em>is found</em> for each of these, and that every other property
 * holds: an expectation is a claim about the strategy, checked both ways.
 */
public final class Expectations {
    private final Map<ScenarioKind, Set<Property>> failing = new EnumMap<>(ScenarioKind.class);
    private final Set<ScenarioKind> blessing = EnumSet.noneOf(ScenarioKind.class);

    private Expectations() {
    }

    /** A sound strategy: every property holds on every scenario. */
    public static Expectations sound() {
        return new Expectations();
    }

    /** The strategy violates {@code properties} on {@code kind}. */
    public Expectations fails(ScenarioKind kind, Property... properties) {
        failing.computeIfAbsent(kind, k -> EnumSet.noneOf(Property.class)).addAll(Set.of(properties));
        return this;
    }

    /** The strategy violates {@code properties} on every scenario. */
    public Expectations failsEverywhere(Property... properties) {
        for (ScenarioKind kind : ScenarioKind.values()) {
            fails(kind, properties);
        }
        return this;
    }

    /**
     * With the contract's fault injected ({@code faults=}), the strategy writes corrupt bytes and
     * reports success on {@code kinds}: {@code NO_SILENT_CORRUPTION} fails there.
     */
    public Expectations blessesFaults(ScenarioKind... kinds) {
        blessing.addAll(Set.of(kinds));
        return this;
    }

    /** The strategy blesses the injected fault on every scenario. */
    public Expectations blessesFaultsEverywhere() {
        return blessesFaults(ScenarioKind.values());
    }

    /** Whether, with faults on, a counterexample to {@code NO_SILENT_CORRUPTION} on {@code kind} is expected. */
    public boolean expectsSilentCorruption(ScenarioKind kind) {
        return blessing.contains(kind);
    }

    /** Whether a counterexample to {@code p} on {@code kind} is expected. */
    public boolean expectsFailure(ScenarioKind kind, Property p) {
        return failing.getOrDefault(kind, Set.of()).contains(p);
    }
}
