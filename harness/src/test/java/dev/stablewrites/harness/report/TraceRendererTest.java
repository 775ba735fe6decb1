package dev.stablewrites.harness.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import org.junit.jupiter.api.Test;

/** Guards that a rendered trace says everything the run found: a strategy's exception, failures after the run. */
class TraceRendererTest {

    private static RunResult run(String scenario, Strategy strategy) {
        return new Simulation(Scenario.parse(scenario), "t", strategy).tracing(true)
                .run(new ScheduleChooser(Schedule.empty()));
    }

    @Test
    void aStrategyThatThrew_isNamedBelowTheTrace_withTheStepItThrewAt() {
        Strategy throwing = new Strategy() {
            @Override
            public String description() {
                return "throws in page_mkwrite";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                throw new IllegalStateException("strategy bug");
            }
        };
        String text = TraceRenderer.render(run("mmap", throwing));
        assertTrue(text.contains("thrown: java.lang.IllegalStateException: strategy bug at step 3"), text);
    }

    @Test
    void aViolationFoundAfterTheRun_isPrintedBelowTheTrace() {
        Strategy neverWrites = new Strategy() {
            @Override
            public String description() {
                return "DMAs a zero page";
            }

            @Override
            public void bioIntegrityPrep(dev.stablewrites.core.strategy.BioHook submit, Steps steps) {
                for (var v : submit.bio().vecs()) {
                    v.setPage(submit.kernel().allocBouncePage(v.page())); // never filled: zeros
                }
            }
        };
        String text = TraceRenderer.render(run("mmap", neverWrites));
        assertTrue(text.contains("after the run: DURABLE: after the quiesce, lba 0"), text);
    }
}
