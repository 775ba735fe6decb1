package dev.stablewrites.core.config;

import java.io.IOException;
import java.io.InputStream;
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
     * @throws IllegalStateException when a key is defined twice (which value wins would depend on
     *         the class-path order), or a file cannot be read
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
                for (Map.Entry<String, String> e : load(url).entrySet()) {
                    if (from.containsKey(e.getKey())) {
                        throw new IllegalStateException("setting '" + e.getKey() + "' is defined twice, in "
                                + from.get(e.getKey()) + " and " + url);
                    }
                    from.put(e.getKey(), url);
                    merged.put(e.getKey(), e.getValue().strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS + ": " + e.getMessage(), e);
        }
        return new Settings(merged, Map.of());
    }

    /**
     * One defaults file. A key repeated inside it is an error too: the shaded jar appends every
     * strategy jar's file into one, where {@link Properties} would silently keep the last value.
     */
    private static Map<String, String> load(URL url) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (keys.put((String) key, (String) value) != null) {
                    throw new IllegalStateException("setting '" + key + "' is defined twice in " + url);
                }
                return super.put(key, value);
            }
        };
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** These settings with {@code key=value} assignments on top; only known keys may be set. */
    public Settings with(List<String> assignments) {
        Map<String, String> next = new TreeMap<>(values);
        Map<String, String> over = new TreeMap<>(overridden);
        for (String a : assignments) {
            if (!a.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                // A newline would split the error, and the replay line that repeats the setting, in two.
                throw new IllegalArgumentException("malformed setting: only printable ASCII is allowed in --set");
            }
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
        // ASCII digits only: parseInt would also take '+5' and look-alike digits such as '\uFF12'.
        if (v.matches("-?[0-9]{1,9}")) {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
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
