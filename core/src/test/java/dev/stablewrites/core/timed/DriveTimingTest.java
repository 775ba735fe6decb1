package dev.stablewrites.core.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 2012 SATA drive's write cache (the {@code sata2012} preset): the order it destages in and what a
 * write to sectors it still holds waits for. The hazard: a cache that destages in arrival order and
 * writes every copy of a rewritten sector pays a seek and half a rotation for each, fills, and makes
 * every later write wait for room; a reordering cache that let a newer copy pass an older one would put
 * stale data on the media last. Simulated time only.
 */
class DriveTimingTest {
    private static final int KIB4 = 4096;

    private static DriveTiming drive(String order) {
        return new DriveTiming(CostModel.withOverrides(Map.of("device", "sata2012", "device.sata2012.write-cache.order", order)));
    }

    /** Hands the drive 4 KiB writes at {@code sectors}, all at time 0; returns each one's wait. */
    private static List<Double> writeAll(DriveTiming d, long... sectors) {
        List<Double> waits = new ArrayList<>();
        for (long s : sectors) {
            waits.add(d.complete(false, s, KIB4, -1, false, 0));
        }
        return waits;
    }

    private static List<Long> destaged(DriveTiming d) {
        List<Long> log = new ArrayList<>();
        d.setDestageLog(log::add);
        return log;
    }

    @Test
    void theDrivesOrder_destagesTheCachedWriteNearestTheHeadNext() {
        DriveTiming d = drive("drive");
        List<Long> log = destaged(d);
        writeAll(d, 1000, 500_000, 1008, 2000);
        d.complete(true, 0, KIB4, -1, false, 1e12); // much later: everything is on the media
        // 1000 starts at once (the media was idle); then 1008 is where the head is (no seek), 2000 is nearer than 500,000.
        assertEquals(List.of(1000L, 1008L, 2000L, 500_000L), log);
        assertEquals(1, d.sequentialDestages());
    }

    @Test
    void arrivalOrder_destagesOldestFirst() {
        DriveTiming d = drive("arrival");
        List<Long> log = destaged(d);
        writeAll(d, 1000, 500_000, 1008, 2000);
        d.complete(true, 0, KIB4, -1, false, 1e12);
        assertEquals(List.of(1000L, 500_000L, 1008L, 2000L), log);
        assertEquals(0, d.sequentialDestages());
    }

    @Test
    void aWriteHit_waitsForTheOlderCopy_whichTheMediaWritesNext() {
        DriveTiming d = drive("drive");
        List<Long> log = destaged(d);
        // 0 destages at once; 8 (where that leaves the head) and 1000 wait in the cache; then 1000 again.
        List<Double> waits = writeAll(d, 0, 8, 1000, 1000);
        assertEquals(List.of(0.0, 0.0, 0.0), waits.subList(0, 3), "a cache with room takes a write at once");
        assertTrue(waits.get(3) > 0, "the second copy of 1000 waits until the first is on the media: " + waits);
        // The older 1000 went ahead of 8, though 8 was where the head was; when it was on the media the new
        // copy was not in yet, so the media went on with 8.
        assertEquals(List.of(0L, 1000L, 8L), log);
        assertEquals(1, d.writeHits());
        d.complete(true, 0, KIB4, -1, false, 1e12);
        assertEquals(List.of(0L, 1000L, 8L, 1000L), log, "the new copy of 1000 last");
    }

    @Test
    void aWriteHitOnTheWriteBeingDestaged_waitsUntilThatCopyIsOnTheMedia() {
        DriveTiming d = drive("drive");
        List<Long> log = destaged(d);
        // 0 goes to the media at once; a new copy of 0 arrives while the old one is being written.
        List<Double> waits = writeAll(d, 0, 0);
        assertEquals(0.0, waits.get(0));
        assertTrue(waits.get(1) > 0, "the new copy waits for the one on its way to the media: " + waits);
        assertEquals(1, d.writeHits());
        d.complete(true, 0, KIB4, -1, false, 1e12);
        assertEquals(List.of(0L, 0L), log, "the old copy, then the new one");
    }

    @Test
    void arrivalOrder_takesAWriteHitLikeAnyOtherWrite() {
        DriveTiming d = drive("arrival");
        List<Double> waits = writeAll(d, 0, 8, 1000, 1000);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), waits);
        assertEquals(0, d.writeHits());
    }

    @Test
    void nearestWithoutTheWriteHitRule_takesTheHitAtOnce_andWritesBothCopies() {
        DriveTiming d = drive("nearest");
        List<Long> log = destaged(d);
        List<Double> waits = writeAll(d, 0, 8, 1000, 1000);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), waits);
        d.complete(true, 0, KIB4, -1, false, 1e12);
        assertEquals(List.of(0L, 8L, 1000L, 1000L), log, "8 where the head is, then both copies of 1000");
        assertEquals(0, d.writeHits());
    }

    @Test
    void coalesce_aWriteHitReplacesTheOlderCopy_noWait_andTheOlderCopyIsNeverWritten() {
        DriveTiming d = drive("coalesce");
        List<Long> log = destaged(d);
        List<Double> waits = writeAll(d, 0, 8, 1000, 1000);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), waits);
        d.complete(true, 0, KIB4, -1, false, 1e12);
        assertEquals(List.of(0L, 8L, 1000L), log, "one copy of 1000: the second cleared the first");
        assertEquals(1, d.writeHits());
        assertEquals(0, d.cachedBytes(), "the cleared copy's bytes left the cache with it");
    }

    @Test
    void theCostModelNamesTheOrder_andCfqsTunables() {
        CostModel m = CostModel.defaults().withDevice("sata2012");
        assertEquals(WriteCacheOrder.DRIVE, m.drive().cacheOrder());
        assertEquals(250e6, m.cfq().fifoExpireAsyncNs());
        assertEquals(125e6, m.cfq().fifoExpireSyncNs());
        assertEquals(40e6, m.cfq().sliceAsyncNs());
        assertEquals(100e6, m.cfq().sliceSyncNs());
        assertEquals(250, m.cfq().hz(), "Kconfig's default HZ, an estimate");
        assertEquals(1000, CostModel.withOverrides(Map.of("kernel.hz", "1000")).cfq().hz());
        IllegalArgumentException hz = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CostModel.withOverrides(Map.of("kernel.hz", "200")));
        assertTrue(hz.getMessage().contains("one of 100, 250, 300, 1000"), hz.getMessage());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CostModel.withOverrides(Map.of("device", "sata2012", "device.sata2012.write-cache.order", "lifo")));
        assertTrue(e.getMessage().contains("arrival, nearest, drive, coalesce"), e.getMessage());
    }
}
