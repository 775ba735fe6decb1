package dev.stablewrites.harness.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.TimedSimulation;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The timed mode over the real strategies: deterministic, and each mechanism's signature shows in
 * its timed costs the way it does in the exact counters.
 */
class TimedSimulationTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    private static TimedResult run(String strategy, Workload w) {
        return new TimedSimulation(w, Geometry.DEFAULT, CostModel.defaults(), strategy, CATALOG.create(strategy)).run();
    }

    private static Workload small(WorkloadKind kind, long writes) {
        return Workload.of(kind, 1 << 20, writes, 7);
    }

    @Test
    void theMechanismCounts_comeFromTheRun_andTheTablePrintsThem() {
        TimedResult hdd = run("mkwrite-wait", small(WorkloadKind.WRITE_SYNC, 2000));
        TimedResult cached = new TimedSimulation(small(WorkloadKind.WRITE_SYNC, 2000), Geometry.DEFAULT,
                CostModel.defaults().withDevice("sata2012"), "mkwrite-wait", CATALOG.create("mkwrite-wait")).run();
        assertTrue(hdd.cfqSlices() > 0, "every write goes through CFQ's queue of writes: " + hdd.cfqSlices());
        assertEquals(0, hdd.cacheWriteHits(), "hdd has no write cache");
        assertTrue(cached.cacheWriteHits() > 0, "a rewritten working set hits the 2012 drive's cache");
        String table = TimedTable.render("m", List.of(hdd), Map.of());
        String row = table.lines().filter(l -> l.matches("mkwrite-wait(\\s+\\d+){10}")).findFirst()
                .orElseThrow(() -> new AssertionError(table));
        assertEquals(List.of("mkwrite-wait", String.valueOf(hdd.metadataReads()), String.valueOf(hdd.metadataWrites()),
                String.valueOf(hdd.boundaryWrites()),
                String.valueOf(hdd.throttles()), String.valueOf(hdd.cfqSlices()), String.valueOf(hdd.cfqExpired()),
                String.valueOf(hdd.cfqDrains()), String.valueOf(hdd.cfqIdles()), String.valueOf(hdd.cfqIdleTimeouts()),
                String.valueOf(hdd.cacheWriteHits())),
                List.of(row.split("\\s+")));
    }

    @Test
    void sameWorkloadSameStrategySameResult() {
        Workload w = small(WorkloadKind.MIX, 2000).withThreads(8);
        TimedResult a = run("none", w);
        TimedResult b = run("none", w);
        assertEquals(a.makespanNs(), b.makespanNs());
        assertEquals(a.costs().toString(), b.costs().toString());
        assertEquals(a.writeLatency(), b.writeLatency());
        assertEquals(a.protectionErrors(), b.protectionErrors());
    }

    @Test
    void everyWriteIsDoneAndEveryRunCompletes() {
        for (WorkloadKind k : WorkloadKind.values()) {
            for (String s : CATALOG.ids()) {
                // generic-761 has the test's own size and one writer: a twentieth of a simulated second of it.
                if (k == WorkloadKind.DBENCH && s.endsWith("-ro") || k == WorkloadKind.DBENCH && s.startsWith("ro-")) {
                    continue; // they oops on dbench's unlinks: see the test below
                }
                TimedResult r = run(s, k == WorkloadKind.GENERIC_761 ? small(k, 1).withDuration(50_000_000L)
                        : small(k, 400).withThreads(4));
                assertEquals("completed", r.outcome(), s + " on " + k + ": " + r.firstViolation());
                assertEquals(k == WorkloadKind.GENERIC_761 ? r.writes() : 400, r.writes(), s + " on " + k);
                assertTrue(r.writes() > 0, s + " on " + k);
                assertTrue(r.makespanNs() > 0);
            }
        }
    }

    @Test
    void mkwriteWaitMakesWritersWaitWhereNoneLetsTheRaceStrike() {
        Workload w = small(WorkloadKind.WRITE_SYNC, 4000).withThreads(16);
        TimedResult none = run("none", w);
        TimedResult wait = run("mkwrite-wait", w);
        assertTrue(none.protectionErrors() > 0, "under realistic timing the race strikes without stable pages");
        assertEquals(0, wait.protectionErrors());
        assertEquals(0, wait.lostPages());
        assertEquals(0, none.costs().writerWritebackStallSteps, "none never makes a writer sleep on writeback");
        assertTrue(wait.costs().writerWritebackStallSteps > 0);
        assertTrue(wait.writeStall().getMaxValue() > 1_000_000, "stable pages make some write wait over a millisecond");
        assertTrue(wait.writeLatency().getMaxValue() > 100 * none.writeLatency().getMaxValue());
    }

    @Test
    void bounceCopiesAndHoldsMemoryButNeverFails() {
        TimedResult r = run("bounce", small(WorkloadKind.ODIRECT, 300).withThreads(4));
        assertEquals(0, r.protectionErrors());
        assertEquals(0, r.falseEios());
        assertTrue(r.peakExtraMemory() >= 4096);
        assertTrue(r.cpuNs().get("copy") > 0);
        assertEquals(r.costs().bytesCopied * CostModel.defaults().copyNsPerByte(), r.cpuNs().get("copy"), 1e-3);
        TimedResult none = run("none", small(WorkloadKind.ODIRECT, 300).withThreads(4));
        assertTrue(none.protectionErrors() > 0, "a buffer rewritten during its O_DIRECT write fails without a copy");
        assertEquals(0.0, none.cpuNs().get("copy"));
    }

    @Test
    void directMapProtectionPaysTwoFlushesPerPage() {
        TimedResult r = run("writeback-then-ro", small(WorkloadKind.MMAP_MSYNC, 1000).withThreads(8));
        CostModel m = CostModel.defaults();
        long flips = r.costs().setMemoryRo + r.costs().setMemoryRw;
        assertEquals(r.costs().setMemoryRo, r.costs().setMemoryRw);
        assertEquals(flips * m.setMemoryNs() + r.costs().pteWriteProtects * m.tlbShootdownNs(), r.cpuNs().get("TLB"), 1e-3);
        assertTrue(r.costs().setMemoryRo > 0);
    }

    @Test
    void dbench_aStableWriterRewritingAPageUnderWritebackWaits_noneNever() {
        // A flusher every 10 ms with no expiry: the kept files the clients rewrite in place and the
        // temporary file whose tail page the next append rewrites are under writeback now and then.
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 4000, 1).withFlushInterval(10_000_000L);
        CostModel m = CostModel.withOverrides(Map.of("vm.dirty_expire_centisecs", "0"));
        TimedResult none = new TimedSimulation(w, Geometry.DEFAULT, m, "none", CATALOG.create("none")).run();
        TimedResult wait = new TimedSimulation(w, Geometry.DEFAULT, m, "mkwrite-wait", CATALOG.create("mkwrite-wait")).run();
        assertEquals("sata2012", none.device());
        assertEquals("completed", none.outcome(), none.firstViolation());
        assertEquals("completed", wait.outcome(), wait.firstViolation());
        assertEquals(0, none.writeStall().getMaxValue(), "no WriteX of none waits on a page");
        assertTrue(wait.writeStall().getMaxValue() > 0, "some WriteX of mkwrite-wait waits on writeback");
        assertTrue(wait.writeLatency().getMaxValue() > none.writeLatency().getMaxValue());

        // At the defaults (4 GiB, kupdate's 30 s) a short run ends before any inode expires: no wait.
        TimedResult shortRun = run("mkwrite-wait", Workload.of(WorkloadKind.DBENCH, 4 << 20, 4000, 1));
        assertEquals(0, shortRun.writeStall().getMaxValue());
    }

    @Test
    void dbench_setMemoryRoStrategiesOopsWhenAnUnlinkedPageIsReusedBeforeKintegrityd() {
        // truncate waits for PG_writeback, not for kintegrityd's set_memory_rw: the next file's block
        // zeroing (__block_write_begin) writes the page through a direct map still read-only.
        for (String s : List.of("ro-then-writeback", "writeback-then-ro")) {
            // Rare: it takes an unlink right after a completion; 10,000 writes of seed 7 have one.
            TimedResult r = run(s, small(WorkloadKind.DBENCH, 10_000).withThreads(4));
            assertEquals("oops", r.outcome(), s);
            assertTrue(r.firstViolation().contains("read-only direct map"), r.firstViolation());
        }
    }

    @Test
    void costModelOverridesAndBadKeysAreClear() {
        CostModel nvme = CostModel.withOverrides(Map.of("device", "nvme"));
        assertEquals(20_000, nvme.deviceRandomNs());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CostModel.withOverrides(Map.of("fualt.ns", "1")));
        assertTrue(e.getMessage().startsWith("unknown cost-model key 'fualt.ns'; valid: "), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CostModel.withOverrides(Map.of("device", "floppy")));
        assertEquals("unknown device 'floppy'; valid: hdd, nvme, sata2012, ssd", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CostModel.withOverrides(Map.of("fault.ns", "-3")));
        assertTrue(e.getMessage().startsWith("impossible fault.ns -3"), e.getMessage());
    }
}
