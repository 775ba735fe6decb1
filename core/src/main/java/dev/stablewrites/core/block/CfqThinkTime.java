package dev.stablewrites.core.block;

/**
 * The think time of CFQ's sync-noidle service tree (Linux 3.8, block/cfq-iosched.c), which
 * {@code cfq_should_idle} reads for a {@code WRITE_SYNC} queue (REQ_NOIDLE, so no idle window of its
 * own): the queue idles, and so holds back until the drive's async writes have drained, only when it
 * is alone on its tree and the tree's think time is not big. Kept in jiffies, as the kernel keeps it,
 * at the cost model's {@code kernel.hz} (250, kernel/Kconfig.hz's default; an estimate for the 2013
 * machine, whose configuration the commit does not give).
 *
 * <ul>
 *   <li>{@code __cfq_update_io_thinktime}, at each request's arrival: {@code elapsed = jiffies -
 *       last_end_request}, at most {@code 2 * slice_idle}; {@code ttime_samples = (7*samples + 256) / 8},
 *       {@code ttime_total = (7*total + 256*elapsed) / 8}, {@code ttime_mean = (total + 128) / samples}.</li>
 *   <li>{@code cfq_completed_request} sets {@code last_end_request} when a sync request of the tree completes.</li>
 *   <li>{@code cfq_io_thinktime_big}: false until {@code sample_valid} ({@code samples > 80}), then
 *       {@code ttime_mean > slice_idle}.</li>
 * </ul>
 */
final class CfqThinkTime {
    private final double jiffyNs;
    private final long sliceIdle;
    /** {@code last_end_request}, in jiffies: {@code CFQ_RB_ROOT} sets it to jiffies at init, which is 0 here. */
    private long lastEndRequest;
    private long samples;
    private long total;
    private long mean;

    /**
     * @param sliceIdleNs {@code slice_idle}, in nanoseconds (8 ms: {@code cfq_slice_idle = HZ / 125})
     * @param jiffyNs     one jiffy, {@code 1 / HZ}, in nanoseconds
     */
    CfqThinkTime(double sliceIdleNs, double jiffyNs) {
        this.jiffyNs = jiffyNs;
        this.sliceIdle = (long) Math.ceil(sliceIdleNs / jiffyNs); // msecs_to_jiffies rounds up
    }

    private long jiffies(double ns) {
        return (long) Math.floor(ns / jiffyNs);
    }

    /** A request of the tree arrives at {@code nowNs}. */
    void arrived(double nowNs) {
        long elapsed = Math.min(jiffies(nowNs) - lastEndRequest, 2 * sliceIdle);
        samples = (7 * samples + 256) / 8;
        total = (7 * total + 256 * elapsed) / 8;
        mean = (total + 128) / samples;
    }

    /** A sync request of the tree completed at {@code nowNs}. */
    void completed(double nowNs) {
        lastEndRequest = jiffies(nowNs);
    }

    /** {@code cfq_io_thinktime_big}. */
    boolean big() {
        return valid() && mean > sliceIdle;
    }

    /** {@code sample_valid(ttime_samples)}: more than 80 samples. */
    boolean valid() {
        return samples > 80;
    }

    /** {@code ttime_mean}, in jiffies. */
    long mean() {
        return mean;
    }


}
