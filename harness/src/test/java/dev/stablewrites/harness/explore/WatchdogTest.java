package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Guards the watchdog: it gives up work that stops beating, never work that keeps beating. */
class WatchdogTest {
    private static final AtomicBoolean SPIN = new AtomicBoolean(true);

    @AfterAll
    static void release() {
        SPIN.set(false);
    }

    @Test
    void workThatNeverBeatsAgain_isGivenUp() {
        Optional<String> r = Watchdog.run(Duration.ofMillis(200), beat -> {
            while (SPIN.get()) {
                Thread.onSpinWait();
            }
            return "never";
        });
        assertTrue(r.isEmpty());
    }

    @Test
    void workThatKeepsBeating_runsToItsEnd() {
        // (Work longer than the timeout that keeps beating: ComparisonReliabilityTest, with real runs.)
        Optional<Long> r = Watchdog.run(Duration.ofSeconds(5), beat -> {
            long n = 0;
            for (int i = 0; i < 1_000_000; i++) {
                beat.run();
                n++;
            }
            return n;
        });
        assertEquals(Optional.of(1_000_000L), r);
    }

    @Test
    void whatTheWorkThrows_comesOutAsItWasThrown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Watchdog.run(Duration.ofSeconds(5), beat -> {
                    throw new IllegalArgumentException("bad input");
                }));
        assertEquals("bad input", e.getMessage());
    }
}
