package dev.stablewrites.harness.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both reality checks print what runs measured: the dbench figures change with the runs and are
 * exactly their histograms'; generic/761's outcome per configuration is what the test published.
 */
class RealityCheckTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    /** dbench on the default geometry, T10 tuples included: the what-if, which is enough for what these tests pin. */
    private static List<TimedResult> dbench(CostModel m) {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 1500, 3);
        return new TimedComparison(CATALOG, Geometry.DEFAULT, m, 2, Duration.ofSeconds(60))
                .run(List.of("none", "mkwrite-wait"), List.of(w));
    }

    private static String ms(double ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    @Test
    void withoutScenarioOptions_dbenchRunsWithoutPiOnItsSataDisk_soStablePagesWaitsForNothing() {
        Workload dbench = Workload.of(WorkloadKind.DBENCH, 1 << 20, 1500, 3);
        Workload writeSync = Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 400, 3).withThreads(8);
        List<TimedResult> rs = new TimedComparison(CATALOG, Geometry.DEFAULT, CostModel.defaults(), 2,
                Duration.ofSeconds(60)).withIntegrityFromDevice().run(List.of("stable-pages"), List.of(dbench, writeSync));
        assertEquals(0, rs.get(0).costs().bytesChecksummedByCpu, "sata2012 carries no PI: no tuples to make");
        assertTrue(rs.get(1).costs().bytesChecksummedByCpu > 0, "the hdd preset is a T10 PI disk");
        List<TimedResult> asked = new TimedComparison(CATALOG, Geometry.DEFAULT, CostModel.defaults(), 2,
                Duration.ofSeconds(60)).run(List.of("stable-pages"), List.of(dbench));
        assertTrue(asked.get(0).costs().bytesChecksummedByCpu > 0, "a geometry given is kept: the what-if");
    }

    @Test
    void theDbenchFiguresAreTheRunsOwn() {
        List<TimedResult> sata = dbench(CostModel.defaults());
        // A slower copy_from_user: every WriteX's cost moves (a short run has no disk wait in its WriteX).
        List<TimedResult> nvme = dbench(CostModel.withOverrides(Map.of("copy.ns-per-byte", "0.4")));
        String a = RealityCheck.render(sata);
        String b = RealityCheck.render(nvme);
        for (List<TimedResult> rs : List.of(sata, nvme)) {
            String text = RealityCheck.render(rs);
            TimedResult none = rs.get(0);
            TimedResult stable = rs.get(1);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("WriteX max, no stable pages (none)")
                    && l.contains(ms(none.writeLatency().getMaxValue()))), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("WriteX avg, stable pages (mkwrite-wait)")
                    && l.contains(ms(stable.writeLatency().getMean()))), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("Flush avg, no stable pages (none)")
                    && l.contains("30.540 ms") && l.contains(ms(none.syncLatency().getMean()))), text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("Flush max, stable pages (mkwrite-wait)")
                    && l.contains("287.283 ms") && l.contains(ms(stable.syncLatency().getMaxValue()))), text);
            assertTrue(text.contains("4.273 ms") && text.contains("59.817 ms"), "the 2013 figures beside them");
            assertTrue(text.lines().anyMatch(l -> l.startsWith("WriteX / Flush timed, mkwrite-wait")
                    && l.contains("109,347 / 15,514") && l.contains(String.format(Locale.ROOT, "%,d / %,d",
                    stable.writeLatency().getTotalCount(), stable.syncLatency().getTotalCount()))), text);
        }
        assertTrue(a.contains("on sata2012") && b.contains("on sata2012"), a + b);
        assertNotEquals(a.lines().filter(l -> l.startsWith("WriteX max")).toList(),
                b.lines().filter(l -> l.startsWith("WriteX max")).toList(), "another copy cost, other figures");
        assertNull(RealityCheck.render(sata.subList(0, 1)), "no check without both strategies' runs");
    }

    @Test
    void generic761_corruptsChecksummedBlocks_leavesUnchecksummedOnesReadable() {
        for (Generic761Check.Configuration c : Generic761Check.configurations()) {
            // The test's 64 MiB take a simulated second; the first tenth shows the same.
            Workload w = Workload.of(WorkloadKind.GENERIC_761, Workload.GENERIC_761_BYTES, 1, 1).withDuration(100_000_000L);
            List<TimedResult> rs = new TimedComparison(CATALOG, c.geometry(), CostModel.defaults(), 2,
                    Duration.ofSeconds(60)).run(List.of("none", "bounce", Generic761Check.FALLBACK), List.of(w));
            TimedResult none = rs.get(0);
            TimedResult bounce = rs.get(1);
            // btrfs 6.15's fallback: nothing unreadable where data is checksummed; where it is not it changes nothing.
            assertEquals(c.options().equals("integrity=fs-crc32c") ? 0 : none.unreadableBlocks(),
                    rs.get(2).unreadableBlocks(), c.options());
            assertTrue(none.completed() && none.writes() > 100, c.options() + ": " + none.outcome());
            switch (c.options()) {
                case "integrity=fs-crc32c" -> assertTrue(none.unreadableBlocks() > none.writes() / 2,
                        "btrfs's 'tons' of csum errors: " + none.unreadableBlocks());
                case "integrity=t10-dif-type1" -> assertTrue(none.falseEios() > 0, "the PI disk refuses the writes");
                default -> {
                    assertEquals(0, none.unreadableBlocks(), c.options());
                    assertEquals(0, none.falseEios(), c.options());
                }
            }
            assertEquals(c.geometry().device() == DeviceKind.RAID1 ? 0 : -1, none.mirrorDiffBlocks(), c.options()
                    + ": the zeroing lands before either leg's transfer");
            assertEquals(0, bounce.unreadableBlocks(), c.options() + ": a copy cannot change under its checksum");
            assertEquals(0, bounce.falseEios(), c.options());
        }
        String table = Generic761Check.render(List.of(TimedResult.failed("none", Workload.of(WorkloadKind.GENERIC_761,
                Workload.GENERIC_761_BYTES, 1, 1), "did not run")).subList(0, 1), 1);
        assertTrue(table.contains("integrity=fs-crc32c") && table.contains("\"tons\" of csum errors"), table);
        assertEquals(List.of("none", Generic761Check.FALLBACK), Generic761Check.strategies(CATALOG));
        String fixed = Generic761Check.render(List.of(TimedResult.failed("none", w761(), "did not run"), TimedResult.failed(
                Generic761Check.FALLBACK, w761(), "did not run")), 2);
        assertTrue(fixed.contains("btrfs with data checksums since 6.15 (buffered fallback): passes"), fixed);
    }

    private static Workload w761() {
        return Workload.of(WorkloadKind.GENERIC_761, Workload.GENERIC_761_BYTES, 1, 1);
    }
}
