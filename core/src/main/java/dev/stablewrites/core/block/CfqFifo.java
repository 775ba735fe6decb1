package dev.stablewrites.core.block;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The deadline Linux 3.8's CFQ I/O scheduler keeps on a queue of writes ({@code block/cfq-iosched.c}),
 * for a timed disk whose queue is otherwise an elevator's sweep.
 *
 * <p>What it follows, function by function (read in a 2.6.3x tree and in a 3.10 tree, on both sides of
 * 3.8, where these functions and values agree):
 * <ul>
 *   <li>{@code cfq_insert_request} stamps each request with {@code jiffies + cfq_fifo_expire[rq_is_sync(rq)]}
 *       ({@code cfq_fifo_expire[2] = { HZ / 4, HZ / 8 }}: 250 ms async, 125 ms sync) and appends it to
 *       its queue's {@code fifo} list.</li>
 *   <li>{@code cfq_dispatch_request} dispatches {@code cfq_check_fifo(cfqq)} if it returns a request,
 *       else the sorted pick {@code cfqq->next_rq}. {@code cfq_check_fifo} looks only once per slice
 *       (the {@code fifo_expire} flag, which {@code __cfq_set_active_queue} clears) and only at the
 *       oldest request ({@code cfqq->fifo.next}), returning it if its time has passed.</li>
 *   <li>Every writer's async writes share one queue ({@code cfq_get_queue}: {@code async_cfqq[class][ioprio]},
 *       the same for the default best-effort priority 4 of every task), so the model's single queue
 *       of writes is that queue.</li>
 *   <li>A slice starts when the queue is made active; its end is set when its first request completes
 *       ({@code cfq_completed_request}: {@code cfq_set_prio_slice} while {@code slice_new}) to
 *       {@code cfq_slice_async} later ({@code HZ / 25}, 40 ms; {@code cfq_prio_slice} adds nothing at
 *       priority 4). The slice ends when that time is used ({@code cfq_select_queue}: {@code cfq_slice_used}),
 *       when the queue runs empty (an async queue does not idle), or when a sync request arrives
 *       ({@code cfq_should_preempt}: "if the new request is sync, but the currently running queue is
 *       not, let the sync request have priority").</li>
 * </ul>
 *
 * <p>Beside it, {@link Disk} keeps both rules of {@code cfq_may_dispatch}: an async request waits while
 * any sync request is in flight, and, "Drain async requests before we start sync IO", a
 * {@code WRITE_SYNC} request for which {@code cfq_should_idle} holds (alone on the sync-noidle
 * service tree, its think time not big: {@link CfqThinkTime}) waits while any async request is.
 *
 * <p>Left out, and why: {@code cfq_slice_async_rq} (an async slice ends after
 * {@code cfq_prio_to_maxrq} = 16 dispatches, but only when other queues are busy, and a busy sync
 * queue here has already preempted it); {@code cfq_quantum} (with the async queue the only busy one,
 * {@code cfq_may_dispatch} lifts the limit: "Sole queue user, no limit"); the async depth ramp after a
 * sync request was delayed 125 ms ({@code cfq_may_dispatch}: depth = time since then /
 * {@code cfq_slice_sync}, HZ / 10; {@code last_delayed_sync} moves when any sync request, read or
 * write, completes 125 ms or more after it started: the model's reads wait only for the command in
 * progress, and in dbench, seed 1, the longest sync write took 66.9 ms from submission to completion,
 * over more than 4,200); the
 * {@code low_latency} scaling of the slice when more than three queues are busy; the inside of each
 * task's sync queue (a write marked {@code REQ_SYNC}, as every O_DIRECT write is, WRITE_ODIRECT, goes to
 * its task's own queue, {@code cfq_get_queue(is_sync)}, served before the async queue in the order the
 * sync queues became busy: the disk dispatches the oldest sync write first, which is that order while
 * each writer has one write in flight, as the timed O_DIRECT writers do; a queue sorting several of its
 * writes, and {@code cfq_slice_idle}, which would idle on O_DIRECT's queues, as WRITE_ODIRECT has no
 * REQ_NOIDLE, are left out).
 * After an expired request, CFQ's sweep goes on from it ({@code cfq_dispatch_insert} sets
 * {@code next_rq = cfq_find_next_rq(cfqd, cfqq, rq)}), as the disk's sweep does from the head.
 *
 * <p>Timed runs only: the clock says "now". An explored run has none, and its disk keeps arrival order.
 */
public final class CfqFifo {
    /**
     * CFQ's tunables that the model reads ({@code /sys/block/DEV/queue/iosched/}), in nanoseconds.
     *
     * @param fifoExpireAsyncNs {@code fifo_expire_async}: {@code cfq_fifo_expire[0]}, HZ / 4
     * @param fifoExpireSyncNs  {@code fifo_expire_sync}: {@code cfq_fifo_expire[1]}, HZ / 8
     * @param sliceAsyncNs      {@code slice_async}: {@code cfq_slice_async}, HZ / 25
     * @param sliceIdleNs       {@code slice_idle}: {@code cfq_slice_idle}, HZ / 125 (see {@link CfqThinkTime})
     * @param sliceSyncNs       {@code slice_sync}: {@code cfq_slice_sync}, HZ / 10 (see {@link CfqIdleWindow})
     * @param hz                the kernel's {@code HZ} ({@code CONFIG_HZ}, not a tunable): the jiffy the
     *                          think times, the idle timer and the slices are counted in
     */
    public record Tunables(double fifoExpireAsyncNs, double fifoExpireSyncNs, double sliceAsyncNs, double sliceIdleNs,
                           double sliceSyncNs, int hz) {
        /** Linux 3.8's defaults, at Kconfig's default HZ, 250. */
        public static final Tunables LINUX_3_8 = new Tunables(250e6, 125e6, 40e6, 8e6, 100e6, 250);
    }

    private final Tunables t;
    private final DoubleSupplier clock;
    /** {@code rq_fifo_time} of each queued request. */
    private final Map<Bio, Double> fifoTime = new IdentityHashMap<>();
    private boolean sliceActive;
    /** {@code cfq_cfqq_fifo_expire}: the FIFO was looked at in this slice. */
    private boolean fifoChecked;
    /** {@code slice_end}; NaN while {@code slice_new} (no request of the slice has completed). */
    private double sliceEnd = Double.NaN;
    /** The slice's first completion happened; its time is still to come ({@link #completedAt}). */
    private boolean awaitingCompletionTime;
    private long expiredDispatches;
    private long slices;

    /** @param clock the current simulated time, in nanoseconds */
    public CfqFifo(Tunables tunables, DoubleSupplier clock) {
        this.t = tunables;
        this.clock = clock;
    }

    /** {@code cfq_insert_request}: the request's FIFO time. */
    void inserted(Bio bio) {
        double expire = bio.hasFlag(Bio.Flag.SYNC) ? t.fifoExpireSyncNs() : t.fifoExpireAsyncNs();
        fifoTime.put(bio, clock.getAsDouble() + expire);
    }

    /**
     * The request to dispatch ahead of the sweep's pick, if any: {@code cfq_select_queue} (a used
     * slice ends, a new one starts) then {@code cfq_check_fifo}. {@code queue} is in arrival order
     * and not empty; the caller removes what it dispatches and calls {@link #dispatched}.
     */
    Bio expired(ArrayDeque<Bio> queue) {
        double now = clock.getAsDouble();
        if (sliceActive && !Double.isNaN(sliceEnd) && now >= sliceEnd) {
            sliceActive = false; // cfq_slice_used: expire it; the queue is chosen again at once
        }
        if (!sliceActive) {
            sliceActive = true; // __cfq_set_active_queue
            fifoChecked = false;
            sliceEnd = Double.NaN;
            slices++;
        }
        if (fifoChecked) {
            return null;
        }
        fifoChecked = true;
        Bio oldest = queue.peekFirst();
        Double due = fifoTime.get(oldest);
        if (due == null || now < due) {
            return null;
        }
        expiredDispatches++;
        return oldest;
    }

    /** The request left the scheduler for the drive; {@code emptied}: it was the last one queued. */
    void dispatched(Bio bio, boolean emptied) {
        fifoTime.remove(bio);
        if (emptied) {
            sliceActive = false; // an async queue does not idle: its slice ends with its last request
        }
    }

    /**
     * {@code cfq_completed_request}: the slice's first completion sets its end, counted from the
     * moment the request completes (the interrupt), which the timed clock knows only once it has
     * priced the command: it passes it to {@link #completedAt}. Until then the slice has no end.
     */
    void completed() {
        awaitingCompletionTime = sliceActive && Double.isNaN(sliceEnd);
    }

    /** When the request {@link #completed} reported completes, in simulated nanoseconds. */
    void completedAt(double nanos) {
        if (awaitingCompletionTime && sliceActive && Double.isNaN(sliceEnd)) {
            sliceEnd = nanos + t.sliceAsyncNs();
        }
        awaitingCompletionTime = false;
    }

    /** The current simulated time. */
    double now() {
        return clock.getAsDouble();
    }

    /** The tunables this CFQ runs with. */
    Tunables tunables() {
        return t;
    }

    /** A sync request arrived: {@code cfq_should_preempt} ends the async slice. */
    void preempted() {
        sliceActive = false;
    }

    /** Requests dispatched because their FIFO time had passed. */
    public long expiredDispatches() {
        return expiredDispatches;
    }

    /** Slices the queue of writes was given. */
    public long slices() {
        return slices;
    }
}
