package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.strategies.none.NoneStrategy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the author's first mistake, a second module claiming an id that is taken: exit 2 with one
 * line naming both module classes and where each came from, where it was "internal error", exit 3.
 */
class ModuleErrorsCliTest {
    /** Claims {@code none}, which the strategies jar already has. */
    public static final class NoneAgain extends StrategyModule {
        @Override
        protected void configure() {
            strategy("none", NoneStrategy.class);
        }
    }

    @Test
    void aSecondModuleClaimingNone_isBadInput_namingBothModulesAndTheirJars(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.runWithModule(dir, NoneAgain.class, "explore", "--strategy", "none", "--scenario", "mmap",
                "--set", "recheck-resubmit.retry-limit=3");
        assertEquals(Main.BAD_INPUT, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("stablewrites: strategy id 'none' is claimed by two modules: "
                + "dev.stablewrites.strategies.none.NoneModule ("), r.err());
        // `mvn test` puts the strategies' classes on the path, `mvn verify` or `install` their jar.
        assertTrue(r.err().matches("(?s).*strategies/target/(classes|stablewrites-strategies-[^)/]*\\.jar)\\) and "
                + java.util.regex.Pattern.quote(NoneAgain.class.getCanonicalName() + " (target/test-classes)") + ".*"), r.err());
        assertEquals("", r.out());
    }
}
