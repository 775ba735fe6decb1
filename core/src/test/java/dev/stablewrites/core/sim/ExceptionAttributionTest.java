package dev.stablewrites.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import org.junit.jupiter.api.Test;

/**
 * Guards who is blamed for an exception: the strategy when its hook or a step it added throws (an
 * oops of kernel code), never when the harness's own chooser does.
 */
class ExceptionAttributionTest {
    private static final String MMAP = "mmap A: store@0x0+8=0x11; B: fsync";

    @Test
    void aStepTheStrategyAdded_thatThrows_isAnOopsOfStrategyCode() {
        Strategy s = new Strategy() {
            @Override
            public String description() {
                return "a prep step that throws";
            }

            @Override
            public void bioIntegrityPrep(BioHook submit, Steps steps) {
                steps.add("broken_prep", null, self -> {
                    throw new ArithmeticException("divide by zero in prep");
                });
            }
        };
        RunResult r = Runs.run(MMAP, s, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().startsWith("BUG in strategy code: java.lang.ArithmeticException: "
                + "divide by zero in prep at step"), r.firstViolation().message());
    }

    @Test
    void aStackOverflowInAHook_isAnOopsToo() {
        Strategy s = new Strategy() {
            @Override
            public String description() {
                return "recurses without end";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                pageMkwrite(fault, steps);
            }
        };
        RunResult r = Runs.run(MMAP, s, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.crash().startsWith("java.lang.StackOverflowError"), r.crash());
    }

    @Test
    void anExceptionFromTheChooser_isTheHarnesssBug_andPropagates() {
        Simulation sim = new Simulation(Scenario.parse(MMAP), "test", Runs.NONE);
        Scheduler.ChooserFailure e = assertThrows(Scheduler.ChooserFailure.class, () -> sim.run((runnable, count,
                step, previous) -> {
            if (step == 3) {
                throw new IllegalStateException("bug in a chooser");
            }
            return 0;
        }));
        assertEquals("bug in a chooser", e.getCause().getMessage());
    }

    @Test
    void anAssertionErrorInAHook_isAnOopsToo_notACrashOfTheHarness() {
        Strategy s = new Strategy() {
            @Override
            public String description() {
                return "asserts in page_mkwrite";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                throw new AssertionError("strategy invariant");
            }
        };
        RunResult r = Runs.run(MMAP, s, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().startsWith("BUG in strategy code: java.lang.AssertionError"),
                r.firstViolation().message());
    }

    @Test
    void aStepTheStrategyPushedItself_thatThrows_isAnOopsOfKernelCode() {
        Strategy s = new Strategy() {
            @Override
            public String description() {
                return "pushes a broken step past Steps";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                fault.actor().pushFront(Step.of("broken", fault.page(), self -> {
                    throw new IllegalStateException("pushed and broken");
                }));
            }
        };
        RunResult r = Runs.run(MMAP, s, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().startsWith("BUG in kernel code: java.lang.IllegalStateException: "
                + "pushed and broken"), r.firstViolation().message());
    }

    @Test
    void aStepAStrategyQueuedOnTheKworker_thatThrows_isAnOopsOfStrategyCode() {
        Strategy s = new Strategy() {
            @Override
            public String description() {
                return "queues a broken work item";
            }

            @Override
            public void bioIntegrityPrep(BioHook submit, Steps steps) {
                submit.kernel().queueWork("broken_work", null, self -> {
                    if (self != null) {
                        throw new IllegalArgumentException("bad work item");
                    }
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = Runs.run(MMAP, s, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.crash().contains("bad work item") && r.crash().contains("(K"), r.crash());
    }
}
