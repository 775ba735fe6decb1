package dev.stablewrites.core.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards what a strategy author reads when modules do not load or do not fit: one line naming the
 * module classes and where each came from (Guice alone names neither), as bad input, not an
 * internal error.
 */
class ModuleErrorsTest {
    /** Where this test's classes are, as the message prints it (surefire runs in the module's directory). */
    private static final String HERE = ModuleScan.origin(ModuleErrorsTest.class);

    public static final class First extends StrategyModule {
        @Override
        protected void configure() {
            strategy("same", StrategyCatalogTest.Plain.class);
        }
    }

    public static final class Second extends StrategyModule {
        @Override
        protected void configure() {
            install(new Inner()); // an installed module's ids are its installer's
        }
    }

    static final class Inner extends StrategyModule {
        @Override
        protected void configure() {
            strategy("same", StrategyCatalogTest.Other.class);
        }
    }

    public static final class ThrowsInConstructor extends StrategyModule {
        public ThrowsInConstructor() {
            throw new IllegalStateException("no settings file");
        }

        @Override
        protected void configure() {
        }
    }

    public static final class ThrowsInConfigure extends StrategyModule {
        @Override
        protected void configure() {
            throw new IllegalStateException("bad binding");
        }
    }

    @Test
    void twoModulesClaimingOneId_nameBothClassesAndWhereTheyCameFrom() {
        StrategyCatalog.BadModule e = assertThrows(StrategyCatalog.BadModule.class,
                () -> StrategyCatalog.of(List.of(new First(), new Second())));
        assertEquals("strategy id 'same' is claimed by two modules: " + First.class.getCanonicalName() + " (" + HERE
                + ") and " + Second.class.getCanonicalName() + " (" + HERE + "); remove one of them from the class"
                + " path or give one strategy another id", e.getMessage());
        assertEquals(List.of(), e.getMessage().lines().skip(1).toList(), "one line");
    }

    @Test
    void aModuleThatFailsToConfigure_isNamed() {
        StrategyCatalog.BadModule e = assertThrows(StrategyCatalog.BadModule.class,
                () -> StrategyCatalog.of(List.of(new First(), new ThrowsInConfigure())));
        assertEquals("strategy module " + ThrowsInConfigure.class.getCanonicalName() + " (" + HERE + ") fails in"
                + " configure(): IllegalStateException: bad binding", e.getMessage());
    }

    @Test
    void aListedModuleThatCannotBeMade_namesTheJarThatListsIt(@TempDir Path dir) throws Exception {
        Path jar = services(dir, "broken", ThrowsInConstructor.class.getName());
        assertEquals("cannot load the strategy module " + ThrowsInConstructor.class.getName() + " listed in " + jar
                + ": IllegalStateException: no settings file", discoverWith(jar).getMessage());
    }

    @Test
    void aListedModuleThatIsMissing_namesTheJarThatListsIt(@TempDir Path dir) throws Exception {
        Path jar = services(dir, "typo", "com.example.NoSuchModule");
        assertEquals("cannot load the strategy module com.example.NoSuchModule listed in " + jar
                + ": the class is in no jar on the class path", discoverWith(jar).getMessage());
    }

    @Test
    void twoListedModulesClaimingOneId_failDiscovery_inOneLine(@TempDir Path dir) throws Exception {
        Path jar = services(dir, "clash", First.class.getName() + "\n# a comment\n" + Second.class.getName());
        String m = discoverWith(jar).getMessage();
        assertEquals("strategy id 'same' is claimed by two modules: " + First.class.getCanonicalName() + " (" + HERE
                + ") and " + Second.class.getCanonicalName() + " (" + HERE + "); remove one of them from the class"
                + " path or give one strategy another id", m);
    }

    /** A jar at {@code dir/name.jar} holding only a services file listing {@code providers}. */
    private static Path services(Path dir, String name, String providers) throws Exception {
        Path jar = dir.resolve(name + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(ModuleScan.SERVICES));
            out.write((providers + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static StrategyCatalog.BadModule discoverWith(Path jar) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            return assertThrows(StrategyCatalog.BadModule.class, StrategyCatalog::discover);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
