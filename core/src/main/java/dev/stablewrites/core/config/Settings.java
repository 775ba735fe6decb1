package dev.stablewrites.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Strategy settings by key ({@code recheck-resubmit.retry-limit}), from the commented defaults file
 * {@value #DEFAULTS} that each strategy jar ships, with the user's overrides on top. A strategy
 * module turns its keys into a typed value once, in a {@code @Provides} method, so a bad value
 * fails with one line naming the key rather than deep inside a run.
 */
public final class Settings {
    /** The class-path resource every strategy jar may ship, in {@link Properties} format. */
    public static final String DEFAULTS = "stablewrites-defaults.properties";

    private final Map<String, String> values;
    private final Map<String, String> overridden;

    private Settings(Map<String, String> values, Map<String, String> overridden) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.overridden = Collections.unmodifiableMap(new TreeMap<>(overridden));
    }

    /** No settings at all: for tests of strategies that need none. */
    public static Settings empty() {
        return new Settings(Map.of(), Map.of());
    }

    /**
     * Every {@value #DEFAULTS} on the class path, merged.
     *
     * @throws IllegalStateException when two files define the same key: which one wins would
     *         depend on the class-path order
     */
    public static Settings defaults() {
        return defaults(Settings.class.getClassLoader());
    }

    /** Every {@value #DEFAULTS} that {@code loader} finds, merged; see {@link #defaults()}. */
    public static Settings defaults(ClassLoader loader) {
        Map<String, String> merged = new TreeMap<>();
        Map<String, URL> from = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources(DEFAULTS);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                for (String key : p.stringPropertyNames()) {
                    if (from.containsKey(key)) {
                        throw new IllegalStateException("setting '" + key + "' is defined twice, in " + from.get(key)
                                + " and " + url);
                    }
                    from.put(key, url);
                    merged.put(key, p.getProperty(key).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
        return new Settings(merged, Map.of());
    }

    /** These settings with {@code key=value} assignments on top; only known keys may be set. */
    public Settings with(List<String> assignments) {
        Map<String, String> next = new TreeMap<>(values);
        Map<String, String> over = new TreeMap<>(overridden);
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed setting '" + a + "': expected key=value, e.g. "
                        + (values.isEmpty() ? "key=1" : values.keySet().iterator().next() + "=" + values.values().iterator().next()));
            }
            String key = a.substring(0, eq).strip();
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; valid: "
                        + (values.isEmpty() ? "(none)" : String.join(", ", values.keySet())));
            }
            next.put(key, a.substring(eq + 1).strip());
            over.put(key, a.substring(eq + 1).strip());
        }
        return new Settings(next, over);
    }

    /**
     * The integer setting {@code key}, which must lie in [{@code min}, {@code max}].
     *
     * @throws IllegalArgumentException with one line naming the key and the range
     */
    public int intValue(String key, int min, int max) {
        String v = raw(key);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException("setting " + key + "=" + v + ": must be an integer from " + min + " to " + max);
    }

    private String raw(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting '" + key + "': is " + DEFAULTS + " on the class path?");
        }
        return v;
    }

    /** Every key and its value. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The keys set by the user, as {@code key=value}, for a replay command line. */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        overridden.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
