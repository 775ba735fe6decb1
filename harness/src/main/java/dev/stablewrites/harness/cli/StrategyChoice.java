package dev.stablewrites.harness.cli;

import dev.stablewrites.core.strategy.StrategyCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The strategy a command runs and the settings it runs with ({@code --strategy}, {@code --set}),
 * shared by {@code explore} and {@code replay} so that a replay line reproduces an explore.
 */
final class StrategyChoice {
    @Option(names = "--strategy", required = true, description = "strategy id (see list)")
    String strategy;

    @CommandLine.Mixin
    SettingsChoice settings;

    /** The strategies, with the {@code --set} overrides. */
    StrategyCatalog catalog() {
        return settings.catalog();
    }

    /**
     * The strategy id, if the catalog has it; an instance is made once so a broken strategy fails now.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    String id() {
        if (!catalog().contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "'; valid: "
                    + String.join(", ", catalog().ids()));
        }
        catalog().create(strategy);
        return strategy;
    }

    /** {@code --strategy} and the {@code --set} options that reproduce this choice, for a replay line. */
    String replayOptions() {
        return "--strategy " + id() + settings.replayOptions();
    }
}
