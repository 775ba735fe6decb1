package dev.stablewrites.core.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact cost counters of one run (DESIGN.md §7), kept by the model as it runs. Reporters read
 * them by name through {@link #asMap()}; the order of that map is the report's column order.
 */
public final class Costs {
    /** Bytes the I/O path copied between pages (bounce buffers, frozen copies); not the
     *  {@code copy_from_user} a {@code write()} does anyway. */
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

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
