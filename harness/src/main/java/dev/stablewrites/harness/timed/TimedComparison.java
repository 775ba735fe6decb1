package dev.stablewrites.harness.timed;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.TimedSimulation;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.harness.explore.HeapAdvice;
import dev.stablewrites.harness.explore.Watchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every strategy under every workload in timed mode, side by side on {@code threads} threads. Each
 * run is independent and seeded, so the results are the same for any number of threads.
 */
public final class TimedComparison {
    private final StrategyCatalog catalog;
    private final Geometry geometry;
    private final CostModel model;
    private final int threads;
    private final Duration runTimeout;
    private Runnable runDone = () -> { };
    private boolean integrityFromDevice;
    private java.util.function.DoubleConsumer partial = units -> { };

    /** @param runTimeout how long a run may go without a step ending before it is given up as hung */
    public TimedComparison(StrategyCatalog catalog, Geometry geometry, CostModel model, int threads,
                           Duration runTimeout) {
        this.catalog = catalog;
        this.geometry = geometry;
        this.model = model;
        this.threads = Math.max(1, threads);
        this.runTimeout = runTimeout;
    }

    /**
     * Runs a workload whose preset has no protection information ({@code device.PRESET.pi = false}:
     * SATA) without the geometry's device-verified tuples: a geometry nobody asked for follows the
     * disk. For a comparison given no scenario options.
     */
    public TimedComparison withIntegrityFromDevice() {
        this.integrityFromDevice = true;
        return this;
    }

    /** The geometry {@code w} runs with: the comparison's, without PI on a preset that has none (when asked). */
    Geometry geometryFor(Workload w) {
        if (!integrityFromDevice || model.forWorkload(w.kind()).drive().pi()
                || geometry.integrity().verifiedBy() != dev.stablewrites.core.integrity.VerifiedBy.DEVICE) {
            return geometry;
        }
        return geometry.withIntegrity(dev.stablewrites.core.integrity.Integrity.NONE);
    }

    /** Calls {@code onRunDone} each time a run is finished (from a worker thread). */
    public TimedComparison withProgress(Runnable onRunDone) {
        this.runDone = onRunDone;
        return this;
    }

    /**
     * Calls {@code onRunsDone} with parts of a run as each run gets on (from worker threads, every
     * few thousand steps), adding up to 1 per run when it ends: a bar that moves within a run.
     */
    public TimedComparison withPartialProgress(java.util.function.DoubleConsumer onRunsDone) {
        this.partial = onRunsDone;
        return this;
    }

    /** One run; a strategy that cannot be built or hangs in a hook is its own failure, not the comparison's. */
    private TimedResult one(String strategy, Workload w, double[] reported) {
        try {
            return Watchdog.run(runTimeout, beat -> new TimedSimulation(w, geometryFor(w), model, strategy,
                    catalog.create(strategy)).withHeartbeat(beat).withProgress(f -> {
                        // Only the part not reported yet; what is left is reported when the run ends.
                        if (f > reported[0] + 0.001) {
                            partial.accept(f - reported[0]);
                            reported[0] = f;
                        }
                    }).run())
                    .orElseGet(() -> TimedResult.failed(strategy, w, "hung: no step ended for "
                            + runTimeout.toSeconds() + " s (a hook in a loop)"));
        } catch (RuntimeException | LinkageError e) {
            return TimedResult.failed(strategy, w, "did not run: " + e);
        } catch (OutOfMemoryError e) {
            return TimedResult.failed(strategy, w, outOfMemory(bytesPerRun(w)));
        }
    }

    /**
     * What a run that ran out of heap says: how much one run needs, and the {@code -Xmx} that gives
     * it that much ({@link HeapAdvice#xmx}).
     */
    static String outOfMemory(long bytesPerRun) {
        long mib = (bytesPerRun + (1 << 20) - 1) >> 20;
        return "did not run: out of memory; a run of this working set needs about " + mib + " MiB of heap, one run at"
                + " a time: java -Xmx" + HeapAdvice.xmx(mib) + " -jar ... --threads 1";
    }

    /**
     * Runs side by side for these workloads: at most {@code threads}, and no more than the heap holds.
     * A run keeps its working set twice (the pages and each disk's media) plus its page structures.
     */
    public int sideBySide(List<Workload> workloads, int runs) {
        long perRun = workloads.stream().mapToLong(this::bytesPerRun).max().orElse(0);
        long free = Runtime.getRuntime().maxMemory() - usedHeap();
        return (int) Math.max(1, Math.min(Math.min(threads, runs), free / Math.max(1, perRun)));
    }

    /** About what one run of {@code w} holds at once: pages, each leg's media, and 30% for the structures. */
    long bytesPerRun(Workload w) {
        int legs = geometry.device() == dev.stablewrites.core.scenario.DeviceKind.RAID1 ? 2 : 1;
        return (long) (w.workingSetBytes() * (1 + legs) * 1.3) + (64L << 20);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The results, workloads outer and strategies inner, in the order given. */
    public List<TimedResult> run(List<String> strategies, List<Workload> workloads) {
        int width = sideBySide(workloads, strategies.size() * workloads.size());
        ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "timed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TimedResult>> futures = new ArrayList<>();
            for (Workload w : workloads) {
                for (String s : strategies) {
                    futures.add(pool.submit(() -> {
                        double[] reported = {0};
                        try {
                            return one(s, w, reported);
                        } finally {
                            partial.accept(1 - reported[0]);
                            runDone.run();
                        }
                    }));
                }
            }
            List<TimedResult> out = new ArrayList<>();
            for (Future<TimedResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a timed run failed outside the simulation: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("timed comparison interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
