package dev.stablewrites.harness.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import dev.stablewrites.harness.BrokenStrategies;
import dev.stablewrites.harness.explore.HeapAdvice;
import dev.stablewrites.strategies.none.NoneModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A strategy that throws, loops, deadlocks, hangs or cannot be built fails its own timed runs, never the rest. */
class TimedReliabilityTest {
    @BeforeAll
    static void hangTheHangingHook() {
        BrokenStrategies.holdHung();
    }

    @AfterAll
    static void releaseTheHungThread() {
        BrokenStrategies.releaseHung();
    }

    private static final StrategyCatalog CATALOG = StrategyCatalog.of(List.of(new StrategyModule() {
        @Override
        protected void configure() {
            install(new BrokenStrategies.Module());
            strategy("unmakeable", BrokenStrategies.Unmakeable.class);
        }
    }, new NoneModule()));

    @Test
    void brokenStrategiesFailTheirOwnRuns_andTheOthersStillRun() {
        Workload w = Workload.of(WorkloadKind.MMAP_MSYNC, 1 << 20, 50, 1).withThreads(2);
        List<TimedResult> rs = new TimedComparison(CATALOG, Geometry.DEFAULT, CostModel.defaults(), 2,
                Duration.ofSeconds(2)).run(List.of("throws", "loops", "deadlocks", "hangs", "unmakeable", "none"),
                List.of(w));
        assertTrue(rs.get(0).outcome().startsWith("oops"), rs.get(0).outcome());
        assertTrue(rs.get(0).firstViolation().startsWith(Property.NO_OOPS + ": BUG in strategy code"),
                rs.get(0).firstViolation());
        assertEquals("did not terminate", rs.get(1).outcome());
        assertEquals("deadlock", rs.get(2).outcome());
        assertTrue(rs.get(3).outcome().startsWith("hung: no step ended for 2 s"), rs.get(3).outcome());
        assertTrue(rs.get(4).outcome().startsWith("did not run: "), rs.get(4).outcome());
        assertEquals("completed", rs.get(5).outcome());
        assertEquals(50, rs.get(5).writes());
        // Runs that stopped at a property ran; a hung or unmakeable one did not.
        assertEquals(List.of(true, true, true, false, false, true), rs.stream().map(TimedResult::ran).toList());
    }

    /** The case: a 1 GiB working set was told -Xmx2g and needed 3g. */
    @Test
    void outOfMemoryAdvice_givesAnXmxNoSmallerThanTheNeed() {
        TimedComparison c = new TimedComparison(CATALOG, Geometry.DEFAULT, CostModel.defaults(), 1,
                Duration.ofSeconds(2));
        long need = c.bytesPerRun(Workload.of(WorkloadKind.WRITE_SYNC, 1L << 30, 1000, 1));
        String advice = TimedComparison.outOfMemory(need);
        assertTrue(advice.contains("needs about " + (need >> 20) + " MiB") || advice.contains("needs about "
                + ((need >> 20) + 1) + " MiB"), advice);
        assertTrue(advice.contains("java -Xmx3g -jar"), advice);
        assertEquals("768m", HeapAdvice.xmx(729), "a 256 MiB working set");
        assertEquals("1024m", HeapAdvice.xmx(1024));
        assertEquals("2g", HeapAdvice.xmx(1025));
        for (long mib = 1; mib < 5000; mib += 37) {
            String x = HeapAdvice.xmx(mib);
            long given = x.endsWith("g") ? Long.parseLong(x.replace("g", "")) * 1024 : Long.parseLong(x.replace("m", ""));
            assertTrue(given >= mib && given < mib + 1024, mib + " MiB -> " + x);
        }
    }
}
