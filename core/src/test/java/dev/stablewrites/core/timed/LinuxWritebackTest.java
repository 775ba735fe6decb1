package dev.stablewrites.core.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The timed kernel's Linux 3.8 mechanisms, each shown by a run in which it must act and one in
 * which it must not: ext2's synchronous metadata read on allocation, ext2's synchronous metadata
 * writes in {@code fsync}, kupdate's expiry, and {@code balance_dirty_pages}' throttling.
 */
class LinuxWritebackTest {
    private static final Strategy NONE = () -> "no mitigation";

    /** Every step the clock charged and every wakeup. */
    private static final class Log implements TimedClock.Recorder {
        final List<double[]> deviceSteps = new ArrayList<>();
        final List<String> wakeQueues = new ArrayList<>();
        final List<double[]> bitmapWaits = new ArrayList<>();
        final List<double[]> bufferWaits = new ArrayList<>();

        @Override
        public void step(Actor actor, double start, double end, int cpu) {
            if (cpu < 0) {
                deviceSteps.add(new double[] {start, end});
            }
        }

        @Override
        public void woken(Actor actor, String queue, double since, double at) {
            wakeQueues.add(queue);
            if (queue.startsWith("sb_bread of the block bitmap")) {
                bitmapWaits.add(new double[] {since, at});
            }
            if (queue.startsWith("BH_Lock") && actor.kind() == Actor.Kind.WRITER) {
                bufferWaits.add(new double[] {since, at});
            }
        }
    }

    private static TimedResult run(Workload w, CostModel m, Log log) {
        TimedResult r = new TimedSimulation(w, Geometry.DEFAULT, m, "none", NONE).recording(log).run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        return r;
    }

    @Test
    void anAllocatingWriteWaitsForItsBitmapRead_andARewriteReadsNothing() {
        CostModel m = CostModel.defaults();
        Log log = new Log();
        TimedResult r = run(Workload.of(WorkloadKind.DBENCH, 1 << 20, 400, 5), m, log);
        // 1 MiB is one block group: its bitmap is read once, and every client's first append waits for it.
        assertEquals(1, r.metadataReads());
        assertTrue(log.wakeQueues.contains("sb_bread of the block bitmap of group 0"), log.wakeQueues.toString());
        CostModel drive = m.forWorkload(WorkloadKind.DBENCH);
        // (dbench's warmup drops that write from the histograms: the wait is read from the wakeup.)
        double[] wait = log.bitmapWaits.get(0);
        assertTrue(wait[1] - wait[0] >= drive.deviceRandomNs(), "the waiting write sleeps at least the read's seek: "
                + (wait[1] - wait[0]));

        Log rewrite = new Log();
        TimedResult w = run(Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 400, 5).withThreads(4), m, rewrite);
        assertEquals(0, w.metadataReads(), "write-sync rewrites allocated files: no ext2_get_block read");
        assertTrue(rewrite.wakeQueues.stream().noneMatch(q -> q.startsWith("sb_bread")));
    }

    @Test
    void ext2FsyncWritesTheDirtyInodeAndIndirectBlockSynchronously_andWaitsForThem() {
        CostModel m = CostModel.defaults();
        Log log = new Log();
        // One client: no one else's write of the block can hold its lock, so each wait is the Flush's own.
        TimedSimulation one = new TimedSimulation(Workload.of(WorkloadKind.DBENCH, 1 << 20, 2000, 5).withThreads(1),
                Geometry.DEFAULT, m, "none", NONE).recording(log);
        TimedResult r = one.run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        // Past 12 pages an append dirties the temporary file's indirect block; the Flush writes it.
        assertTrue(one.indirectWrites() > 0, "sync_mapping_buffers wrote no indirect block");
        // A new temporary file's inode is dirty (ext2_new_inode), and so is a grown one's or one whose
        // mtime moved to another second (file_update_time; the mmap test below shows the mtime alone).
        assertTrue(one.inodeWrites() > 0, "sync_inode_metadata wrote no inode");
        // A Flush after a same-second rewrite that did not grow the file (or after another Flush) finds
        // the inode clean and writes nothing.
        assertTrue(one.inodeWrites() < one.flushes(), one.inodeWrites() + " inode writes in " + one.flushes() + " Flushes");
        assertEquals(one.indirectWrites() + one.inodeWrites(), r.metadataWrites());
        // Each write is waited for (BH_Lock), before the Flush returns.
        assertEquals(r.metadataWrites(), log.bufferWaits.size(), "a Flush returned before its metadata write completed");
        // Writeback past block 11 takes the dirty indirect block with the data (write_boundary_block, merged):
        // those Flushes send no WRITE_SYNC of it.
        assertTrue(one.boundaryWrites() > 0, "no indirect block went with its data");
        assertEquals(one.boundaryWrites(), r.boundaryWrites());
        CostModel drive = m.forWorkload(WorkloadKind.DBENCH);
        double longest = log.bufferWaits.stream().mapToDouble(w -> w[1] - w[0]).max().orElse(0);
        assertTrue(longest >= drive.deviceNsPerByte() * Geometry.DEFAULT.pageSize(),
                "a waited-for write takes at least its transfer: " + longest);

        // Four clients share the inode-table block: a Flush that finds it written by another client's
        // write since it dirtied it (sync_dirty_buffer: clean once locked) submits nothing.
        TimedSimulation four = new TimedSimulation(Workload.of(WorkloadKind.DBENCH, 1 << 20, 2000, 5), Geometry.DEFAULT, m,
                "none", NONE);
        TimedResult f = four.run();
        assertTrue(four.inodeWrites() < four.inodeSyncs(), four.inodeWrites() + " of " + four.inodeSyncs());
        assertEquals(four.indirectWrites() + four.inodeWrites(), f.metadataWrites(), "the column counts writes submitted");

        Log rewrite = new Log();
        TimedResult w = run(Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 400, 5).withThreads(4), m, rewrite);
        assertEquals(0, w.metadataWrites(), "sync_file_range writes data only");
    }

    @Test
    void theBoundaryIsBlock11_ofATemporaryFileWithAnIndirectBlock() {
        java.util.BitSet grown = new java.util.BitSet();
        grown.set(0, 13); // 13 blocks: block 12 is mapped through the indirect block
        java.util.BitSet small = new java.util.BitSet();
        small.set(0, 12);
        int temp = DbenchLoadfile.KEPT_BYTES.length; // client 0's temporary file
        assertTrue(TimedSimulation.writesIndirectAfter(temp, 11, grown));
        assertTrue(TimedSimulation.writesIndirectAfter(temp + DbenchLoadfile.FILES_PER_CLIENT, 11, grown), "client 1's");
        assertTrue(!TimedSimulation.writesIndirectAfter(temp, 10, grown) && !TimedSimulation.writesIndirectAfter(temp, 12, grown),
                "only the last direct block is a boundary (ext2_block_to_path: blocks_to_boundary 0)");
        assertTrue(!TimedSimulation.writesIndirectAfter(temp, 11, small), "12 blocks: no indirect block yet");
        assertTrue(!TimedSimulation.writesIndirectAfter(0, 11, grown), "a kept file's indirect block is clean");
    }

    @Test
    void dbenchsMetadataWritesWaitForAsyncDrains_onTheNcqDisk_andNeverOnTheHddPreset() {
        CostModel m = CostModel.defaults();
        TimedResult r = run(Workload.of(WorkloadKind.DBENCH, 1 << 20, 3000, 5), m, new Log());
        // kupdate's and fsync's async writes are in the drive when a lone WRITE_SYNC write comes: some wait.
        assertTrue(r.cfqDrains() > 0 && r.cfqDrains() < r.metadataWrites(), r.cfqDrains() + " of " + r.metadataWrites());
        TimedResult hdd = run(Workload.of(WorkloadKind.DBENCH, 1 << 20, 3000, 5),
                CostModel.withOverrides(java.util.Map.of("workload.dbench.device", "hdd")), new Log());
        assertEquals(0, hdd.cfqDrains(), "one command at a time: nothing else is in flight when the next is picked");
        assertTrue(hdd.metadataWrites() > 0);
    }

    @Test
    void cfqIdlesAfterALoneWriteSync_andTheClockStartsADiskWaitingOnItsTimerNoEarlierThanTheTimer() {
        CostModel m = CostModel.defaults();
        // 16 MiB, dbench's default: async writes further than CFQQ_CLOSE_THR from the metadata blocks do not preempt.
        Workload w = Workload.of(WorkloadKind.DBENCH, 16 << 20, 3000, 5);
        TimedSimulation sim = new TimedSimulation(w, Geometry.DEFAULT, m, "none", NONE);
        double[] timer = {Double.NEGATIVE_INFINITY};
        int[] timerStarts = {0};
        sim.recording(new TimedClock.Recorder() {
            @Override
            public void step(Actor actor, double start, double end, int cpu) {
                dev.stablewrites.core.block.Disk d = sim.legs().get(0);
                if (actor == d.actor() && timer[0] > Double.NEGATIVE_INFINITY) {
                    // the state the disk was chosen in: its only work waited for CFQ's idle timer
                    assertTrue(start >= timer[0], "the disk started at " + start + ", its timer fires at " + timer[0]);
                    timerStarts[0]++;
                }
                timer[0] = d.idleTimerAt();
            }

            @Override
            public void woken(Actor actor, String queue, double since, double at) {
            }
        });
        TimedResult r = sim.run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        assertTrue(r.cfqIdles() > 0 && r.cfqIdles() <= r.metadataWrites(), r.cfqIdles() + " of " + r.metadataWrites());
        assertTrue(r.cfqIdleTimeouts() > 0 && r.cfqIdleTimeouts() < r.cfqIdles(), r.cfqIdleTimeouts() + " of " + r.cfqIdles());
        assertTrue(timerStarts[0] > 0, "some command waited for the timer");

        TimedResult off = run(w, CostModel.withOverrides(Map.of("iosched.slice_idle", "0")), new Log());
        assertEquals(0, off.cfqIdles(), "slice_idle = 0: CFQ never idles");
        assertEquals(0, off.cfqDrains(), "nor drains");
    }

    @Test
    void msyncWritesTheInodeAWriteFaultDirtied_andAStoreThroughAWritablePteMovesNoMtime() {
        // mmap-msync: each msync write-protects the file's pages, so the next stores fault, move the mtime
        // (filemap_page_mkwrite's file_update_time) and the msync after them writes the inode.
        Workload w = Workload.of(WorkloadKind.MMAP_MSYNC, 1 << 20, 400, 5).withThreads(4);
        Log log = new Log();
        TimedSimulation s = new TimedSimulation(w, Geometry.DEFAULT, CostModel.defaults(), "none", NONE).recording(log);
        TimedResult r = s.run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        assertTrue(s.inodeWrites() > 0, "no msync wrote an inode");
        // Stores take no i_mutex; generic_file_fsync writes the metadata under it, so one msync waits
        // while another's inode write of the same file is in flight.
        assertTrue(log.wakeQueues.stream().anyMatch(q -> q.startsWith("i_mutex of f")), "no msync waited for i_mutex");
        assertEquals(0, s.indirectWrites(), "mmap-msync's files are allocated: no indirect block is dirtied");

        // One thread, a store a second, no msync and no flusher: a page faults once, and its later stores
        // go through the writable PTE, so the mtime moves only on the first store to each page.
        Workload quiet = Workload.of(WorkloadKind.MMAP_MSYNC, 1 << 20, 40, 3).withThreads(1).withSyncEvery(0)
                .withFlushInterval(0);
        TimedSimulation q = new TimedSimulation(quiet, Geometry.DEFAULT,
                CostModel.withOverrides(Map.of("think.ns", "1000000000")), "none", NONE);
        TimedResult qr = q.run();
        assertEquals("completed", qr.outcome(), qr.firstViolation());
        assertTrue(qr.costs().faults < 40, "the stores revisit pages: " + qr.costs().faults + " faults");
        assertTrue(q.mtimeUpdates() > 0 && q.mtimeUpdates() <= qr.costs().faults,
                q.mtimeUpdates() + " mtime updates, " + qr.costs().faults + " faults");
    }

    @Test
    void iMutexSerialisesTheWritesOfAFile() {
        // write-sync on 1 MiB: one file, 16 threads writing it; i_mutex lets one write() at a time in.
        Log log = new Log();
        run(Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 400, 5).withThreads(16), CostModel.defaults(), log);
        assertTrue(log.wakeQueues.stream().anyMatch(q -> q.startsWith("i_mutex of f")), "no write() waited for i_mutex");
        // One thread: nobody to wait for.
        Log alone = new Log();
        run(Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 400, 5).withThreads(1), CostModel.defaults(), alone);
        assertTrue(alone.wakeQueues.stream().noneMatch(q -> q.startsWith("i_mutex")), "a lone writer waited for i_mutex");
    }

    /** One thread, one write a second, no syncs: only the flusher and the final sync write anything. */
    private static Workload slowWriter() {
        return Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 40, 3).withThreads(1).withSyncEvery(0);
    }

    @Test
    void kupdateSkipsInodesYoungerThanTheExpiry() {
        Map<String, String> slow = Map.of("think.ns", "1000000000");
        Log log = new Log();
        run(slowWriter(), CostModel.withOverrides(slow), log);
        double first = log.deviceSteps.get(0)[0];
        // Passes at 5, 10, ... 25 s find the inode dirtied at 0 s younger than 30 s; the pass at 30 s writes it.
        assertTrue(first >= 30e9 && first < 36e9, "first write to the device at " + first / 1e9 + " s");

        Log eager = new Log();
        run(slowWriter(), CostModel.withOverrides(Map.of("think.ns", "1000000000", "vm.dirty_expire_centisecs", "0")),
                eager);
        double firstEager = eager.deviceSteps.get(0)[0];
        assertTrue(firstEager >= 5e9 && firstEager < 6e9, "with no expiry the first pass writes: " + firstEager / 1e9);
    }

    @Test
    void aWriterAboveDirtyRatioIsThrottledUntilWritebackBringsItUnder() {
        Workload w = Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 2000, 4).withThreads(4).withSyncEvery(0);
        Log small = new Log();
        // 1 MiB of memory: the limit is 20% of 256 pages, the working set is all 256.
        TimedResult throttled = run(w, CostModel.withOverrides(Map.of("memory.mib", "1")), small);
        assertTrue(throttled.throttles() > 0);
        assertTrue(small.wakeQueues.contains("balance_dirty_pages (dirty pages above vm.dirty_ratio)"));
        // Background writeback started before the run ended: the device worked long before the final sync.
        assertTrue(small.deviceSteps.size() > 256, "only the final sync wrote: " + small.deviceSteps.size());

        Log large = new Log();
        TimedResult free = run(w, CostModel.defaults(), large);
        assertEquals(0, free.throttles(), "4 GiB: 1 MiB of dirty pages is far below the limit");
    }

    @Test
    void theWritebackChunkIs38sFormula() {
        CostModel m = CostModel.defaults().withDevice("sata2012");
        // 156 MB/s is 38,085 pages a second: half is 19,042, below 4 GiB * 20% / 8 = 26,214; plus 1,024, rounded down.
        assertEquals(19_456, TimedSimulation.writebackChunkSize(m, 4096, m.vm().dirtyThreshPages(4096)));
        // A tiny limit leaves MIN_WRITEBACK_PAGES.
        assertEquals(1024, TimedSimulation.writebackChunkSize(m, 4096, 51));
    }
}
