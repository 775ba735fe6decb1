package dev.stablewrites.harness.cli;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The timed mode's options, shared by {@code compare} and {@code timed}: workloads, sizes, cost model. */
final class TimedOptions {
    @Option(names = "--workloads", defaultValue = "all", description = "all, or timed workloads separated by commas: "
            + "write-sync, mmap-msync, mix, dio-rewrite, dbench, generic-761 (default: ${DEFAULT-VALUE}: all but"
            + " generic-761, which compare runs as its own reality check)")
    String workloads;

    @Option(names = "--working-set", paramLabel = "SIZE", defaultValue = "16M",
            description = "bytes of file data each workload writes over, e.g. 64K, 16M, 256M, at most 1G"
                    + " (default: ${DEFAULT-VALUE})")
    String workingSet;

    @Option(names = "--writes", description = "write operations per workload, over all its threads (default: 20000;"
            + " dbench runs by time instead, 144 s simulated as 2013's run: 24 s warmup, 120 s timed)")
    Long writes;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "simulated seconds after which no new operation starts; 0: until the writes are done"
                    + " (dbench: its whole run, of which the first sixth is warmup)")
    double duration;

    @Option(names = "--workload-threads", paramLabel = "N", description = "writer threads of every workload instead"
            + " of its profile's (wac: 64, 32 for O_DIRECT; dbench: 4)")
    Integer workloadThreads;

    @Option(names = "--write-size", paramLabel = "SIZE", description = "bytes per write instead of the profile's, e.g."
            + " 512 or 64K (not dio-rewrite, which writes one page per O_DIRECT write)")
    String writeSize;

    @Option(names = "--sync-every", paramLabel = "N", description = "a sync after N writes of a thread instead of the"
            + " profile's; 0: none (not dio-rewrite, whose writes are synchronous)")
    Integer syncEvery;

    @Option(names = "--cost", paramLabel = "KEY=VALUE", description = "override one cost-model value, e.g. device=nvme"
            + " or checksum.ns-per-byte=0.1 (repeatable; keys and sources: the cost-model.properties in the jar)")
    List<String> costs = new ArrayList<>();

    @Option(names = "--cost-model", paramLabel = "FILE", description = "a cost-model file in the defaults' format")
    Path costModelFile;

    @Option(names = "--flush-interval", paramLabel = "SECONDS", description = "the background flusher's period instead"
            + " of 5 s (dirty_writeback_centisecs); each pass writes inodes dirtied 30 s ago, then more while dirty pages"
            + " exceed dirty_background_ratio, as Linux 3.8; 0: no flusher")
    Double flushInterval;

    @Option(names = "--rewrite-interval", paramLabel = "SECONDS", description = "dio-rewrite: how often each buffer's"
            + " sibling thread rewrites part of it (default 0.05)")
    Double rewriteInterval;

    @Option(names = "--workload-seed", defaultValue = "1", description = "seed of every workload's choices"
            + " (default: ${DEFAULT-VALUE})")
    long seed;

    /** The cost model: the defaults, then the file's keys, then each {@code --cost}. */
    CostModel costModel() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (costModelFile != null) {
            try {
                overrides.putAll(CostModel.parse(Files.readString(costModelFile, StandardCharsets.UTF_8)));
            } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
                throw new IllegalArgumentException("cannot read the cost model " + costModelFile + ": "
                        + IoErrors.reason(e));
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read the cost model " + costModelFile + ": "
                        + IoErrors.reason(e.getCause()));
            }
        }
        for (String c : costs) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--cost takes KEY=VALUE, not '" + c + "'");
            }
            overrides.put(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
        }
        return CostModel.withOverrides(overrides);
    }

    /** The workloads, checked, at the sizes asked. */
    List<Workload> workloads(Geometry g) {
        long ws = size(workingSet);
        if (writes != null && writes < 1) {
            throw new IllegalArgumentException("impossible --writes " + writes + ": at least 1");
        }
        if (duration < 0 || Double.isNaN(duration)) {
            throw new IllegalArgumentException("impossible --duration " + duration + ": at least 0");
        }
        List<Workload> out = new ArrayList<>();
        // "all" is every workload but generic-761, which runs as its own reality check, per configuration.
        List<String> ids = workloads.strip().equals("all")
                ? java.util.Arrays.stream(WorkloadKind.values()).filter(k -> k != WorkloadKind.GENERIC_761)
                        .map(WorkloadKind::id).toList()
                : CompareCommand.pick("workload", workloads,
                        java.util.Arrays.stream(WorkloadKind.values()).map(WorkloadKind::id).toList());
        for (String id : ids) {
            if (writes != null && writes > Workload.MAX_OPS) {
                throw new IllegalArgumentException("impossible --writes " + writes + ": at most " + Workload.MAX_OPS);
            }
            WorkloadKind kind = WorkloadKind.byId(id);
            // dbench without --writes runs by time, as dbench does: 2013's 24 s of warmup and 120 s timed,
            // or --duration with its first sixth warmup.
            boolean byTime = writes == null && kind == WorkloadKind.DBENCH;
            long n = writes != null ? writes : byTime ? Workload.UNTIL_DURATION : Workload.DEFAULT_WRITES;
            Workload w = byTime && duration == 0 ? Workload.dbenchAsIn2013(ws, seed) : Workload.of(kind, ws, n, seed);
            if (g.pageSize() != w.pageSize()) {
                w = w.withPageSize(g.pageSize());
            }
            if (w.kind() == WorkloadKind.GENERIC_761) {
                // The test's own sizes and its one writer: only the duration and the seed apply.
                if (duration > 0) {
                    w = w.withDuration(nanos("--duration", duration, false));
                }
                out.add(w);
                continue;
            }
            if (workloadThreads != null) {
                w = w.withThreads(workloadThreads);
            }
            boolean direct = w.kind().direct();
            if (writeSize != null && !direct) {
                long bytes = size(writeSize);
                if (bytes > 1 << 20) {
                    throw new IllegalArgumentException("impossible --write-size " + writeSize + ": 1 byte to 1M");
                }
                w = w.withWriteSize((int) bytes);
            }
            if (flushInterval != null) {
                w = w.withFlushInterval(nanos("--flush-interval", flushInterval, true));
            }
            if (rewriteInterval != null) {
                if (rewriteInterval < 1e-4) {
                    throw new IllegalArgumentException("impossible --rewrite-interval " + rewriteInterval
                            + ": at least 0.0001 s (a rewrite per 100 us already rewrites every buffer many times per write)");
                }
                w = w.withRewriteInterval(nanos("--rewrite-interval", rewriteInterval, false));
            }
            if (syncEvery != null && !direct) {
                w = w.withSyncEvery(syncEvery);
            }
            if (duration > 0) {
                w = w.withDuration(nanos("--duration", duration, false));
            }
            out.add(w);
        }
        return out;
    }

    /** Seconds as nanoseconds, rounded up so that a tiny positive value stays positive; at most a day. */
    private static long nanos(String option, double seconds, boolean zeroAllowed) {
        if (Double.isNaN(seconds) || seconds < 0 || seconds > 86_400 || (!zeroAllowed && seconds == 0)) {
            throw new IllegalArgumentException("impossible " + option + " " + seconds + ": "
                    + (zeroAllowed ? "0" : "above 0") + " to 86400 seconds");
        }
        return (long) Math.ceil(seconds * 1e9);
    }

    /** A size such as {@code 4096}, {@code 64K}, {@code 16M} or {@code 1G}, in bytes. */
    static long size(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v < 1 || v > (1L << 40) / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("impossible size '" + text + "': a positive whole number of bytes, "
                    + "optionally with K, M or G");
        }
    }
}
