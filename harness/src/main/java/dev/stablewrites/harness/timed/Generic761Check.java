package dev.stablewrites.harness.timed;

import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second reality check: fstests generic/761 ({@code dio-writeback-race}) run on the
 * configurations whose results were published, each outcome beside what the test reported.
 */
public final class Generic761Check {
    /** One configuration: its scenario options, the geometry they make, and what was published for it. */
    public record Configuration(String options, Geometry geometry, String published) {
    }

    /** The configurations with published results, on 4 KiB pages and 512-byte intervals. */
    public static List<Configuration> configurations() {
        int page = Geometry.DEFAULT_PAGE_SIZE;
        int interval = Geometry.DEFAULT_INTERVAL;
        return List.of(
                new Configuration("integrity=fs-crc32c", new Geometry(page, interval, Integrity.byId("fs-crc32c").orElseThrow(),
                        DeviceKind.DISK), "btrfs with data checksums before 6.15: \"tons\" of csum errors"),
                new Configuration("integrity=none", new Geometry(page, interval, Integrity.byId("none").orElseThrow(), DeviceKind.DISK),
                        "ext4, XFS, btrfs nodatasum: passes (no checksum, nothing to fail)"),
                new Configuration("device=raid1 integrity=none", new Geometry(page, interval, Integrity.byId("none").orElseThrow(),
                        DeviceKind.RAID1), "md RAID1: the legs can differ (bugzilla 99171); the test does not check"),
                new Configuration("integrity=t10-dif-type1", Geometry.DEFAULT,
                        "not published (generic/761 was not run on a PI disk)"));
    }

    /** btrfs's 6.15 fix (968f19c5b1b7): O_DIRECT falls back to buffered writes where data is checksummed. */
    public static final String FALLBACK = "dio-fallback-buffered";

    /** The strategies {@code compare} runs it with: none, and btrfs's fix where the catalog has it. */
    public static List<String> strategies(StrategyCatalog catalog) {
        return catalog.ids().contains(FALLBACK) ? List.of("none", FALLBACK) : List.of("none");
    }

    /** What was published for {@code strategy} on {@code c}: the fix has its own result where it applies. */
    static String published(Configuration c, String strategy) {
        if (strategy.equals(FALLBACK) && c.options().equals("integrity=fs-crc32c")) {
            return "btrfs with data checksums since 6.15 (buffered fallback): passes";
        }
        return c.published();
    }

    private Generic761Check() {
    }

    /**
     * Runs {@code strategies} on every configuration, configurations side by side on up to
     * {@code threads} threads; results in configuration order, strategies inner. Each run is seeded,
     * so the order they ran in changes nothing.
     */
    public static List<TimedResult> run(StrategyCatalog catalog, CostModel model, List<String> strategies, long seed,
                                        int threads, Duration runTimeout, Runnable progress) {
        List<Configuration> configs = configurations();
        Workload w = Workload.of(WorkloadKind.GENERIC_761, Workload.GENERIC_761_BYTES, 1, seed);
        // Each configuration's comparison runs its strategies one at a time; the configurations share the threads,
        // as far as the heap holds their media.
        Geometry largest = configs.stream().map(Configuration::geometry).filter(g -> g.device() == DeviceKind.RAID1)
                .findFirst().orElse(Geometry.DEFAULT); // two legs of media: the most a run holds
        int width = new TimedComparison(catalog, largest, model, threads, runTimeout)
                .sideBySide(List.of(w), configs.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "generic-761");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<TimedResult>>> futures = new ArrayList<>();
            for (Configuration c : configs) {
                futures.add(pool.submit(() -> new TimedComparison(catalog, c.geometry(), model, 1, runTimeout)
                        .withProgress(progress).run(strategies, List.of(w))));
            }
            List<TimedResult> out = new ArrayList<>();
            for (java.util.concurrent.Future<List<TimedResult>> f : futures) {
                out.addAll(f.get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a generic-761 run failed outside the simulation: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generic-761 check interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The table: one row per configuration and strategy, with the published result beside it. */
    public static String render(List<TimedResult> results, int strategiesPerConfiguration) {
        StringBuilder sb = new StringBuilder("reality check, fstests generic/761 (dio-writeback-race: 64 MiB, one"
                + " 4 KiB O_DIRECT write per block from a 0xff buffer a second thread zeroes during the write):\n");
        List<String> head = List.of("configuration", "strategy", "writes", "EIO", "unreadable blocks",
                "blocks differing between legs", "published");
        List<List<String>> rows = new ArrayList<>();
        List<Configuration> configs = configurations();
        for (int i = 0; i < results.size(); i++) {
            TimedResult r = results.get(i);
            Configuration c = configs.get(i / strategiesPerConfiguration);
            boolean ok = r.completed();
            rows.add(List.of(c.options(), r.strategy(), ok ? String.valueOf(r.writes()) : r.outcome(),
                    ok ? TimedTable.count(r.falseEios()) : "-", ok ? TimedTable.count(r.unreadableBlocks()) : "-",
                    ok && r.mirrorDiffBlocks() >= 0 ? String.valueOf(r.mirrorDiffBlocks()) : "n/a",
                    published(c, r.strategy())));
        }
        TimedTable.grid(sb, head, rows);
        sb.append(String.format(Locale.ROOT, "(dio-fallback-buffered is btrfs's 6.15 fix, 968f19c5b1b7: an O_DIRECT"
                + " write falls back to a buffered one where the filesystem checksums data, so the checksum is of a"
                + " page-cache copy the zeroing thread cannot reach; without data checksums it changes nothing.)%n"));
        return sb.toString();
    }
}
