package dev.stablewrites.harness.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads one exploration runs its schedules on. An explorer decides <em>which</em> runs to
 * make, in a fixed order, on its own thread; the workers only make them, side by side, and hand the
 * results back in that order. So what an exploration finds never depends on how many workers it
 * had: with one, everything runs on the calling thread, as before.
 *
 * <p>Each run is a fresh simulated system (no shared state), which is what makes this safe. The
 * threads are daemons: a strategy hook that never returns holds its thread, not the JVM, and the
 * watchdog gives its cell up as it did with one thread.
 */
public final class Workers implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    private final ThreadPoolExecutor pool;

    /** {@code threads} workers; one means the calling thread and no pool. */
    public Workers(int threads) {
        this.threads = Math.max(1, threads);
        if (this.threads == 1) {
            pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(this.threads, r -> {
                Thread t = new Thread(r, "stablewrites worker " + id + "." + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** The calling thread alone. */
    public static Workers inline() {
        return new Workers(1);
    }

    public int threads() {
        return threads;
    }

    /**
     * Computes every job and returns the results in the jobs' order. Jobs are cut into one
     * contiguous slice per thread times four, so a batch of short runs costs a few hand-offs, not one
     * per run.
     *
     * @throws RuntimeException the first (in job order) that a job threw
     */
    public <T> List<T> map(List<? extends Supplier<T>> jobs) {
        if (pool == null || jobs.size() <= 1) {
            List<T> out = new ArrayList<>(jobs.size());
            for (Supplier<T> job : jobs) {
                out.add(job.get());
            }
            return out;
        }
        int slices = Math.min(jobs.size(), threads * 4);
        List<Future<List<T>>> futures = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) jobs.size() * s / slices);
            int to = (int) ((long) jobs.size() * (s + 1) / slices);
            List<? extends Supplier<T>> slice = jobs.subList(from, to);
            futures.add(pool.submit(() -> {
                List<T> part = new ArrayList<>(slice.size());
                for (Supplier<T> job : slice) {
                    part.add(job.get());
                }
                return part;
            }));
        }
        List<T> out = new ArrayList<>(jobs.size());
        try {
            for (Future<List<T>> f : futures) {
                out.addAll(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exploration interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /**
     * The results of {@code jobs} in the jobs' order, computed ahead on the workers, at most
     * {@code ahead} jobs beyond the one being read; with no workers, each when it is read. Jobs not
     * read are cancelled by {@link #close()}.
     */
    public <T> Iterator<T> stream(List<? extends Supplier<T>> jobs, int ahead) {
        if (pool == null) {
            Iterator<? extends Supplier<T>> it = jobs.iterator();
            return new Iterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public T next() {
                    return it.next().get();
                }
            };
        }
        ArrayDeque<Future<T>> submitted = new ArrayDeque<>();
        int[] nextJob = {0};
        Runnable fill = () -> {
            while (nextJob[0] < jobs.size() && submitted.size() <= ahead) {
                Supplier<T> job = jobs.get(nextJob[0]++);
                submitted.add(pool.submit(job::get));
            }
        };
        return new Iterator<>() {
            public boolean hasNext() {
                return !submitted.isEmpty() || nextJob[0] < jobs.size();
            }

            public T next() {
                fill.run();
                Future<T> f = submitted.poll();
                if (f == null) {
                    throw new NoSuchElementException();
                }
                T t = get(f);
                fill.run();
                return t;
            }
        };
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exploration interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Starts {@code job} on a worker (on the calling thread, now, when there are none). */
    public <T> Future<T> fork(Supplier<T> job) {
        if (pool == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(job.get());
        }
        return pool.submit(job::get);
    }

    /** Whether a worker would pick up a job now: nothing is waiting in the queue. */
    public boolean hungry() {
        return pool != null && pool.getQueue().isEmpty();
    }

    /** What a forked job gave, or threw. */
    public static <T> T join(Future<T> f) {
        return get(f);
    }

    /** Stops the threads (a thread held by a run that never ends stays behind, as a daemon). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
