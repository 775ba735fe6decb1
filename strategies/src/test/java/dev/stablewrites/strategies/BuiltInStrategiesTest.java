package dev.stablewrites.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the registration of the built-in strategies: all six found through ServiceLoader under
 * their stable ids, each with a one-line description, a fresh instance per run (they keep
 * per-run state), and the defaults file read.
 */
class BuiltInStrategiesTest {

    @Test
    void all_tenStrategies_areDiscovered_byTheirStableIds() {
        assertEquals(List.of("bounce", "dio-fallback-buffered", "iomap-dio-bounce", "mkwrite-wait", "none",
                "recheck-resubmit", "ro-then-writeback", "snap-stable", "stable-pages", "writeback-then-ro"),
                Runs.CATALOG.ids());
    }

    @Test
    void each_hasAOneLineDescription_andAFreshInstancePerRun() {
        for (String id : Runs.CATALOG.ids()) {
            Strategy s = Runs.CATALOG.create(id);
            assertFalse(s.description().isBlank(), id);
            assertFalse(s.description().contains("\n"), id);
            assertNotSame(s, Runs.CATALOG.create(id), id + " must not share state between runs");
        }
    }

    @Test
    void defaultsFile_setsTheRetryLimitToThree() {
        assertEquals("3", Settings.defaults().asMap().get("recheck-resubmit.retry-limit"));
        assertEquals(3, ((dev.stablewrites.strategies.recheckresubmit.RecheckResubmitStrategy)
                Runs.CATALOG.create("recheck-resubmit")).retryLimit());
    }
}
