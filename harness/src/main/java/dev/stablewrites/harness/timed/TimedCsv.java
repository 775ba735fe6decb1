package dev.stablewrites.harness.timed;

import dev.stablewrites.core.timed.TimedResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The timed results as CSV (RFC 4180, CRLF line ends), one row per strategy × workload, for a
 * spreadsheet. Each column's name ends in its unit ({@code Ns}, {@code Bytes}, {@code PerSecond})
 * unless it is a count or a ratio; times stay in the simulated nanoseconds they were measured in.
 * CPU time has one column per category ({@code cpuCopyNs}, {@code cpuTLBNs}, ...), in report order.
 * An empty histogram (no write, no sync) gives empty percentile fields. {@code operations} is the
 * count of writes asked for, empty for a run whose length is its {@code durationNs} (dbench by default).
 */
public final class TimedCsv {
    private TimedCsv() {
    }

    public static String render(List<TimedResult> results) {
        Set<String> categories = new LinkedHashSet<>();
        results.forEach(r -> categories.addAll(r.cpuNs().keySet()));
        StringBuilder sb = new StringBuilder("strategy,workload,threads,workingSetBytes,writeSizeBytes,syncEvery,"
                + "operations,durationNs,seed,outcome,writes,makespanNs,writesPerSecond,mbPerSecond,"
                + "writeLatencyP50Ns,writeLatencyP99Ns,writeLatencyMaxNs,"
                + "writeStallP50Ns,writeStallP99Ns,writeStallMaxNs,"
                + "syncLatencyP50Ns,syncLatencyP99Ns,syncLatencyMaxNs,cpuTotalNs");
        categories.forEach(c -> sb.append(',').append(field(column(c))));
        sb.append(",peakExtraMemoryBytes,ioAmplification,protectionErrors,falseEios,lostPages,wakeups,firstViolation")
                .append("\r\n");
        for (TimedResult r : results) {
            var w = r.workload();
            sb.append(field(r.strategy())).append(',').append(field(w.kind().id())).append(',').append(w.threads())
                    .append(',').append(w.workingSetBytes()).append(',').append(w.writeSize()).append(',')
                    // A run by time asks for no count of writes: its operations field is empty, its writes column says.
                    .append(w.syncEvery()).append(',').append(w.untilDuration() ? "" : String.valueOf(w.ops()))
                    .append(',').append(w.durationNs()).append(',').append(w.seed()).append(',')
                    .append(field(r.outcome())).append(',').append(r.writes()).append(',')
                    .append(number(r.makespanNs())).append(',').append(number(r.writesPerSecond())).append(',')
                    .append(number(r.mbPerSecond()));
            percentiles(sb, r.writeLatency());
            percentiles(sb, r.writeStall());
            percentiles(sb, r.syncLatency());
            sb.append(',').append(number(r.cpuTotalNs()));
            for (String c : categories) {
                Double ns = r.cpuNs().get(c);
                sb.append(',').append(ns == null ? "" : number(ns));
            }
            sb.append(',').append(r.peakExtraMemory()).append(',').append(number(r.ioAmplification())).append(',')
                    .append(measured(r.protectionErrors())).append(',').append(measured(r.falseEios())).append(',')
                    .append(measured(r.lostPages())).append(',').append(r.wakeups()).append(',')
                    .append(r.firstViolation() == null ? "" : field(r.firstViolation())).append("\r\n");
        }
        return sb.toString();
    }

    /** {@code cpu} + the category in camel case + {@code Ns}: "syscalls and kernel steps" is cpuSyscallsAndKernelStepsNs. */
    static String column(String category) {
        StringBuilder sb = new StringBuilder("cpu");
        for (String word : category.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return sb.append("Ns").toString();
    }

    private static void percentiles(StringBuilder sb, Histogram h) {
        if (h.getTotalCount() == 0) {
            sb.append(",,,");
            return;
        }
        sb.append(',').append(h.getValueAtPercentile(50)).append(',').append(h.getValueAtPercentile(99)).append(',')
                .append(h.getMaxValue());
    }

    /** A number with up to two decimals, the same bytes on every machine (as CompareJson writes counters). */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A field, quoted when it holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A count, or an empty field where it was not measured (negative: O_DIRECT's lost pages, a run that never ran). */
    private static String measured(long n) {
        return n < 0 ? "" : String.valueOf(n);
    }
}
