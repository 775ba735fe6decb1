package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.SplittableRandom;

/**
 * Runs schedules with a uniformly random choice at every step, each on a scenario from the
 * source, until one fails or the budget is spent. Seeded: the same seed explores the same
 * schedules. The failing run is replayed with tracing on, so exploring never pays for traces.
 */
public final class RandomExplorer {
    private final StrategyCatalog catalog;

    public RandomExplorer(StrategyCatalog catalog) {
        this.catalog = catalog;
    }

    public ExploreResult explore(String strategy, ScenarioSource source, long seed, int budget) {
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 1; i <= budget; i++) {
            Scenario scenario = source.next(master.split());
            RunResult r = new Simulation(scenario, strategy, catalog.create(strategy))
                    .run(new RandomChooser(master.nextLong()));
            if (!r.holds()) {
                return new ExploreResult(i, replay(strategy, r), i);
            }
        }
        return new ExploreResult(budget, null, 0);
    }

    /** The same run again, with its trace. */
    public RunResult replay(String strategy, RunResult run) {
        return new Simulation(run.scenario(), strategy, catalog.create(strategy)).tracing(true)
                .run(new ScheduleChooser(run.schedule()));
    }
}
