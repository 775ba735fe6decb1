package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Guards the command the {@code replay:} line starts with: it must run the same code again from
 * the user's directory, with a strategy jar of their own still on the class path.
 */
class ReplayCommandLineTest {
    private static final Path CWD = Path.of("").toAbsolutePath();

    @Test
    void runWithJavaDashJar_underTheWorkingDirectory_isRelative() {
        Path jar = CWD.resolve("harness/target/stablewrites.jar");
        assertEquals("java -jar harness/target/stablewrites.jar", Lab.jarCommand(jar, jar.toString()));
    }

    @Test
    void runFromElsewhere_isAbsolute_andQuotedWhenThePathHasSpaces() {
        Path jar = Path.of("/opt/my tools/stablewrites.jar");
        assertEquals("java -jar '/opt/my tools/stablewrites.jar'", Lab.jarCommand(jar, jar.toString()));
    }

    @Test
    void runWithDashCpBesideAStrategyJar_keepsTheWholeClassPath() {
        Path jar = CWD.resolve("harness/target/stablewrites.jar");
        String classPath = jar + File.pathSeparator + "/opt/strategies/my-strategy.jar";
        assertEquals("java -cp harness/target/stablewrites.jar" + File.pathSeparator
                + "/opt/strategies/my-strategy.jar dev.stablewrites.harness.cli.Main", Lab.jarCommand(jar, classPath));
    }

    @Test
    void runFromTheBuildTree_namesTheDocumentedJar() {
        assertEquals("java -jar harness/target/stablewrites.jar",
                Lab.jarCommand(CWD.resolve("harness/target/classes"), "a" + File.pathSeparator + "b"));
    }

    @Test
    void aStrategyJarInATemporaryDirectory_isNamedOnTheReplayLine() {
        // Absolute paths: the test must not depend on where the checkout is (CI may clone into /tmp).
        String cp = "/opt/lab/stablewrites.jar" + File.pathSeparator + "/tmp/build-123/my-strategy.jar";
        assertEquals("   # /tmp/build-123/my-strategy.jar is in a temporary directory: copy it somewhere lasting to"
                + " replay this later", Lab.replayNote(cp));
        assertEquals("", Lab.replayNote("/opt/lab/stablewrites.jar" + File.pathSeparator
                + "/opt/strategies/my-strategy.jar"));
        assertEquals("", Lab.replayNote("/tmp"), "the directory itself is not a jar in it");
    }
}
