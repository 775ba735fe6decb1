package dev.stablewrites.harness.timed;

import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The timed results as text: per workload, what each strategy costs in time, then in CPU, memory
 * and I/O, with how often the race struck next to whether the explorers found it can.
 */
public final class TimedTable {
    private TimedTable() {
    }

    /**
     * @param verdicts per strategy, the adversarial verdict in a few words ("HOLDS 5/5", "FAILS 4/5"), or empty
     */
    public static String render(String costModel, List<TimedResult> results, Map<String, String> verdicts) {
        StringBuilder sb = new StringBuilder("timed mode: ").append(costModel).append('\n');
        Map<Workload, List<TimedResult>> byWorkload = new LinkedHashMap<>();
        results.forEach(r -> byWorkload.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<Workload, List<TimedResult>> e : byWorkload.entrySet()) {
            List<TimedResult> rs = e.getValue();
            sb.append("\n== ").append(e.getKey()).append('\n');
            List<String> head = List.of("strategy", "outcome", "makespan", "writes/s", "MB/s", "write p50", "p99", "max",
                    "stall p50", "p99", "max", "sync p50");
            List<List<String>> rows = new ArrayList<>();
            for (TimedResult r : rs) {
                rows.add(List.of(r.strategy(), r.outcome(), seconds(r.makespanNs()), fixed(r.writesPerSecond(), 0),
                        fixed(r.mbPerSecond(), 2), time(r.writeLatency(), 50), time(r.writeLatency(), 99),
                        max(r.writeLatency()), time(r.writeStall(), 50), time(r.writeStall(), 99), max(r.writeStall()),
                        time(r.syncLatency(), 50)));
            }
            grid(sb, head, rows);
            sb.append('\n');
            List<String> head2 = new ArrayList<>(List.of("strategy", "adversarial", "race struck", "EIO", "lost pages",
                    "CPU ms"));
            rs.get(0).cpuNs().keySet().forEach(k -> head2.add(k.replace("syscalls and kernel steps", "kernel")
                    .replace("writing the data", "data")));
            head2.addAll(List.of("peak extra", "I/O amp", "unreadable", "legs differ"));
            rows = new ArrayList<>();
            for (TimedResult r : rs) {
                List<String> row = new ArrayList<>(List.of(r.strategy(), verdicts.getOrDefault(r.strategy(), "-"),
                        r.protectionErrors() < 0 ? "n/a" : r.protectionErrors() + " ("
                                + fixed(r.protectionErrorsPerKiloWrite(), 1) + "/1000 writes)",
                        count(r.falseEios()), count(r.lostPages()), fixed(r.cpuTotalNs() / 1e6, 1)));
                r.cpuNs().values().forEach(v -> row.add(fixed(v / 1e6, 1)));
                row.add(bytes(r.peakExtraMemory()));
                row.add(fixed(r.ioAmplification(), 2));
                row.add(count(r.unreadableBlocks()));
                row.add(count(r.mirrorDiffBlocks()));
                rows.add(row);
            }
            grid(sb, head2, rows);
            sb.append('\n');
            // The mechanisms the latencies come from, counted, so a claim such as "CFQ's expiry never
            // fires in dbench" can be checked from the output.
            List<String> head3 = List.of("strategy", "metadata reads", "metadata writes", "boundary writes",
                    "dirty throttles", "CFQ slices",
                    "FIFO expiries", "CFQ drains", "CFQ idles", "idle timeouts", "cache write hits");
            rows = new ArrayList<>();
            for (TimedResult r : rs) {
                rows.add(List.of(r.strategy(), count(r.metadataReads()), count(r.metadataWrites()),
                        count(r.boundaryWrites()), count(r.throttles()),
                        count(r.cfqSlices()), count(r.cfqExpired()), count(r.cfqDrains()), count(r.cfqIdles()),
                        count(r.cfqIdleTimeouts()), count(r.cacheWriteHits())));
            }
            grid(sb, head3, rows);
        }
        String check = realityCheck(results);
        if (check != null) {
            sb.append('\n').append(check);
        }
        return sb.toString();
    }

    /** The dbench reality check ({@link RealityCheck}), or null when these results have none. */
    public static String realityCheck(List<TimedResult> results) {
        return RealityCheck.render(results);
    }

    static void grid(StringBuilder sb, List<String> head, List<List<String>> rows) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        Function<List<String>, String> line = cells -> {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String c = cells.get(i);
                l.append(i == 0 ? "" : "  ").append(i <= 1 ? pad(c, w[i]) : lpad(c, w[i]));
            }
            return l.toString().stripTrailing();
        };
        sb.append(line.apply(head)).append('\n');
        rows.forEach(r -> sb.append(line.apply(r)).append('\n'));
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    /** A count, or n/a where it was not measured (negative). */
    static String count(long n) {
        return n < 0 ? "n/a" : String.valueOf(n);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String seconds(double ns) {
        return fixed(ns / 1e9, 3) + " s";
    }

    /** A latency with a unit that keeps it short: ns, us, ms or s. */
    static String duration(double ns) {
        if (ns < 1e3) {
            return fixed(ns, 0) + " ns";
        }
        if (ns < 1e6) {
            return fixed(ns / 1e3, 1) + " us";
        }
        if (ns < 1e9) {
            return fixed(ns / 1e6, 2) + " ms";
        }
        return fixed(ns / 1e9, 2) + " s";
    }

    static String time(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : duration(h.getValueAtPercentile(percentile));
    }

    static String max(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : duration(h.getMaxValue());
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1 << 20) {
            return fixed(b / 1024.0, 1) + " KiB";
        }
        return fixed(b / 1048576.0, 1) + " MiB";
    }
}
