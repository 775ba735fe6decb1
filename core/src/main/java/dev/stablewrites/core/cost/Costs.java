package dev.stablewrites.core.cost;

import dev.stablewrites.core.state.NotState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact cost counters of one run (docs/model.md §7), kept by the model as it runs. Reporters read
 * them by name through {@link #asMap()}; the order of that map is the report's column order.
 */
@NotState
public final class Costs {
    /** Bytes a strategy copied between pages (bounce buffers); not the {@code copy_from_user} a
     *  {@code write()} does anyway, nor jbd2's own frozen copies ({@link #bytesFrozenByJbd2}). */
    public long bytesCopied;
    /** The most bounce pages alive at once. */
    public long bouncePagesPeak;
    /** Bytes run through a checksum by the kernel and the device (generation and verification). */
    public long bytesChecksummed;
    /** Bytes the devices DMA'd from memory. */
    public long bytesTransferred;
    /** Bios a strategy submitted again. */
    public long resubmits;
    /** Write faults taken ({@code do_wp_page}). */
    public long faults;
    /** PTEs write-protected by {@code page_mkclean}. */
    public long pteWriteProtects;
    /** TLB flushes: one per PTE changed by {@code page_mkclean}, one per direct-map change. */
    public long tlbFlushes;
    /** Steps a writer spent asleep on writeback or a page lock, summed over writers. */
    public long writerStallSteps;
    /** Scheduler steps in the run. */
    public long steps;

    // The counters below are not §7's columns: they are what the cost relations and the timed
    // mode need to tell one mechanism's cost from another's (see details()).

    /** Bytes of bios handed to the device by {@code submit_bio}, resubmits included. */
    public long bytesSubmitted;
    /** Bytes the kernel generated tuples for on the CPU (the rest of bytesChecksummed is the device's). */
    public long bytesChecksummedByCpu;
    /** Bytes written by the workload itself: user stores, {@code copy_from_user}, journal updates. */
    public long bytesWrittenByTasks;
    /** {@code set_memory_ro} calls: direct-map entries made read-only. */
    public long setMemoryRo;
    /** {@code set_memory_rw} calls: direct-map entries made writable again. */
    public long setMemoryRw;
    /** The most times one bio was resubmitted. */
    public long maxResubmitsOfOneBio;
    /** Bios that completed with {@code BLK_STS_PROTECTION} (a leg's guard or ref tag did not verify). */
    public long protectionErrors;
    /** The part of writerStallSteps spent asleep on {@code PG_writeback}. */
    public long writerWritebackStallSteps;
    /**
     * Bytes jbd2 copied into frozen buffers ({@code jbd2_freeze_jh_data}): the kernel's own copy-out,
     * kept apart from {@link #bytesCopied}, which counts what a strategy copies.
     */
    public long bytesFrozenByJbd2;

    private long bouncePagesLive;

    /** A bounce page was allocated. */
    public void bounceAllocated() {
        bouncePagesLive++;
        bouncePagesPeak = Math.max(bouncePagesPeak, bouncePagesLive);
    }

    /** A bounce page was freed. */
    public void bounceFreed() {
        bouncePagesLive--;
    }

    /** Bounce pages not yet freed. */
    public long bouncePagesLive() {
        return bouncePagesLive;
    }

    /** Adds another run's counters to these: sums, except the peak, which is the higher of the two. */
    public void add(Costs o) {
        bytesCopied += o.bytesCopied;
        bouncePagesPeak = Math.max(bouncePagesPeak, o.bouncePagesPeak);
        bytesChecksummed += o.bytesChecksummed;
        bytesTransferred += o.bytesTransferred;
        resubmits += o.resubmits;
        faults += o.faults;
        pteWriteProtects += o.pteWriteProtects;
        tlbFlushes += o.tlbFlushes;
        writerStallSteps += o.writerStallSteps;
        steps += o.steps;
        bytesSubmitted += o.bytesSubmitted;
        bytesChecksummedByCpu += o.bytesChecksummedByCpu;
        bytesWrittenByTasks += o.bytesWrittenByTasks;
        setMemoryRo += o.setMemoryRo;
        setMemoryRw += o.setMemoryRw;
        maxResubmitsOfOneBio = Math.max(maxResubmitsOfOneBio, o.maxResubmitsOfOneBio);
        protectionErrors += o.protectionErrors;
        writerWritebackStallSteps += o.writerWritebackStallSteps;
        bytesFrozenByJbd2 += o.bytesFrozenByJbd2;
    }

    /** The counters by their §7 names, in report order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("bytesCopied", bytesCopied);
        m.put("bouncePagesPeak", bouncePagesPeak);
        m.put("bytesChecksummed", bytesChecksummed);
        m.put("bytesTransferred", bytesTransferred);
        m.put("resubmits", resubmits);
        m.put("faults", faults);
        m.put("pteWriteProtects", pteWriteProtects);
        m.put("tlbFlushes", tlbFlushes);
        m.put("writerStallSteps", writerStallSteps);
        m.put("steps", steps);
        return m;
    }

    /** The counters beyond §7's, by name, for the cost relations and the timed mode's CPU accounting. */
    public Map<String, Long> details() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("bytesSubmitted", bytesSubmitted);
        m.put("bytesChecksummedByCpu", bytesChecksummedByCpu);
        m.put("bytesWrittenByTasks", bytesWrittenByTasks);
        m.put("setMemoryRo", setMemoryRo);
        m.put("setMemoryRw", setMemoryRw);
        m.put("maxResubmitsOfOneBio", maxResubmitsOfOneBio);
        m.put("protectionErrors", protectionErrors);
        m.put("writerWritebackStallSteps", writerWritebackStallSteps);
        m.put("bytesFrozenByJbd2", bytesFrozenByJbd2);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
