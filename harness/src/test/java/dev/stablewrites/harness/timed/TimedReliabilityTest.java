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
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import dev.stablewrites.strategies.none.NoneModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A strategy that throws, loops, deadlocks, hangs or cannot be built fails its own timed runs, never the rest. */
class TimedReliabilityTest {
    /** Holds the never-returning hook in its loop; released after the test so the thread ends. */
    private static final AtomicBoolean HANG = new AtomicBoolean(true);

    @AfterAll
    static void releaseTheHungThread() {
        HANG.set(false);
    }

    public static final class Throws implements Strategy {
        @Override
        public String description() {
            return "throws in page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            throw new IllegalStateException("bug in a test strategy");
        }
    }

    public static final class Loops implements Strategy {
        @Override
        public String description() {
            return "retries forever in page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            steps.add("retry_forever", fault.page(), new StepBody() {
                @Override
                public StepResult run(Actor self) {
                    self.pushFront(Step.of("retry_forever", fault.page(), this));
                    return StepResult.DONE;
                }
            });
        }
    }

    public static final class Deadlocks implements Strategy {
        @Override
        public String description() {
            return "lock_page twice in page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            steps.lockPage(fault.page());
        }
    }

    public static final class Hangs implements Strategy {
        @Override
        public String description() {
            return "spins in Java inside page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            while (HANG.get()) {
                Thread.onSpinWait();
            }
        }
    }

    public static final class Unmakeable implements Strategy {
        public Unmakeable() {
            throw new IllegalStateException("no such device");
        }

        @Override
        public String description() {
            return "cannot be made";
        }
    }

    private static final StrategyCatalog CATALOG = StrategyCatalog.of(List.of(new StrategyModule() {
        @Override
        protected void configure() {
            strategy("throws", Throws.class);
            strategy("loops", Loops.class);
            strategy("deadlocks", Deadlocks.class);
            strategy("hangs", Hangs.class);
            strategy("unmakeable", Unmakeable.class);
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
    }
}
