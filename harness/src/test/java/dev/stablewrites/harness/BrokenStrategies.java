package dev.stablewrites.harness;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyModule;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Strategies broken each in one way kernel code can break, for the tests that a broken strategy
 * fails only its own cells and runs: explored ({@code ComparisonReliabilityTest}) and timed
 * ({@code TimedReliabilityTest}).
 */
public final class BrokenStrategies {
    /** Holds the never-returning hook in its loop until a test releases it, so the thread ends. */
    private static final AtomicBoolean HANG = new AtomicBoolean(true);

    private BrokenStrategies() {
    }

    /** Makes the hanging hook hang; call before a test class that expects it to (another may have released it). */
    public static void holdHung() {
        HANG.set(true);
    }

    /** Lets every hung hook return; call after the tests that hang one. */
    public static void releaseHung() {
        HANG.set(false);
    }

    /** Binds throws, exhausts-heap, loops, deadlocks and hangs. */
    public static final class Module extends StrategyModule {
        @Override
        protected void configure() {
            strategy("throws", Throws.class);
            strategy("exhausts-heap", ExhaustsHeap.class);
            strategy("loops", Loops.class);
            strategy("deadlocks", Deadlocks.class);
            strategy("hangs", Hangs.class);
        }
    }

    /** Throws in page_mkwrite, as a strategy with a bug would. */
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

    /** Stands in for the heap running out inside a cell: its page_mkwrite throws what a full heap throws. */
    public static final class ExhaustsHeap implements Strategy {
        @Override
        public String description() {
            return "throws OutOfMemoryError in page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** A retry loop without end: each step queues itself again. */
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
    /** Takes the page lock it already holds: sleeps forever, and fsync with it. */
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
    /** Never returns to the simulation: a Java loop inside the hook. */
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
    /** Its constructor throws, as a module whose configuration is wrong would make it. */
    public static final class Unmakeable implements Strategy {
        public Unmakeable() {
            throw new IllegalStateException("no such device");
        }

        @Override
        public String description() {
            return "cannot be made";
        }
    }
}
