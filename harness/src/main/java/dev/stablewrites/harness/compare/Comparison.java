package dev.stablewrites.harness.compare;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.shrink.Shrinker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every strategy × scenario: explore each cell, shrink its counterexample, keep the costs. Cells
 * are independent, so they run side by side on worker threads and the result does not depend on
 * how many; each cell is a deterministic function of (strategy, scenario, explorer, seed, budget).
 *
 * <p>A strategy that throws fails its own runs ({@code NO_OOPS}), one that loops through the model
 * fails {@code TERMINATES} and one that sleeps forever {@code NO_DEADLOCK}, all inside the
 * simulation. A hook that never returns to it at all (a Java loop) cannot be seen from inside: a
 * watchdog on the wall clock, outside every simulated run, gives that cell up as {@code TERMINATES}
 * and the comparison goes on. It is the only place the clock is read, and a cell that finishes is
 * never affected by it.
 */
public final class Comparison {
    private final StrategyCatalog catalog;
    private final Explorer explorer;
    private final long seed;
    private final int budget;
    private final Duration cellTimeout;
    private final int threads;

    public Comparison(StrategyCatalog catalog, Explorer explorer, long seed, int budget, Duration cellTimeout,
                      int threads) {
        this.catalog = catalog;
        this.explorer = explorer;
        this.seed = seed;
        this.budget = budget;
        this.cellTimeout = cellTimeout;
        this.threads = Math.max(1, threads);
    }

    /** The cells, strategies outer and scenarios inner, in the order given. */
    public List<Cell> run(List<String> strategies, List<String> scenarios) {
        List<String[]> todo = new ArrayList<>();
        for (String s : strategies) {
            for (String c : scenarios) {
                todo.add(new String[] {s, c});
            }
        }
        Cell[] cells = new Cell[todo.size()];
        List<Running> running = new ArrayList<>();
        int next = 0;
        while (next < todo.size() || !running.isEmpty()) {
            while (running.size() < threads && next < todo.size()) {
                running.add(start(next, todo.get(next)[0], todo.get(next)[1]));
                next++;
            }
            waitForAny(running);
            for (int i = running.size() - 1; i >= 0; i--) {
                Running r = running.get(i);
                if (r.future.isDone()) {
                    cells[r.index] = r.future.join();
                    running.remove(i);
                } else if (System.nanoTime() - r.startNanos > cellTimeout.toNanos()) {
                    r.thread.interrupt(); // it may not listen: the thread is a daemon and is left behind
                    cells[r.index] = hung(r.strategy, r.scenario);
                    running.remove(i);
                }
            }
        }
        return List.of(cells);
    }

    private record Running(int index, String strategy, String scenario, Thread thread,
                           CompletableFuture<Cell> future, long startNanos) {
    }

    private Running start(int index, String strategy, String scenario) {
        CompletableFuture<Cell> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(cell(strategy, scenario));
            } catch (Throwable e) { // an Error from a strategy is still only that cell's failure
                future.complete(failed(strategy, scenario, Property.NO_OOPS,
                        "the strategy broke the harness's run: " + e));
            }
        }, "compare " + strategy + " x " + scenario);
        t.setDaemon(true);
        t.start();
        return new Running(index, strategy, scenario, t, future, System.nanoTime());
    }

    private void waitForAny(List<Running> running) {
        if (running.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (Running r : running) {
            nearest = Math.min(nearest, r.startNanos + cellTimeout.toNanos() - now);
        }
        try {
            CompletableFuture.anyOf(running.stream().map(Running::future).toArray(CompletableFuture[]::new))
                    .get(Math.max(1, nearest), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a deadline passed: the caller looks at each cell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("comparison interrupted", e);
        }
    }

    /** One cell, on the calling thread. */
    public Cell cell(String strategy, String scenario) {
        ScenarioSource source = ScenarioSource.parse(scenario);
        try {
            catalog.create(strategy);
        } catch (IllegalStateException | IllegalArgumentException cannot) {
            return new Cell(strategy, scenario, Verdict.SKIPPED, null, cannot.getMessage(), 0, null, null,
                    Map.of(), new Coverage());
        }
        Runner runner = new Runner(catalog, strategy);
        Exploration.Result r = Exploration.run(explorer, runner, source, seed, budget, true);
        if (r.holds()) {
            return new Cell(strategy, scenario, Verdict.HOLDS, null, r.summary().claim(), r.schedulesExplored(), null,
                    null, r.costs().asMap(), r.coverage());
        }
        Shrinker.Shrunk shrunk = new Shrinker(runner, source::shrink).shrink(r.firstFailure());
        return new Cell(strategy, scenario, Verdict.FAILS, shrunk.property(), shrunk.run().failure(),
                r.schedulesExplored(), r.schedulesToFailure(), shrunk, r.costs().asMap(), r.coverage());
    }

    private Cell hung(String strategy, String scenario) {
        return failed(strategy, scenario, Property.TERMINATES, "no result within " + cellTimeout.toMillis()
                + " ms of wall-clock time: a strategy hook that never returns to the simulation");
    }

    private static Cell failed(String strategy, String scenario, Property p, String why) {
        Map<String, Long> none = new LinkedHashMap<>();
        return new Cell(strategy, scenario, Verdict.FAILS, p, p + ": " + why, 0, null, null, none, new Coverage());
    }
}
