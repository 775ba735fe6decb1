package dev.stablewrites.harness.compare;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.HeapAdvice;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every strategy × scenario: explore each cell, shrink its counterexample, keep the costs. Cells
 * are independent, so they run side by side on worker threads and the result does not depend on
 * how many; each cell is a deterministic function of (strategy, scenario, explorer, seed, budget).
 *
 * <p>A strategy that throws fails its own runs ({@code NO_OOPS}), one that loops through the model
 * fails {@code TERMINATES} and one that sleeps forever {@code NO_DEADLOCK}, all inside the
 * simulation. A hook that never returns to it at all (a Java loop) cannot be seen from inside: a
 * watchdog outside every simulated run gives the cell up as {@code TERMINATES} when no run of it
 * has ended for {@code runTimeout} of wall-clock time, and the comparison goes on. A run takes
 * microseconds to milliseconds, so a cell that is merely long (a big budget, a slow machine) keeps
 * beating and is never touched; the clock decides only for a run that does not end.
 */
public final class Comparison {
    private final StrategyCatalog catalog;
    private final Explorer explorer;
    private final long seed;
    private final int budget;
    private final Duration runTimeout;
    private final int threads;
    private Runnable progress = () -> { };
    private Duration shrinkTime = Shrinker.DEFAULT_TIME_LIMIT;

    /**
     * @param runTimeout how long one run may go without ending before its cell is given up
     * @param threads    cells run side by side, and the threads each cell's exploration runs on (its
     *                   result does not depend on them)
     */
    public Comparison(StrategyCatalog catalog, Explorer explorer, long seed, int budget, Duration runTimeout,
                      int threads) {
        this.catalog = catalog;
        this.explorer = explorer;
        this.seed = seed;
        this.budget = budget;
        this.runTimeout = runTimeout;
        this.threads = Math.max(1, threads);
    }

    /** Calls {@code onCellDone} on the calling thread each time a cell is finished (for a progress bar). */
    public Comparison withProgress(Runnable onCellDone) {
        this.progress = onCellDone;
        return this;
    }

    /** Bounds each cell's shrink by {@code limit} of wall-clock time (see {@link Shrinker#withTimeLimit}). */
    public Comparison withShrinkTime(Duration limit) {
        this.shrinkTime = limit;
        return this;
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
                    progress.run();
                } else if (System.nanoTime() - r.lastBeat.get() > runTimeout.toNanos()) {
                    r.thread.interrupt(); // it may not listen: the thread is a daemon and is left behind
                    cells[r.index] = hung(r.strategy, r.scenario);
                    running.remove(i);
                    progress.run();
                }
            }
        }
        return List.of(cells);
    }

    private record Running(int index, String strategy, String scenario, Thread thread,
                           CompletableFuture<Cell> future, AtomicLong lastBeat) {
    }

    private Running start(int index, String strategy, String scenario) {
        CompletableFuture<Cell> future = new CompletableFuture<>();
        AtomicLong lastBeat = new AtomicLong(System.nanoTime());
        // Made before the cell runs: with the heap full (other cells may still hold it), making it
        // then could fail too, and the cell would pass for hung.
        Cell outOfHeap = skipped(strategy, scenario, "did not complete: " + HeapAdvice.outgrew());
        Thread t = new Thread(() -> {
            try {
                future.complete(cell(strategy, scenario, () -> lastBeat.set(System.nanoTime())));
            } catch (Throwable e) {
                // The harness failed, the heap ran out, or the strategy outside any run (a constructor
                // that fails later): the cell has no verdict, and the comparison goes on.
                future.complete(HeapAdvice.outOfMemory(e) ? outOfHeap
                        : skipped(strategy, scenario, "did not complete: " + e));
            }
        }, "compare " + strategy + " x " + scenario);
        t.setDaemon(true);
        t.start();
        return new Running(index, strategy, scenario, t, future, lastBeat);
    }

    private void waitForAny(List<Running> running) {
        if (running.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (Running r : running) {
            nearest = Math.min(nearest, r.lastBeat.get() + runTimeout.toNanos() - now);
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

    /** A cell with no verdict, and {@code reason} in one line. */
    private static Cell skipped(String strategy, String scenario, String reason) {
        return new Cell(strategy, scenario, Verdict.SKIPPED, null, reason, 0, null, null, false, perSchedule(null, 0),
                new Coverage());
    }

    /** One cell, on the calling thread. */
    public Cell cell(String strategy, String scenario) {
        return cell(strategy, scenario, () -> { });
    }

    private Cell cell(String strategy, String scenario, Runnable heartbeat) {
        ScenarioSource source = ScenarioSource.parse(scenario);
        try {
            catalog.create(strategy);
        } catch (IllegalStateException | IllegalArgumentException cannot) {
            return skipped(strategy, scenario, cannot.getMessage());
        }
        Runner runner = new Runner(catalog, strategy).withThreads(threads).withHeartbeat(heartbeat);
        Exploration.Result r = Exploration.run(explorer, runner, source, seed, budget, true);
        Map<String, Double> costs = perSchedule(r.costs().asMap(), r.schedulesExplored());
        if (r.holds()) {
            return new Cell(strategy, scenario, Verdict.HOLDS, null, r.summary().claim(), r.schedulesExplored(), null,
                    null, r.summary().complete(), costs, r.coverage(), r.strength());
        }
        try {
            Shrinker.Shrunk shrunk = new Shrinker(runner, source::shrink).withTimeLimit(shrinkTime)
                    .shrink(r.firstFailure());
            return new Cell(strategy, scenario, Verdict.FAILS, shrunk.property(), shrunk.run().failure(),
                    r.schedulesExplored(), r.schedulesToFailure(), shrunk, false, costs, r.coverage());
        } catch (Shrinker.NotReproducible e) {
            return new Cell(strategy, scenario, Verdict.FAILS, r.violation(), r.firstFailure().failure() + "; "
                    + e.getMessage(), r.schedulesExplored(), r.schedulesToFailure(), null, false, costs,
                    r.coverage());
        }
    }

    /**
     * The §7 counters per schedule run: means, except the bounce-page peak, the highest. Cells
     * that ran different numbers of schedules compare this way; with none run every value is null.
     */
    static Map<String, Double> perSchedule(Map<String, Long> sums, int schedules) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : new dev.stablewrites.core.cost.Costs().asMap().keySet()) {
            if (sums == null || schedules == 0) {
                out.put(name, null);
            } else if (name.equals("bouncePagesPeak")) {
                out.put(name, (double) sums.get(name));
            } else {
                out.put(name, (double) sums.get(name) / schedules);
            }
        }
        return out;
    }

    private Cell hung(String strategy, String scenario) {
        return failed(strategy, scenario, Property.TERMINATES, "a run did not end within " + runTimeout.toMillis()
                + " ms of wall-clock time: a strategy hook that never returns to the simulation");
    }

    private static Cell failed(String strategy, String scenario, Property p, String why) {
        return new Cell(strategy, scenario, Verdict.FAILS, p, p + ": " + why, 0, null, null, false,
                perSchedule(null, 0), new Coverage());
    }
}
