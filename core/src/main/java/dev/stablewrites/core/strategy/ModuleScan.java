package dev.stablewrites.core.strategy;

import com.google.inject.Module;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What a strategy author sees when modules do not load or do not fit: each module's configuration
 * is recorded on its own, so the catalog knows which module (and which jar) claimed which id, and
 * a module that cannot be found, made or configured is named with the jar that lists it. Guice
 * alone would say "Map injection failed due to duplicated key" with neither the modules nor the jars.
 */
final class ModuleScan {
    static final String SERVICES = "META-INF/services/" + StrategyModule.class.getName();
    /** The ids the module being recorded on this thread has claimed, or null when none is. */
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    private ModuleScan() {
    }

    /** Called by {@link StrategyModule#strategy}: notes the id for the module being recorded. */
    static void claimed(String id) {
        List<String> ids = RECORDING.get();
        if (ids != null) {
            ids.add(id);
        }
    }

    /** A module with the elements its configuration produced and the ids it claimed. */
    record Scanned(Module module, List<Element> elements, List<String> ids) {
    }

    /**
     * The modules the class path lists, in its order.
     *
     * @throws StrategyCatalog.BadModule naming the module class and its jar when one cannot be loaded
     */
    static List<Module> load(ClassLoader loader) {
        Map<String, String> listedIn = listings(loader);
        List<Module> out = new ArrayList<>();
        Iterator<StrategyModule> it = ServiceLoader.load(StrategyModule.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                String provider = providerOf(e, listedIn);
                throw new StrategyCatalog.BadModule("cannot load the strategy module " + (provider == null ? ""
                        : provider + " ") + "listed in " + (provider == null ? "a jar's " + SERVICES
                        : listedIn.get(provider)) + ": " + why(e));
            }
        }
    }

    /**
     * Runs each module's configuration on its own, recording the ids it claims (those of any module
     * it installs count as its own).
     *
     * @throws StrategyCatalog.BadModule when a module's configuration throws, or two claim one id
     */
    static List<Scanned> scan(List<? extends Module> modules) {
        List<Scanned> out = new ArrayList<>();
        Map<String, Module> owner = new LinkedHashMap<>();
        for (Module m : modules) {
            List<String> ids = new ArrayList<>();
            List<Element> elements;
            RECORDING.set(ids);
            try {
                elements = Elements.getElements(m);
            } catch (RuntimeException | LinkageError e) {
                throw new StrategyCatalog.BadModule("strategy module " + describe(m) + " fails in configure(): "
                        + why(e));
            } finally {
                RECORDING.remove();
            }
            for (Element e : elements) {
                if (e instanceof com.google.inject.spi.Message msg) {
                    throw new StrategyCatalog.BadModule("strategy module " + describe(m) + " fails in configure(): "
                            + (msg.getCause() != null ? why(msg.getCause())
                                    : msg.getMessage().lines().findFirst().orElse("?")));
                }
            }
            for (String id : ids) {
                Module first = owner.putIfAbsent(id, m);
                if (first != null) {
                    throw new StrategyCatalog.BadModule("strategy id '" + id + "' is claimed by two modules: "
                            + describe(first) + (first == m ? " (twice)" : " and " + describe(m))
                            + "; remove one of them from the class path or give one strategy another id");
                }
            }
            out.add(new Scanned(m, elements, List.copyOf(ids)));
        }
        return out;
    }

    /** {@code com.example.FooModule (lib/foo.jar)}: the class and where it was loaded from. */
    static String describe(Module m) {
        Class<?> c = m.getClass();
        String name = c.isAnonymousClass() || c.getCanonicalName() == null ? c.getName() : c.getCanonicalName();
        return name + " (" + origin(c) + ")";
    }

    /** The jar or directory {@code c} was loaded from, as a path from the working directory when under it. */
    static String origin(Class<?> c) {
        try {
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return "the JDK";
            }
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path cwd = Path.of("").toAbsolutePath();
            return (p.startsWith(cwd) && !p.equals(cwd) ? cwd.relativize(p) : p).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "an unknown location";
        }
    }

    /** Each provider class the class path lists, with the jar (or directory) whose services file lists it. */
    private static Map<String, String> listings(ClassLoader loader) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = (loader == null ? ClassLoader.getSystemClassLoader() : loader).getResources(SERVICES);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                String where = location(url);
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    r.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                            .forEach(name -> out.putIfAbsent(name, where));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The names are for the message only: without them it names fewer things.
        }
        return out;
    }

    /** The jar a services file is in, or the directory for a class-path directory. */
    private static String location(URL url) {
        try {
            if (url.getProtocol().equals("jar")) {
                URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
                return relative(Path.of(jar.toURI()));
            }
            Path file = Path.of(url.toURI());
            return relative(file.getParent().getParent().getParent()); // out of META-INF/services/
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return url.toString();
        }
    }

    private static String relative(Path p) {
        Path abs = p.toAbsolutePath();
        Path cwd = Path.of("").toAbsolutePath();
        return (abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs).toString();
    }

    /** The listed provider a loading error is about: the one whose name its message holds. */
    private static String providerOf(Throwable e, Map<String, String> listedIn) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            for (String name : listedIn.keySet()) {
                if ((m.contains(name) || m.contains(name.replace('.', '/'))) && (best == null
                        || name.length() > best.length())) {
                    best = name;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /** The deepest cause, in one line: what actually went wrong. */
    private static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String text = root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        if (root instanceof ServiceConfigurationError && String.valueOf(m).endsWith(" not found")) {
            text = "the class is in no jar on the class path";
        } else if (root instanceof UnsupportedClassVersionError) {
            text = "compiled for a newer Java than this one (" + System.getProperty("java.version") + "): " + m;
        } else if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
            text = "class " + String.valueOf(m).replace('/', '.') + " not found (a jar missing from the class path,"
                    + " or built against another version of stablewrites)";
        }
        return text.lines().findFirst().orElse("?");
    }
}
