package dev.stablewrites.harness.cli;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** What the commands share: the strategies found on the class path, and checks on user input. */
final class Lab {
    private static StrategyCatalog catalog;

    private Lab() {
    }

    /** The strategies with their default settings. */
    static synchronized StrategyCatalog catalog() {
        if (catalog == null) {
            catalog = StrategyCatalog.discover();
        }
        return catalog;
    }

    /**
     * The strategies with {@code --set key=value} overrides on top of the defaults.
     *
     * @throws IllegalArgumentException for an unknown key or a malformed assignment (one line)
     */
    static StrategyCatalog catalog(List<String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return catalog();
        }
        StrategyCatalog withOverrides = StrategyCatalog.discover(Settings.defaults().with(overrides));
        // A setting is typed by the strategy that reads it: make each once, so a bad value fails
        // now whichever strategy runs, rather than travel on into a replay line.
        for (String id : withOverrides.ids()) {
            try {
                withOverrides.create(id);
            } catch (IllegalStateException brokenModule) {
                // not the user's input: reported when that strategy is chosen
            }
        }
        return withOverrides;
    }

    /** The {@code --set} options that reproduce {@code overrides}, each with a leading space. */
    static String setOptions(List<String> overrides) {
        StringBuilder sb = new StringBuilder();
        if (overrides != null) {
            for (String o : Settings.defaults().with(overrides).overrides()) {
                sb.append(" --set ").append(o.matches("[\\w.=-]+") ? o : "'" + o.replace("'", "'\\''") + "'");
            }
        }
        return sb.toString();
    }

    /** The strategy id, if {@code catalog} has it; a fresh instance is made once so a bad setting fails now. */
    static String strategy(StrategyCatalog catalog, String id) {
        if (!catalog.contains(id)) {
            throw new IllegalArgumentException("unknown strategy '" + id + "'; valid: "
                    + String.join(", ", catalog.ids()));
        }
        catalog.create(id);
        return id;
    }

    /**
     * How to run this jar again from here, for the {@code replay:} line: relative when the jar is
     * under the working directory, absolute otherwise, the build's path when not run from a jar.
     */
    static String jarCommand() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                Path cwd = Path.of("").toAbsolutePath();
                String path = (jar.startsWith(cwd) ? cwd.relativize(jar) : jar).toString();
                return "java -jar " + (path.matches("[\\w./-]+") ? path : "'" + path.replace("'", "'\\''") + "'");
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through: the documented path is right for a build tree
        }
        return "java -jar harness/target/stablewrites.jar";
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("impossible " + what + " " + value + ": it must be at least 1");
        }
        return value;
    }
}
