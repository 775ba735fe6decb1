package dev.stablewrites.core.timed;

import dev.stablewrites.core.cost.Costs;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one timed run measured. Times are simulated nanoseconds.
 *
 * @param strategy          strategy id
 * @param workload          what ran
 * @param outcome           "completed", or how the run stopped (a deadlock, an oops)
 * @param writes            write operations completed
 * @param makespanNs        from the first step to the last
 * @param writeLatency      per write operation ({@code write()}, a store with its fault, an O_DIRECT write)
 * @param writeStall        per write operation, the time it slept on a page: its lock or its writeback
 *                          (not on its own I/O, which an O_DIRECT write waits for in any case)
 * @param syncLatency       per sync ({@code fsync}, {@code msync}, {@code sync_file_range})
 * @param cpuNs             CPU time by category, in report order
 * @param peakExtraMemory   bytes of memory the strategy held at its peak (bounce pages)
 * @param ioAmplification   bytes the device received per byte the workload's writes wrote
 * @param protectionErrors  bios the device failed with a protection error; -1 when the run never ran
 * @param falseEios         system calls that returned EIO with no fault injected; -1 when the run never ran
 * @param lostPages         file pages whose last contents did not reach the media intact after the final sync;
 *                          -1 where there is no page cache to check (O_DIRECT: its EIOs say what was lost)
 *                          or the run did not complete
 * @param firstViolation    the first property that failed, with its message, or null
 * @param costs             the exact counters of the run
 * @param wakeups           sleeping tasks woken
 * @param workloadBytes     bytes the workload's writes wrote
 * @param unreadableBlocks  file blocks (pages) that fail their checksum on some leg at the end, the
 *                          READABLE failures a read would report; -1 when the run did not complete
 * @param mirrorDiffBlocks  file blocks (pages) whose data differ between the RAID1 legs at the end;
 *                          -1 on one disk or when the run did not complete
 * @param device            the device preset the run ran on
 * @param metadataReads     synchronous metadata reads ({@code sb_bread} in {@code ext2_get_block})
 * @param metadataWrites    synchronous metadata writes ({@code sync_dirty_buffer} of an indirect or
 *                          inode-table block in ext2's {@code fsync}); 0 where the workload writes none
 * @param throttles         times a writer slept in {@code balance_dirty_pages}
 * @param cfqSlices         slices CFQ gave the queue of writes, over the legs; -1 where not measured
 * @param cfqExpired        writes CFQ dispatched because their FIFO time had passed; -1 where not measured
 * @param cacheWriteHits    writes to sectors the drive's cache still held (they wait for the older
 *                          copy to reach the media); -1 where not measured
 * @param cfqDrains         WRITE_SYNC writes CFQ held back until the drive's async writes drained
 *                          ({@code cfq_may_dispatch}), over the legs; -1 where not measured
 * @param cfqIdles          idle windows CFQ opened after a lone WRITE_SYNC write completed
 *                          ({@code cfq_arm_slice_timer}), over the legs; -1 where not measured
 * @param cfqIdleTimeouts   of those, the ones that ran out ({@code cfq_idle_slice_timer} fired: no
 *                          request ended the wait, and writes queued meanwhile waited it out whole);
 *                          -1 where not measured
 * @param boundaryWrites    indirect blocks {@code write_boundary_block} wrote during writeback, merged
 *                          with the data's request (so {@code fsync} sends no {@code WRITE_SYNC} of
 *                          them); -1 where not measured
 */
public record TimedResult(String strategy, Workload workload, String outcome, long writes, double makespanNs,
                          Histogram writeLatency, Histogram writeStall, Histogram syncLatency,
                          Map<String, Double> cpuNs, long peakExtraMemory, double ioAmplification,
                          long protectionErrors, long falseEios, long lostPages, String firstViolation,
                          Costs costs, long wakeups, long workloadBytes, long unreadableBlocks,
                          long mirrorDiffBlocks, String device, long metadataReads, long metadataWrites, long throttles,
                          long cfqSlices, long cfqExpired, long cacheWriteHits, long cfqDrains, long cfqIdles,
                          long cfqIdleTimeouts, long boundaryWrites) {

    /** A result without the end-of-run block checks (a run that never got that far, or a test's). */
    public TimedResult(String strategy, Workload workload, String outcome, long writes, double makespanNs,
                       Histogram writeLatency, Histogram writeStall, Histogram syncLatency,
                       Map<String, Double> cpuNs, long peakExtraMemory, double ioAmplification,
                       long protectionErrors, long falseEios, long lostPages, String firstViolation,
                       Costs costs, long wakeups, long workloadBytes) {
        this(strategy, workload, outcome, writes, makespanNs, writeLatency, writeStall, syncLatency, cpuNs,
                peakExtraMemory, ioAmplification, protectionErrors, falseEios, lostPages, firstViolation, costs,
                wakeups, workloadBytes, -1, -1, "", 0, 0, 0, -1, -1, -1, -1, -1, -1, -1);
    }

    /**
     * A run that produced no measurement: the strategy could not be built, or it hung inside a hook
     * (a Java loop no simulated step can see). {@code outcome} says which.
     */
    public static TimedResult failed(String strategy, Workload workload, String outcome) {
        Map<String, Double> cpu = new java.util.LinkedHashMap<>();
        for (TimedClock.Category c : TimedClock.Category.values()) {
            cpu.put(c.label, 0.0);
        }
        return new TimedResult(strategy, workload, outcome, 0, 0, new Histogram(3), new Histogram(3), new Histogram(3),
                cpu, 0, 0, -1, -1, -1, outcome, new Costs(), 0, 0);
    }

    /**
     * Whether the run ran at all (to its end, or until a property stopped it), as opposed to one
     * made by {@link #failed}: the strategy could not be built, the heap could not hold it, or it hung.
     */
    public boolean ran() {
        return protectionErrors >= 0;
    }

    /** Whether the run went to its end: its measurements are whole. */
    public boolean completed() {
        return outcome.equals("completed");
    }

    /** Write operations per simulated second. */
    public double writesPerSecond() {
        return makespanNs <= 0 ? 0 : writes / (makespanNs / 1e9);
    }

    /** MB (10^6 bytes) the workload wrote per simulated second. */
    public double mbPerSecond() {
        return makespanNs <= 0 ? 0 : workloadBytes / 1e6 / (makespanNs / 1e9);
    }

    /** CPU time over all categories. */
    public double cpuTotalNs() {
        return cpuNs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Integrity errors per thousand writes: how often the race struck under this timing. */
    public double protectionErrorsPerKiloWrite() {
        return writes <= 0 || protectionErrors < 0 ? 0 : protectionErrors * 1000.0 / writes;
    }
}
