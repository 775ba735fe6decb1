package dev.stablewrites.core.strategy;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.stablewrites.core.config.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every strategy on the class path, by id: the {@link StrategyModule}s found through
 * {@link ServiceLoader}, joined in one injector with the {@link Settings} they read. Nothing in
 * core or harness lists them.
 */
public final class StrategyCatalog {
    private final Map<String, Provider<Strategy>> providers;
    private final Settings settings;

    private StrategyCatalog(Map<String, Provider<Strategy>> providers, Settings settings) {
        this.providers = Collections.unmodifiableMap(new TreeMap<>(providers));
        this.settings = settings;
    }

    /** Finds every registered module on the class path, with the default settings. */
    public static StrategyCatalog discover() {
        return discover(Settings.defaults());
    }

    /**
     * Finds every registered module on the class path, with {@code settings}.
     *
     * @throws BadModule in one line naming the module class and its jar, when a listed module
     *                   cannot be loaded or configured, or two modules claim one id
     */
    public static StrategyCatalog discover(Settings settings) {
        return of(ModuleScan.load(Thread.currentThread().getContextClassLoader()), settings);
    }

    /**
     * The strategy modules on the class path do not load or do not fit together: one line that
     * names the module classes and the jars they came from. It is the user's set-up, not a bug of
     * the lab, so the command line reports it as bad input.
     */
    public static final class BadModule extends IllegalArgumentException {
        BadModule(String message) {
            super(message);
        }
    }

    /** The catalog of the given modules, with the default settings. */
    public static StrategyCatalog of(List<? extends Module> modules) {
        return of(modules, Settings.defaults());
    }

    /**
     * The catalog of the given modules, with {@code settings} bound for them to read.
     *
     * @throws BadModule when two modules register the same id, or one fails to configure
     * @throws IllegalStateException when a binding is broken
     */
    public static StrategyCatalog of(List<? extends Module> modules, Settings settings) {
        List<Module> all = new ArrayList<>();
        // Each module configured once, on its own, so that a clash names its modules and jars.
        for (ModuleScan.Scanned s : ModuleScan.scan(modules)) {
            all.add(com.google.inject.spi.Elements.getModule(s.elements()));
        }
        // An empty MapBinder keeps the catalog valid when no strategy module is on the class path.
        all.add(binder -> MapBinder.newMapBinder(binder, String.class, Strategy.class));
        all.add(binder -> binder.bind(Settings.class).toInstance(settings));
        try {
            Injector injector = Guice.createInjector(all);
            return new StrategyCatalog(injector.getInstance(
                    Key.get(new TypeLiteral<Map<String, Provider<Strategy>>>() { })), settings);
        } catch (CreationException | ProvisionException | ConfigurationException e) {
            String first = e.getMessage().lines().filter(l -> !l.isBlank()).skip(1).findFirst().orElse(e.getMessage());
            throw new IllegalStateException("strategy modules do not fit together: " + first.strip(), e);
        }
    }

    /** The settings the strategies read. */
    public Settings settings() {
        return settings;
    }

    /** The ids, sorted. */
    public List<String> ids() {
        return new ArrayList<>(providers.keySet());
    }

    /** Whether {@code id} names a strategy here, or a composition of two or more ({@code a+b}). */
    public boolean contains(String id) {
        if (providers.containsKey(id)) {
            return true;
        }
        List<String> parts = List.of(id.split("\\+", -1));
        return parts.size() > 1 && parts.stream().allMatch(providers::containsKey);
    }

    /**
     * A fresh instance of strategy {@code id}; {@code a+b} composes fresh instances of each part per
     * path ({@link CompositeStrategy}).
     *
     * @throws IllegalArgumentException for an unknown id, a setting the strategy rejects, or parts that
     *         act at one hook on one path (one line)
     * @throws IllegalStateException when the strategy's constructor or bindings fail (one line)
     */
    public Strategy create(String id) {
        if (!providers.containsKey(id) && id.contains("+")) {
            List<String> ids = List.of(id.split("\\+", -1));
            List<Strategy> parts = new ArrayList<>();
            for (String part : ids) {
                parts.add(create(part));
            }
            return new CompositeStrategy(ids, parts);
        }
        Provider<Strategy> p = providers.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown strategy '" + id + "'; valid: " + String.join(", ", ids()));
        }
        try {
            return p.get();
        } catch (ProvisionException e) {
            // A module's @Provides of typed settings throws IllegalArgumentException for a bad value.
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(id + ": " + bad.getMessage(), bad);
            }
            // Anything else is a broken strategy, not bad input: one line that names it.
            Throwable why = cause != null ? cause : e;
            throw new IllegalStateException("strategy '" + id + "' cannot be created: "
                    + String.valueOf(why).lines().findFirst().orElse("?"), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("strategy '" + id + "' cannot be created: "
                    + String.valueOf(e).lines().findFirst().orElse("?"), e);
        }
    }
}
