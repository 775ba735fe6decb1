package dev.stablewrites.harness.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Runs of a depth-first search made ahead on a runner's workers, each named by the prefix of
 * choices that forces it, so that the search, deciding on its own thread, finds them made when it
 * takes them. Whoever claims a run first makes it: a worker, or the search when it needs the run
 * before a worker has begun it. Workers take the run the search needs soonest first (the longest
 * prefix: depth first takes the alternatives at the deepest decision point first); one worker
 * fewer than threads make runs, as the search makes runs too, and it makes queued ones while it
 * waits for one a worker is making.
 *
 * <p>What a run records never depends on who made it or when, only on its prefix, so the search's
 * results cannot either; a run started for a prefix the search never takes is only work lost.
 *
 * @param <W> what making a run gives
 */
final class RunsAhead<W> {
    /** Runs kept started at most; past it the farthest half is dropped. */
    private static final int KEPT = 1024;
    private final Runner runner;
    /** Makes the run forced by a prefix, of a generation ({@link #start}). */
    private final BiFunction<String, Integer, W> make;
    private final Map<String, Ahead<W>> started = new ConcurrentHashMap<>();
    private final PriorityQueue<Job> jobs = new PriorityQueue<>(
            Comparator.comparingInt((Job j) -> -j.depth).thenComparingLong(j -> j.order));
    private long jobOrder;
    /** Runs started and not yet claimed. */
    private final AtomicInteger unclaimed = new AtomicInteger();
    /** Workers making queued runs. */
    private final AtomicInteger draining = new AtomicInteger();
    private long taken;
    /** Set when the search has ended: nothing more is started, and what is queued is not made. */
    private volatile boolean closed;

    /** A run started: its claim, and what it gave (or threw) once made. */
    private static final class Ahead<W> {
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<W> made = new CompletableFuture<>();
    }

    /** A queued run: its prefix's length, the order it was started in, and what makes it. */
    private record Job(int depth, long order, Runnable body) {
    }

    RunsAhead(Runner runner, BiFunction<String, Integer, W> make) {
        this.runner = runner;
        this.make = make;
    }

    /** How many runs the search took made ahead: by a worker, or by itself while it waited. */
    long taken() {
        return taken;
    }

    /**
     * The run forced by {@code forced}: made by a worker (the search makes queued runs meanwhile), or
     * null when no worker has claimed it, for the search to make itself.
     */
    W take(String forced) {
        Ahead<W> a = started.remove(forced);
        if (a == null || claim(a)) {
            return null;
        }
        taken++;
        while (!a.made.isDone()) {
            Job soonest = poll();
            if (soonest == null) {
                break;
            }
            soonest.body().run(); // a run the search needs soon, while a worker makes this one
        }
        try {
            return a.made.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Starts the run forced by {@code forced}, of {@code generation} (what {@link #make} is given),
     * unless it is started already, or many are waiting and it is not {@code next}: a run the search
     * takes soon for sure, or likely next.
     */
    void start(String forced, int generation, boolean next) {
        int threads = runner.workerThreads();
        if (closed || started.containsKey(forced) || (!next && unclaimed.get() >= 4 * threads)) {
            return;
        }
        if (started.size() >= KEPT) {
            dropFarthest();
        }
        Ahead<W> a = new Ahead<>();
        if (started.putIfAbsent(forced, a) != null) {
            return;
        }
        unclaimed.incrementAndGet();
        Runnable body = () -> {
            if (!closed && claim(a)) {
                try {
                    a.made.complete(make.apply(forced, generation));
                } catch (Throwable t) {
                    a.made.completeExceptionally(t); // rethrown by take, if the search ever needs this run
                }
            }
        };
        synchronized (jobs) {
            jobs.add(new Job(forced.length(), jobOrder++, body));
        }
        if (draining.incrementAndGet() <= threads - 1) {
            // After the search has returned, the pool may be closed: the job's body catches that.
            runner.fork(() -> {
                drain();
                return null;
            });
        } else {
            draining.decrementAndGet();
        }
    }

    /** Gives up the run forced by {@code forced}: the search will not take it. */
    void drop(String forced) {
        Ahead<W> dropped = started.remove(forced);
        if (dropped != null) {
            claim(dropped);
        }
    }

    /** Gives up every run not yet begun: the search has ended. */
    void dropAll() {
        closed = true; // runs being made start no more, so nothing is left to take CPU from what comes next
        started.values().forEach(this::claim);
    }

    private boolean claim(Ahead<W> a) {
        if (a.claimed.compareAndSet(false, true)) {
            unclaimed.decrementAndGet();
            return true;
        }
        return false;
    }

    private Job poll() {
        synchronized (jobs) {
            return jobs.poll();
        }
    }

    /** Makes queued runs, soonest first, until none is left. */
    private void drain() {
        while (true) {
            Job soonest;
            synchronized (jobs) {
                soonest = jobs.poll();
                if (soonest == null) {
                    draining.decrementAndGet(); // under the lock: a run queued after this finds a drainer short
                    return;
                }
            }
            soonest.body().run();
        }
    }

    /**
     * Drops the half of the runs started that the search takes last: those forced by the shortest
     * prefixes, alternatives at the shallowest decision points, which depth-first order takes only
     * after everything deeper. Made so far ahead, against an older cache, they would mostly be
     * made again anyway.
     */
    private void dropFarthest() {
        List<String> prefixes = new ArrayList<>(started.keySet());
        prefixes.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        prefixes.subList(0, prefixes.size() / 2).forEach(this::drop);
    }
}
