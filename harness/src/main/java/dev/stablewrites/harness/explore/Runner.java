package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs scenarios under one strategy of a catalog: a fresh strategy instance and a fresh simulated
 * system for every run, so no run sees another's state.
 */
public final class Runner {
    private final StrategyCatalog catalog;
    private final String strategy;
    private final int stepBudget;
    private final Runnable heartbeat;
    private final int threads;
    private final Workers workers;

    /** Runs {@code strategy} of {@code catalog} with the default step budget, on the calling thread. */
    public Runner(StrategyCatalog catalog, String strategy) {
        this(catalog, strategy, Simulation.DEFAULT_BUDGET, () -> { }, 1, null);
    }

    private Runner(StrategyCatalog catalog, String strategy, int stepBudget, Runnable heartbeat, int threads,
                   Workers workers) {
        this.catalog = catalog;
        this.strategy = strategy;
        this.stepBudget = stepBudget;
        this.heartbeat = heartbeat;
        this.threads = threads;
        this.workers = workers;
    }

    /** The same runner with another per-run step budget (past it a run fails {@code TERMINATES}). */
    public Runner withStepBudget(int steps) {
        return new Runner(catalog, strategy, steps, heartbeat, threads, workers);
    }

    /**
     * The same runner, calling {@code beat} after every run (from whichever worker made it): how a
     * watchdog sees progress. The beat must be thread-safe.
     */
    public Runner withHeartbeat(Runnable beat) {
        return new Runner(catalog, strategy, stepBudget, beat, threads, workers);
    }

    /**
     * The same runner, asking for {@code n} threads per exploration: {@link Exploration#run} gives
     * it that many {@link Workers}. What is found does not depend on {@code n}.
     */
    public Runner withThreads(int n) {
        return new Runner(catalog, strategy, stepBudget, heartbeat, Math.max(1, n), workers);
    }

    /** The same runner, making its {@linkplain #runAll batches} on {@code w}. */
    public Runner withWorkers(Workers w) {
        return new Runner(catalog, strategy, stepBudget, heartbeat, threads, w);
    }

    /** Threads asked for per exploration. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code choosers.get(i)} on {@code scenarios.get(i)} for every i, side by side on the
     * workers if there are some, and returns the results in that order.
     */
    public List<RunResult> runAll(List<Scenario> scenarios, List<? extends Chooser> choosers) {
        List<Supplier<RunResult>> jobs = new ArrayList<>(scenarios.size());
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            Chooser c = choosers.get(i);
            jobs.add(() -> run(s, c));
        }
        return map(jobs);
    }

    /** Starts {@code job} on a worker, or runs it now when there are none ({@link Workers#fork}). */
    public <T> java.util.concurrent.Future<T> fork(Supplier<T> job) {
        return (workers == null ? Workers.inline() : workers).fork(job);
    }

    /** Whether forked jobs run on other threads (a pool of two or more workers), not inline. */
    public boolean parallel() {
        return workerThreads() > 1;
    }

    /** Threads of the workers forked jobs run on: 1 when they run inline. */
    public int workerThreads() {
        return workers == null ? 1 : workers.threads();
    }

    /** Whether a worker is free to take a forked job now (never without workers). */
    public boolean hungry() {
        return workers != null && workers.hungry();
    }

    /** The jobs' results in order, computed ahead on the workers if there are some ({@link Workers#stream}). */
    public <T> java.util.Iterator<T> stream(List<? extends Supplier<T>> jobs) {
        return workers == null ? Workers.inline().stream(jobs, 0) : workers.stream(jobs, 4 * workers.threads());
    }

    /** Computes every job, side by side on the workers if there are some, results in the jobs' order. */
    public <T> List<T> map(List<? extends Supplier<T>> jobs) {
        return (workers == null ? Workers.inline() : workers).map(jobs);
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
