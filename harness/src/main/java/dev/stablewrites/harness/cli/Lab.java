package dev.stablewrites.harness.cli;

import dev.stablewrites.core.strategy.StrategyCatalog;

/** What the commands share: the strategies found on the class path, and checks on user input. */
final class Lab {
    private static StrategyCatalog catalog;

    private Lab() {
    }

    static synchronized StrategyCatalog catalog() {
        if (catalog == null) {
            catalog = StrategyCatalog.discover();
        }
        return catalog;
    }

    /** The strategy id, if it exists. */
    static String strategy(String id) {
        if (!catalog().contains(id)) {
            throw new IllegalArgumentException("unknown strategy '" + id + "'; valid: "
                    + String.join(", ", catalog().ids()));
        }
        return id;
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("impossible " + what + " " + value + ": it must be at least 1");
        }
        return value;
    }
}
