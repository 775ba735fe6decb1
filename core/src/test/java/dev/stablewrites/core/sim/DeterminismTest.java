package dev.stablewrites.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioGenerator;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sched.ScheduleChooser;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards replayability (docs/model.md §3): the same scenario, strategy and schedule always give the same
 * trace, and the schedule a run took replays it exactly, on every scenario.
 */
class DeterminismTest {

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void sameScenarioStrategyAndSchedule_giveIdenticalTraces(ScenarioKind kind) {
        ScenarioGenerator gen = new ScenarioGenerator(kind, Geometry.DEFAULT);
        SplittableRandom random = new SplittableRandom(11);
        int failing = 0;
        for (int i = 0; i < 40; i++) {
            Scenario s = gen.next(random);
            RunResult first = new Simulation(s, "none", Runs.NONE).tracing(true).run(new RandomChooser(i));
            RunResult second = new Simulation(s, "none", Runs.NONE).tracing(true).run(new RandomChooser(i));
            RunResult replayed = new Simulation(s, "none", Runs.NONE).tracing(true)
                    .run(new ScheduleChooser(first.schedule()));
            RunResult untraced = new Simulation(s, "none", Runs.NONE).run(new ScheduleChooser(first.schedule()));
            assertEquals(first.trace(), second.trace());
            assertEquals(first.trace(), replayed.trace());
            assertEquals(first.violations(), replayed.violations());
            assertEquals(first.costs().asMap(), replayed.costs().asMap());
            assertEquals(first.violations(), untraced.violations(), "tracing changes nothing but the trace");
            assertEquals(first.schedule(), untraced.schedule());
            failing += first.holds() ? 0 : 1;
        }
        if (kind != ScenarioKind.JOURNAL) { // jbd2's own guards leave none nothing to fail on
            assertTrue(failing > 0, "the runs include failing ones, so their replay was checked too");
        }
    }
}
