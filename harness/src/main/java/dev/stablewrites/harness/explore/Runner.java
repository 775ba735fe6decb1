package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;

/**
 * Runs scenarios under one strategy of a catalog: a fresh strategy instance and a fresh simulated
 * system for every run, so no run sees another's state.
 */
public final class Runner {
    private final StrategyCatalog catalog;
    private final String strategy;
    private final int stepBudget;
    private final Runnable heartbeat;

    /** Runs {@code strategy} of {@code catalog} with the default step budget. */
    public Runner(StrategyCatalog catalog, String strategy) {
        this(catalog, strategy, Simulation.DEFAULT_BUDGET, () -> { });
    }

    private Runner(StrategyCatalog catalog, String strategy, int stepBudget, Runnable heartbeat) {
        this.catalog = catalog;
        this.strategy = strategy;
        this.stepBudget = stepBudget;
        this.heartbeat = heartbeat;
    }

    /** The same runner with another per-run step budget (past it a run fails {@code TERMINATES}). */
    public Runner withStepBudget(int steps) {
        return new Runner(catalog, strategy, steps, heartbeat);
    }

    /** The same runner, calling {@code beat} after every run: how a watchdog sees progress. */
    public Runner withHeartbeat(Runnable beat) {
        return new Runner(catalog, strategy, stepBudget, beat);
    }

    public String strategy() {
        return strategy;
    }

    public StrategyCatalog catalog() {
        return catalog;
    }

    /** One run without a trace: what explorers do millions of times. */
    public RunResult run(Scenario scenario, Chooser chooser) {
        RunResult r = new Simulation(scenario, strategy, catalog.create(strategy)).budget(stepBudget).run(chooser);
        heartbeat.run();
        return r;
    }

    /** One run following {@code schedule}, with or without its trace. */
    public RunResult replay(Scenario scenario, Schedule schedule, boolean tracing) {
        RunResult r = new Simulation(scenario, strategy, catalog.create(strategy)).budget(stepBudget).tracing(tracing)
                .run(new ScheduleChooser(schedule));
        heartbeat.run();
        return r;
    }
}
