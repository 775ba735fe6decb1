package dev.stablewrites.core.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.Strategy;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * dbench's loadfile replay: the generator keeps client.txt's proportions and offsets, and a run
 * creates, writes, flushes and unlinks files, an unlink waiting for pages under writeback, within
 * the working set's pages however much it writes.
 */
class DbenchLoadfileTest {
    private static final Strategy NONE = () -> "no mitigation";

    @Test
    void theGeneratorKeepsTheLoadfilesProportionsAndOffsets() {
        DbenchLoadfile load = new DbenchLoadfile(new SplittableRandom(1));
        int[] counts = new int[DbenchLoadfile.Op.values().length];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[load.nextOp().ordinal()]++;
        }
        double all = DbenchLoadfile.WRITEX_KEPT + DbenchLoadfile.WRITEX_TEMP + DbenchLoadfile.FLUSH + DbenchLoadfile.UNLINK;
        assertEquals(DbenchLoadfile.FLUSH / all, counts[DbenchLoadfile.Op.FLUSH.ordinal()] / (double) n, 0.005);
        assertEquals(DbenchLoadfile.WRITEX_KEPT / all, counts[DbenchLoadfile.Op.WRITE_KEPT.ordinal()] / (double) n, 0.005);
        for (int i = 0; i < 1000; i++) {
            long off = load.keptOffset(DbenchLoadfile.KEPT_BYTES[0]);
            assertEquals(0, off % DbenchLoadfile.KEPT_WRITE, "kept files are rewritten at 64 KiB-aligned offsets");
            assertTrue(off < DbenchLoadfile.KEPT_BYTES[0]);
        }
        boolean sawOneByte = false;
        boolean sawUnaligned = false;
        for (int i = 0; i < 1000; i++) {
            int len = load.tempLength();
            sawOneByte |= len == 1;
            sawUnaligned |= len % 4096 != 0;
            assertTrue(len >= 1 && len <= 65_536);
        }
        assertTrue(sawOneByte && sawUnaligned, "client.txt's 1-byte and unaligned WriteX");
        int[] between = load.between();
        assertTrue(between[0] >= 0 && between[1] >= 0);
    }

    private static TimedSimulation sim(Workload w, CostModel m) {
        return new TimedSimulation(w, Geometry.DEFAULT, m, "none", NONE);
    }

    @Test
    void clientsCreateWriteFlushAndUnlinkWithinTheWorkingSet() {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 3000, 2);
        TimedSimulation s = sim(w, CostModel.defaults());
        TimedResult r = s.run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        assertTrue(s.unlinks() > 100, "unlinks: " + s.unlinks());
        assertEquals(s.unlinks(), s.dbenchCreates());
        assertTrue(r.syncLatency().getTotalCount() > 100, "Flush is fsync of the temporary file");
        // Far more bytes written than the working set holds: deleted files give their pages back.
        assertTrue(r.workloadBytes() > 10L * w.workingSetBytes(), "wrote " + r.workloadBytes());
        for (int f = 0; f < w.files(); f++) {
            AddressSpace a = s.file(f);
            assertTrue(a.size() <= (long) a.nrPages() * 4096, a + " grew past its pages");
            assertEquals(0, a.nrDirty(), a + ": the final sync left a dirty page");
        }
        // The kept files keep their size; each client's temporary file is the one created last.
        assertEquals(DbenchLoadfile.layout(w.pages() / w.threads(), 4096)[0] * 4096L, s.file(0).size());
    }

    @Test
    void memoryDoesNotGrowWithTheWrites() {
        Workload small = Workload.of(WorkloadKind.DBENCH, 1 << 20, 1000, 2);
        Workload large = Workload.of(WorkloadKind.DBENCH, 1 << 20, 8000, 2);
        TimedSimulation a = sim(small, CostModel.defaults());
        TimedSimulation b = sim(large, CostModel.defaults());
        a.run();
        b.run();
        assertTrue(b.unlinks() > 4 * a.unlinks() / 2, "more writes, more unlinks");
        for (int f = 0; f < small.files(); f++) {
            assertEquals(a.file(f).nrPages(), b.file(f).nrPages(), "the page cache is the same size");
        }
    }

    @Test
    void anUnlinkWaitsForPagesUnderWriteback() {
        // A flusher that writes every dirty inode each millisecond: unlinks meet the temporary file under writeback.
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 3000, 2).withFlushInterval(1_000_000L);
        TimedSimulation eager = sim(w, CostModel.withOverrides(Map.of("vm.dirty_expire_centisecs", "0")));
        assertEquals("completed", eager.run().outcome());
        assertTrue(eager.unlinkWritebackWaits() > 0, "truncate_inode_pages waits on PG_writeback");

        // Without a flusher, only a client's own fsync starts writeback, and it waits for it: nothing to wait for.
        TimedSimulation quiet = sim(w.withFlushInterval(0), CostModel.defaults());
        assertEquals("completed", quiet.run().outcome());
        assertEquals(0, quiet.unlinkWritebackWaits());
    }

    @Test
    void anAppendOntoATailPageUnderWritebackWaitsOnlyForAStableWriter() {
        // Waits on writeback in write_begin, as 3.0's stable pages did, but only for the temporary
        // files (f3, f7, ...): a WriteX that stalls here stalled on a temporary file's page.
        Strategy tempOnly = new Strategy() {
            @Override
            public String description() {
                return "wait_on_page_writeback for temporary files only";
            }

            @Override
            public void writeBegin(dev.stablewrites.core.strategy.PageHook write,
                                   dev.stablewrites.core.strategy.Steps steps) {
                int f = Integer.parseInt(write.page().mapping().name().substring(1));
                if (f % DbenchLoadfile.FILES_PER_CLIENT == DbenchLoadfile.KEPT_BYTES.length) {
                    steps.waitOnPageWriteback(write.page());
                }
            }
        };
        // Such appends are rare (a few in 6,000 writes); seed 5 has five of them.
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 6000, 5).withFlushInterval(1_000_000L);
        CostModel m = CostModel.withOverrides(Map.of("vm.dirty_expire_centisecs", "0"));
        TimedSimulation stable = new TimedSimulation(w, Geometry.DEFAULT, m, "temp-wait", tempOnly);
        TimedResult s = stable.run();
        assertEquals("completed", s.outcome(), s.firstViolation());
        assertTrue(stable.tailAppendsUnderWriteback() > 0, "an append met its file's tail page under writeback");
        assertTrue(stable.writeWritebackSleeps() > 0, "and the stable writer slept on its PG_writeback");
        assertTrue(s.writeStall().getMaxValue() > 0);

        TimedSimulation none = sim(w, m);
        assertEquals("completed", none.run().outcome());
        assertTrue(none.tailAppendsUnderWriteback() > 0, "none meets tail pages under writeback too");
        assertEquals(0, none.writeWritebackSleeps(), "and writes through them");
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 2000, 9);
        TimedResult a = sim(w, CostModel.defaults()).run();
        TimedResult b = sim(w, CostModel.defaults()).run();
        assertEquals(a.makespanNs(), b.makespanNs());
        assertEquals(a.writeLatency(), b.writeLatency());
        assertEquals(a.costs().toString(), b.costs().toString());
    }

    @Test
    void warmupIsASixthOfTheWrites() {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 1200, 2);
        TimedResult r = sim(w, CostModel.defaults()).run();
        assertEquals(1200, r.writes());
        assertEquals(1200 - TimedSimulation.dbenchWarmupWrites(1200), r.writeLatency().getTotalCount(),
                "dbench clears its statistics after its warmup");
    }

    @Test
    void aRunByTimeWarmsUpForTheFirstSixthOfItsDuration() {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, Workload.UNTIL_DURATION, 2).withDuration(1_200_000_000L);
        TimedResult r = sim(w, CostModel.defaults()).run();
        assertTrue(r.makespanNs() >= 1.2e9, "it runs until its duration, not a count of writes: " + r.makespanNs());
        double timed = (double) r.writeLatency().getTotalCount() / r.writes();
        // Writes come at an even pace, so about five sixths of them end after the first 0.2 s.
        assertEquals(5.0 / 6, timed, 0.03, "share of the writes timed");
    }

    @Test
    void dbenchAsIn2013_runs144SecondsOfWhichTheFirst24AreWarmup() {
        Workload w = Workload.dbenchAsIn2013(16 << 20, 1);
        assertTrue(w.untilDuration());
        assertEquals(144_000_000_000L, w.durationNs());
        assertEquals(24_000_000_000L, w.dbenchWarmupNs(), "timelimit / 5 before a 120 s timelimit");
        Workload byWrites = Workload.of(WorkloadKind.DBENCH, 1 << 20, 4000, 1).withDuration(144_000_000_000L);
        assertEquals(0, byWrites.dbenchWarmupNs(), "a count of writes warms up over a sixth of them, not by time");
    }

    @Test
    void aRunOfWritesWithADurationStillWarmsUpOverASixthOfItsWrites() {
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 1200, 2).withDuration(144_000_000_000L);
        TimedResult r = sim(w, CostModel.defaults()).run();
        assertEquals(1200, r.writes(), "the writes end the run long before its duration");
        assertEquals(1200 - TimedSimulation.dbenchWarmupWrites(1200), r.writeLatency().getTotalCount());
    }
}
