package dev.stablewrites.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the settings file: every strategy jar's defaults are merged, a key defined twice is an
 * error rather than a class-path lottery, and overrides are checked and typed in one line.
 */
class SettingsTest {
    @TempDir
    Path dir;

    private ClassLoader jars(String... files) throws IOException {
        URL[] urls = new URL[files.length];
        for (int i = 0; i < files.length; i++) {
            Path jar = Files.createDirectories(dir.resolve("jar" + i));
            Files.writeString(jar.resolve(Settings.DEFAULTS), files[i]);
            urls[i] = jar.toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void defaults_mergeEveryJarsFile_ignoringComments() throws IOException {
        Settings s = Settings.defaults(jars("# a comment\na.limit = 3\n", "b.depth=2\n"));
        assertEquals(Map.of("a.limit", "3", "b.depth", "2"), s.asMap());
    }

    @Test
    void aKeyDefinedInTwoJars_isAnError() throws IOException {
        ClassLoader twice = jars("a.limit=3\n", "a.limit=4\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.defaults(twice));
        assertTrue(e.getMessage().startsWith("setting 'a.limit' is defined twice"), e.getMessage());
    }

    @Test
    void aKeyRepeatedInOneFile_isAnError_asTheShadedJarAppendsEveryJarsFileIntoOne() throws IOException {
        ClassLoader appended = jars("a.limit=3\n# from another jar\na.limit=4\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.defaults(appended));
        assertTrue(e.getMessage().startsWith("setting 'a.limit' is defined twice in "), e.getMessage());
    }

    @Test
    void aMalformedFile_isNamedInTheError() throws IOException {
        ClassLoader broken = jars("a.limit=\\u12\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.defaults(broken));
        assertTrue(e.getMessage().startsWith("cannot read ") && e.getMessage().contains(Settings.DEFAULTS), e.getMessage());
    }

    @Test
    void overrides_replaceKnownKeys_andAreListedForAReplayLine() throws IOException {
        Settings s = Settings.defaults(jars("a.limit=3\nb.depth=2\n")).with(List.of("b.depth = 5"));
        assertEquals(5, s.intValue("b.depth", 0, 10));
        assertEquals(3, s.intValue("a.limit", 0, 10));
        assertEquals(List.of("b.depth=5"), s.overrides());
    }

    @Test
    void unknownOrMalformedOverrides_areOneLineErrors() throws IOException {
        Settings s = Settings.defaults(jars("a.limit=3\n"));
        assertEquals("unknown setting 'b'; valid: a.limit",
                assertThrows(IllegalArgumentException.class, () -> s.with(List.of("b=1"))).getMessage());
        assertEquals("malformed setting 'a.limit': expected key=value, e.g. a.limit=3",
                assertThrows(IllegalArgumentException.class, () -> s.with(List.of("a.limit"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.with(List.of("=1")));
        assertEquals("malformed setting: only printable ASCII is allowed in --set",
                assertThrows(IllegalArgumentException.class, () -> s.with(List.of("a.limit=1\nFAILS: fake"))).getMessage());
        for (String lookAlike : List.of("a.limit=\uff12", "a.limit=\u0663")) {
            assertThrows(IllegalArgumentException.class, () -> s.with(List.of(lookAlike)), lookAlike);
        }
    }

    @Test
    void intValue_checksTheNumberAndItsRange() throws IOException {
        Settings s = Settings.defaults(jars("a.limit=3\n"));
        assertEquals(0, s.with(List.of("a.limit=0")).intValue("a.limit", 0, 10));
        assertEquals(10, s.with(List.of("a.limit=10")).intValue("a.limit", 0, 10));
        for (String bad : List.of("-1", "11", "x", "", "3.5", "99999999999", "+5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.with(List.of("a.limit=" + bad)).intValue("a.limit", 0, 10), bad);
            assertEquals("setting a.limit=" + bad + ": must be an integer from 0 to 10", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> s.intValue("missing", 0, 1));
    }
}
