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

    private Generic761Check() {
    }

    /** Runs {@code strategies} on every configuration; results in configuration order, strategies inner. */
    public static List<TimedResult> run(StrategyCatalog catalog, CostModel model, List<String> strategies, long seed,
                                        int threads, Duration runTimeout, Runnable progress) {
        List<TimedResult> out = new ArrayList<>();
        for (Configuration c : configurations()) {
            Workload w = Workload.of(WorkloadKind.GENERIC_761, Workload.GENERIC_761_BYTES, 1, seed);
            out.addAll(new TimedComparison(catalog, c.geometry(), model, threads, runTimeout).withProgress(progress)
                    .run(strategies, List.of(w)));
        }
        return out;
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
                    ok && r.mirrorDiffBlocks() >= 0 ? String.valueOf(r.mirrorDiffBlocks()) : "n/a", c.published()));
        }
        TimedTable.grid(sb, head, rows);
        sb.append(String.format(Locale.ROOT, "(btrfs's 6.15 fix, falling back to buffered writes when data checksums"
                + " are on, has no strategy here yet (dio-fallback-buffered); bounce is the nearest: it checksums and"
                + " writes a copy.)%n"));
        return sb.toString();
    }
}
