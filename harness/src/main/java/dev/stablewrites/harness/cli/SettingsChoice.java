package dev.stablewrites.harness.cli;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The settings the strategies run with ({@code --set}), shared by every command that runs them, so
 * that a replay line reproduces what explore or compare ran.
 */
final class SettingsChoice {
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

    /** The {@code --set} options that reproduce these settings, each with a leading space; empty if none. */
    String replayOptions() {
        StringBuilder sb = new StringBuilder();
        for (String o : catalog().settings().overrides()) {
            sb.append(" --set ").append(Lab.shellWord(o));
        }
        return sb.toString();
    }
}
