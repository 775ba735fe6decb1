package dev.stablewrites.harness.bench;

import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.RunVisitor;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules per second of one strategy, measured on the calling thread after a warm-up, so that
 * what is timed is the JIT-compiled model. The time is read twice: the wall clock, and the calling
 * thread's CPU time, which a busy machine does not inflate (it leaves out time spent waiting for
 * the core, and the JIT and GC threads' work). Only the times vary; the schedules run, and so the
 * steps they take, are fixed by the seed.
 *
 * @param strategy  the strategy id
 * @param schedules schedules in the timed batch
 * @param steps     scheduler steps they took, summed
 * @param nanos     wall-clock time of the timed schedules
 * @param cpuNanos  the calling thread's CPU time over them, or -1 where the JVM cannot measure it
 */
public record Throughput(String strategy, int schedules, long steps, long nanos, long cpuNanos) {

    /** Timed schedules are split into this many rounds, taken in turn by every runner. */
    public static final int ROUNDS = 5;

    /**
     * Times each runner: first {@code warmup} schedules of every runner, so that the JIT has
     * compiled the code they share and each strategy's own before any timing starts; then
     * {@code schedules} timed ones of each, in {@link #ROUNDS} rounds that go through the runners
     * in turn, so that neither the JIT still settling nor a burst of load elsewhere on the machine
     * falls on one strategy alone. Round {@code r} explores with seed {@code seed + r}; every
     * schedule runs to its end whatever it finds.
     */
    public static List<Throughput> measure(Explorer explorer, List<Runner> runners, ScenarioSource source, long seed,
                                           int warmup, int schedules) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        for (Runner runner : runners) {
            explorer.explore(runner, source, seed, warmup, new Tally());
        }
        Tally[] tallies = new Tally[runners.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally();
        }
        for (int r = 0; r < ROUNDS; r++) {
            int share = schedules / ROUNDS + (r < schedules % ROUNDS ? 1 : 0);
            if (share == 0) {
                continue;
            }
            for (int i = 0; i < tallies.length; i++) {
                long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
                long start = System.nanoTime();
                explorer.explore(runners.get(i), source, seed + r, share, tallies[i]);
                tallies[i].nanos += System.nanoTime() - start;
                tallies[i].cpuNanos += cpu ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
            }
        }
        List<Throughput> rates = new ArrayList<>();
        for (int i = 0; i < tallies.length; i++) {
            Tally t = tallies[i];
            rates.add(new Throughput(runners.get(i).strategy(), t.runs, t.steps, Math.max(t.nanos, 1),
                    cpu ? Math.max(t.cpuNanos, 1) : -1));
        }
        return rates;
    }

    /** Schedules run per second of wall-clock time. */
    public double perSecond() {
        return schedules * 1e9 / nanos;
    }

    /** Mean microseconds per schedule. */
    public double microsPerSchedule() {
        return nanos / 1e3 / schedules;
    }

    /** Mean microseconds of the calling thread's CPU time per schedule, or -1 if not measured. */
    public double cpuMicrosPerSchedule() {
        return cpuNanos < 0 ? -1 : cpuNanos / 1e3 / schedules;
    }

    /** Schedules per second of the calling thread's CPU time, or -1 if not measured. */
    public double perCpuSecond() {
        return cpuNanos < 0 ? -1 : schedules * 1e9 / cpuNanos;
    }

    /** Mean scheduler steps per schedule. */
    public double stepsPerSchedule() {
        return (double) steps / schedules;
    }

    /** A visitor that only counts, so the timing is the model's and not the bookkeeping's. */
    private static final class Tally implements RunVisitor {
        int runs;
        long steps;
        long nanos;
        long cpuNanos;

        @Override
        public boolean visit(int n, RunResult run) {
            runs++;
            steps += run.costs().steps;
            return true;
        }
    }
}
