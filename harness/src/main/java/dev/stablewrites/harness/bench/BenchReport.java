package dev.stablewrites.harness.bench;

import java.util.List;
import java.util.Locale;

/**
 * Renders the bench figures as plain-text tables. The schedules-to-failure section depends only on
 * its inputs; the throughput section carries the wall-clock columns.
 */
public final class BenchReport {
    /** The throughput target on the seed scenario, per strategy, on one core. */
    public static final int TARGET_PER_SECOND = 20_000;
    /** The PCT target: median schedules to the seed race. */
    public static final int TARGET_PCT_MEDIAN = 200;

    private BenchReport() {
    }

    /**
     * The table of schedules per second, steps per schedule and microseconds per schedule (wall
     * clock), with the calling thread's CPU microseconds per schedule beside them.
     */
    public static String throughput(List<Throughput> rows) {
        int w = width("strategy", rows.stream().map(Throughput::strategy).toList());
        StringBuilder sb = new StringBuilder("schedules per second (one core)\n");
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %12s  %14s  %11s  %15s%n", "strategy", "schedules/s",
                "steps/schedule", "us/schedule", "cpu us/schedule"));
        for (Throughput t : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %,12d  %14.1f  %11.1f  %15s%n", t.strategy(),
                    Math.round(t.perSecond()), t.stepsPerSchedule(), t.microsPerSchedule(),
                    t.cpuNanos() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", t.cpuMicrosPerSchedule())));
        }
        sb.append("(schedules/s and us/schedule by the wall clock; cpu us/schedule by this thread's CPU time,"
                + " which a busy machine does not inflate)\n");
        return sb.toString();
    }

    /**
     * The table of schedules to first failure, one row per explorer: seeds that found one, median,
     * p90 (nearest rank), min, max, and the measured chance per schedule.
     *
     * @param title the section's first line, e.g. "schedules to first failure: none on mmap, seeds 1-100"
     */
    public static String timeToFailure(String title, List<TimeToFailure> rows) {
        int w = width("explorer", rows.stream().map(TimeToFailure::explorer).toList());
        StringBuilder sb = new StringBuilder(title).append('\n');
        String format = "%-" + w + "s  %9s  %8s  %8s  %8s  %8s  %10s%n";
        sb.append(String.format(Locale.ROOT, format, "explorer", "found", "median", "p90", "min", "max", "p/schedule"));
        for (TimeToFailure t : rows) {
            sb.append(String.format(Locale.ROOT, format, t.explorer(), t.foundCount() + "/" + t.seeds(),
                    count(t, t.percentile(50)), count(t, t.percentile(90)), count(t, t.min()), count(t, t.max()),
                    probability(t.ratePerSchedule())));
        }
        sb.append("(a seed that finds nothing ranks above the budget; p/schedule is failures found over schedules run,"
                + " 1/mean when every seed finds one)\n");
        return sb.toString();
    }

    /**
     * Whether the targets were met: {@value #TARGET_PER_SECOND} schedules per second for every
     * strategy, and a PCT median of at most {@value #TARGET_PCT_MEDIAN} schedules.
     */
    public static String targets(String scenario, List<Throughput> rates, TimeToFailure pct) {
        Throughput slowest = rates.stream().min((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
        boolean fast = slowest.perSecond() >= TARGET_PER_SECOND;
        int median = pct.percentile(50);
        boolean quick = median <= TARGET_PCT_MEDIAN;
        Throughput slowestCpu = rates.stream().min((a, b) -> Double.compare(a.perCpuSecond(), b.perCpuSecond()))
                .orElseThrow();
        String cpu = slowestCpu.cpuNanos() < 0 ? "" : String.format(Locale.ROOT, "; by CPU time %s, slowest %s"
                        + " %,d/s", slowestCpu.perCpuSecond() >= TARGET_PER_SECOND ? "met" : "NOT MET",
                slowestCpu.strategy(), Math.round(slowestCpu.perCpuSecond()));
        return String.format(Locale.ROOT, "target: at least %,d schedules/s for every strategy on %s: %s (slowest: %s,"
                        + " %,d/s by the wall clock%s)%ntarget: PCT median at most %d schedules: %s (median %s)%n",
                TARGET_PER_SECOND, scenario, fast ? "met" : "NOT MET", slowest.strategy(),
                Math.round(slowest.perSecond()), cpu, TARGET_PCT_MEDIAN, quick ? "met" : "NOT MET", count(pct, median));
    }

    /** The table of one long exploration on one thread and on several, with the speed-up. */
    public static String speedUp(String title, List<SpeedUp> rows) {
        int w = width("explorer", rows.stream().map(SpeedUp::explorer).toList());
        StringBuilder sb = new StringBuilder(title).append('\n');
        String format = "%-" + w + "s  %9s  %10s  %10s  %8s  %11s%n";
        sb.append(String.format(Locale.ROOT, format, "explorer", "schedules", "1 thread", "threads", "speed-up",
                "same result"));
        for (SpeedUp s : rows) {
            sb.append(String.format(Locale.ROOT, format, s.explorer(), String.format(Locale.ROOT, "%,d", s.schedules()),
                    String.format(Locale.ROOT, "%.2f s", s.oneNanos() / 1e9),
                    String.format(Locale.ROOT, "%d: %.2f s", s.threads(), s.manyNanos() / 1e9),
                    String.format(Locale.ROOT, "%.2fx", s.factor()), s.same() ? "yes" : "NO"));
        }
        sb.append("(wall clock, the whole budget run each time; a busy machine lowers the speed-up, never the result)\n");
        return sb.toString();
    }

    /**
     * One line per strategy: how many sampled pairs commuted, differed, or disabled one another; with
     * footprints, how many were independent by them and how many of those did not commute.
     */
    public static String commutation(String title, List<Commutation> rows) {
        int w = width("strategy", rows.stream().map(Commutation::strategy).toList());
        boolean feet = rows.stream().allMatch(c -> c.independent() >= 0);
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %8s  %6s  %8s  %6s  %8s", "strategy", "samples", "pairs",
                "commute", "differ", "disabled"));
        sb.append(feet ? String.format(Locale.ROOT, "  %11s  %6s%n", "independent", "missed") : "\n");
        for (Commutation c : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %8d  %6d  %4d %2.0f%%  %6d  %8d", c.strategy(), c.samples(),
                    c.pairs(), c.commute(), c.pairs() == 0 ? 0.0 : 100.0 * c.commute() / c.pairs(), c.differ(),
                    c.disabled()));
            sb.append(feet ? String.format(Locale.ROOT, "  %7d %2.0f%%  %6d%n", c.independent(),
                    c.pairs() == 0 ? 0.0 : 100.0 * c.independent() / c.pairs(), c.missed()) : "\n");
        }
        if (feet) {
            sb.append("(independent: the two steps' recorded footprints do not conflict; missed: independent, yet the"
                    + " order mattered, a step the recorder did not see)\n");
        } else {
            sb.append("(no footprints: this JVM started without the footprint agent; run `java -jar stablewrites.jar`,"
                    + " or add -javaagent:stablewrites.jar to a -cp command line)\n");
        }
        return sb.toString();
    }

    /**
     * The default instances searched exhaustively with no preemption bound: one row per strategy, one
     * column per kind, each cell the states and seconds of a verified HOLDS (or where it failed), and
     * how many holding cells were verified within a second.
     */
    public static String defaultVerification(String title, List<DefaultVerification> cells) {
        List<String> strategies = cells.stream().map(DefaultVerification::strategy).distinct().toList();
        List<String> kinds = cells.stream().map(DefaultVerification::kind).distinct().toList();
        int w = width("strategy", strategies);
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", "strategy"));
        for (String k : kinds) {
            sb.append(String.format(Locale.ROOT, "  %22s", k));
        }
        sb.append('\n');
        for (String strategy : strategies) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", strategy));
            for (String k : kinds) {
                DefaultVerification c = cells.stream().filter(x -> x.strategy().equals(strategy) && x.kind().equals(k))
                        .findFirst().orElseThrow();
                String cell = !c.holds() ? String.format(Locale.ROOT, "FAILS at %,d", c.schedules())
                        : !c.complete() ? String.format(Locale.ROOT, "budget out at %,d", c.schedules())
                        : String.format(Locale.ROOT, "%,d st %.2f s", c.states(), c.nanos() / 1e9);
                sb.append(String.format(Locale.ROOT, "  %22s", cell));
            }
            sb.append('\n');
        }
        long verified = cells.stream().filter(DefaultVerification::verified).count();
        long unfinished = cells.stream().filter(c -> c.holds() && !c.complete()).count();
        long fast = cells.stream().filter(c -> c.verifiedWithin(1_000_000_000L)).count();
        DefaultVerification slowest = cells.stream().filter(DefaultVerification::verified)
                .max(java.util.Comparator.comparingLong(DefaultVerification::nanos)).orElse(null);
        sb.append(String.format(Locale.ROOT, "verified in under 1 s: %d of %d verified cells%s%s%n", fast, verified,
                unfinished == 0 ? "" : String.format(Locale.ROOT, " (%d more ran out of budget unjudged)", unfinished),
                slowest == null ? "" : String.format(Locale.ROOT, "; slowest %s on %s, %,d states, %.2f s",
                        slowest.strategy(), slowest.kind(), slowest.states(), slowest.nanos() / 1e9)));
        long wall = cells.stream().mapToLong(DefaultVerification::wallNanos).sum();
        sb.append(String.format(Locale.ROOT, "(st: distinct states; seconds of the searching thread's CPU time, after a"
                + " warm-up search of each kind; %.1f s of wall clock in all; a failing cell stops at its first failure, as explore"
                + " does)%n", wall / 1e9));
        return sb.toString();
    }

    static String probability(double p) {
        return String.format(Locale.ROOT, "%.2g", p);
    }

    private static String count(TimeToFailure t, int n) {
        return n == TimeToFailure.NOT_FOUND ? ">" + t.budget() : String.valueOf(n);
    }

    private static int width(String header, List<String> names) {
        int w = header.length();
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        return w;
    }
}
