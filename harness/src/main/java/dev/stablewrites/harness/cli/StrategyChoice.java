package dev.stablewrites.harness.cli;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The strategy a command runs and the settings it runs with ({@code --strategy}, {@code --set}),
 * shared by {@code explore} and {@code replay} so that a replay line reproduces an explore.
 */
final class StrategyChoice {
    @Option(names = "--strategy", required = true, description = "strategy id (see list)")
    String strategy;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a strategy setting for this run, e.g. recheck-resubmit.retry-limit=5 (see list)")
    List<String> assignments = new ArrayList<>();

    private StrategyCatalog catalog;

    /**
     * The strategies with the overrides on top of the defaults, checked once: a setting is typed by
     * the strategy that reads it, so each is made here and a bad value fails now, whichever strategy
     * runs, rather than travel on into a replay line.
     *
     * @throws IllegalArgumentException for an unknown key, a malformed assignment or a bad value (one line)
     */
    StrategyCatalog catalog() {
        if (catalog == null) {
            if (assignments.isEmpty()) {
                catalog = Lab.catalog();
            } else {
                catalog = StrategyCatalog.discover(Settings.defaults().with(assignments));
                for (String id : catalog.ids()) {
                    try {
                        catalog.create(id);
                    } catch (IllegalStateException brokenModule) {
                        // not the user's input: reported when that strategy is chosen
                    }
                }
            }
        }
        return catalog;
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
        StringBuilder sb = new StringBuilder("--strategy ").append(id());
        for (String o : catalog().settings().overrides()) {
            sb.append(" --set ").append(Lab.shellWord(o));
        }
        return sb.toString();
    }
}
