package dev.stablewrites.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.harness.BrokenStrategies;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.strategies.none.NoneModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards that a broken strategy is that cell's failure and never the comparison's: one that
 * throws, one that loops through the model, one that sleeps forever, one that never returns.
 */
class ComparisonReliabilityTest {
    @BeforeAll
    static void hangTheHangingHook() {
        BrokenStrategies.holdHung();
    }

    @AfterAll
    static void releaseTheHungThread() {
        BrokenStrategies.releaseHung();
    }





    /** Keeps state across runs, which a strategy must not: throws on the third fault of the JVM. */
    public static final class Remembers implements Strategy {
        private static final java.util.concurrent.atomic.AtomicInteger FAULTS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String description() {
            return "throws on the third page_mkwrite it ever sees";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            if (FAULTS.incrementAndGet() == 3) {
                throw new IllegalStateException("third fault");
            }
        }
    }

    static final class BrokenModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("remembers", Remembers.class);
            install(new BrokenStrategies.Module());
        }
    }

    private static final StrategyCatalog CATALOG = StrategyCatalog.of(List.of(new BrokenModule(), new NoneModule()));

    @Test
    void eachBrokenStrategy_failsItsOwnCells_andTheOthersStillRun() {
        List<Cell> cells = new Comparison(CATALOG, new RandomExplorer(), 1, 200, Duration.ofMinutes(5), 2)
                .run(List.of("throws", "loops", "deadlocks", "none"), List.of("mmap", "journal"));
        assertEquals(8, cells.size());
        Cell thrown = cell(cells, "throws", "mmap");
        assertEquals(Verdict.FAILS, thrown.verdict());
        assertEquals(Property.NO_OOPS, thrown.violation());
        assertTrue(thrown.reason().contains("bug in a test strategy"), thrown.reason());
        assertNotNull(thrown.counterexample(), "with its trace");
        assertEquals(Property.TERMINATES, cell(cells, "loops", "mmap").violation());
        assertEquals(Property.NO_DEADLOCK, cell(cells, "deadlocks", "mmap").violation());
        assertEquals(Property.NO_FALSE_EIO, cell(cells, "none", "mmap").violation());
        for (String s : List.of("throws", "loops", "deadlocks")) {
            // journal never faults a page in: page_mkwrite is not on its path, so the broken hook never runs,
            // and jbd2's own guards leave nothing else to fail.
            assertEquals(Verdict.HOLDS, cell(cells, s, "journal").verdict(), s);
        }
    }

    @Test
    void aHookThatNeverReturns_isGivenUpAsTerminates_andTheNextCellRuns() {
        List<Cell> cells = new Comparison(CATALOG, new RandomExplorer(), 1, 50, Duration.ofMillis(300), 1)
                .run(List.of("hangs", "none"), List.of("mmap"));
        Cell hung = cell(cells, "hangs", "mmap");
        assertEquals(Verdict.FAILS, hung.verdict());
        assertEquals(Property.TERMINATES, hung.violation());
        assertTrue(hung.reason().contains("never returns"), hung.reason());
        assertEquals(Verdict.FAILS, cell(cells, "none", "mmap").verdict());
    }

    @Test
    void aFailureThatDoesNotReplay_isReportedAsSuch_withoutATraceThatWouldPass() {
        Cell c = new Comparison(CATALOG, new RandomExplorer(), 1, 200, Duration.ofMinutes(5), 1)
                .run(List.of("remembers"), List.of("mmap")).get(0);
        assertEquals(Verdict.FAILS, c.verdict());
        assertEquals(Property.NO_OOPS, c.violation());
        assertTrue(c.reason().contains("passed when replayed"), c.reason());
        assertEquals(null, c.counterexample());
    }

    @Test
    void aLongCellWhoseRunsKeepEnding_isNeverGivenUp() {
        // 100,000 schedules take seconds, a run well under a millisecond: the watchdog counts from
        // the last run that ended, not from the start of the cell.
        Cell c = new Comparison(StrategyCatalog.of(List.of(new dev.stablewrites.strategies.bounce.BounceModule())),
                new RandomExplorer(), 1, 100_000, Duration.ofSeconds(2), 1).run(List.of("bounce"), List.of("mmap"))
                .get(0);
        assertEquals(Verdict.HOLDS, c.verdict(), c.reason());
        assertEquals(100_000, c.schedulesExplored());
    }

    @Test
    void aStrategyThatCannotBeCreated_isSkipped() {
        StrategyCatalog broken = StrategyCatalog.of(List.of(new StrategyModule() {
            @Override
            protected void configure() {
                strategy("unmakeable", BrokenStrategies.Unmakeable.class);
            }
        }));
        Cell c = new Comparison(broken, new RandomExplorer(), 1, 10, Duration.ofMinutes(1), 1)
                .run(List.of("unmakeable"), List.of("mmap")).get(0);
        assertEquals(Verdict.SKIPPED, c.verdict());
        assertTrue(c.reason().contains("unmakeable"), c.reason());
    }

    @Test
    void aCellThatRunsOutOfHeap_isSkippedWithTheHeapToTry_andTheOthersStillRun() {
        List<Cell> cells = new Comparison(CATALOG, new RandomExplorer(), 1, 50, Duration.ofMinutes(1), 2)
                .run(List.of("exhausts-heap", "none"), List.of("mmap"));
        Cell full = cell(cells, "exhausts-heap", "mmap");
        assertEquals(Verdict.SKIPPED, full.verdict());
        assertTrue(full.reason().startsWith("did not complete: out of memory: the JVM's heap ("), full.reason());
        assertTrue(full.reason().contains("java -Xmx"), full.reason());
        assertEquals(Verdict.FAILS, cell(cells, "none", "mmap").verdict());
    }

    private static Cell cell(List<Cell> cells, String strategy, String scenario) {
        return cells.stream().filter(c -> c.strategy().equals(strategy) && c.scenario().equals(scenario)).findFirst()
                .orElseThrow();
    }
}
