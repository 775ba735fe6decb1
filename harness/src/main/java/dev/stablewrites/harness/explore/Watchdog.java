package dev.stablewrites.harness.explore;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs one piece of exploring work on a daemon thread and gives it up when no run of it has ended
 * for a while: a strategy hook in a Java loop never returns to the model, so nothing inside a run
 * can see it. The work gets a heartbeat to pass to {@link Runner#withHeartbeat}; the clock is read
 * only here, outside every simulated run, and work whose runs keep ending is never touched.
 */
public final class Watchdog {
    private Watchdog() {
    }

    /**
     * @return what {@code work} returned, or empty if it stopped ending runs for {@code runTimeout}
     * @throws RuntimeException what {@code work} threw, as it threw it
     */
    public static <T> Optional<T> run(Duration runTimeout, Function<Runnable, T> work) {
        AtomicLong lastBeat = new AtomicLong(System.nanoTime());
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.apply(() -> lastBeat.set(System.nanoTime())));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "stablewrites explore");
        t.setDaemon(true); // given up, it may spin on: it must not keep the JVM alive
        t.start();
        while (true) {
            long wait = lastBeat.get() + runTimeout.toNanos() - System.nanoTime();
            if (wait <= 0 && !result.isDone()) {
                t.interrupt();
                return Optional.empty();
            }
            try {
                return Optional.of(result.get(Math.max(wait, 1), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // look at the heartbeat again
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
