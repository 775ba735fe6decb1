package dev.stablewrites.core.block;

import dev.stablewrites.core.sched.Actor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * CFQ's idle window on a task's {@code WRITE_SYNC} queue (Linux 3.8, block/cfq-iosched.c): when such a
 * queue's last request completes and the queue should idle, CFQ dispatches nothing for up to
 * {@code slice_idle}, waiting for the same task's next request, while the drive's async writes wait.
 *
 * <ul>
 *   <li>The queue is the active one from its first dispatch ({@code cfq_set_active_queue}) until another
 *       queue is chosen ({@code cfq_select_queue} expires it), preempts it, or its idle timer fires.</li>
 *   <li>{@code cfq_completed_request}, for the active queue: the slice's first completion sets its end
 *       ({@code cfq_set_prio_slice}: {@code cfq_scaled_cfqq_slice}); a used slice expires the queue; else,
 *       the queue empty, {@code cfq_arm_slice_timer} arms {@code idle_slice_timer} at
 *       {@code jiffies + slice_idle} when {@code cfq_should_idle} holds (alone on the sync-noidle tree,
 *       its think time not big), nothing of the queue is in flight, and the task's own think time fits in
 *       what is left of the slice.</li>
 *   <li>{@code cfq_rq_enqueued}: a request of the active queue ends the wait and is dispatched; another
 *       task's {@code WRITE_SYNC} request preempts the queue ({@code cfq_should_preempt}:
 *       "service_tree->count == 2 && RB_EMPTY_ROOT(&cfqq->sort_list)"), and so does any request within
 *       {@code CFQQ_CLOSE_THR} (8,192 sectors) of where the last dispatched request ended
 *       ({@code cfq_rq_close}, checked while the queue waits).</li>
 *   <li>{@code cfq_idle_slice_timer}: the queue expires and the async queue is served.</li>
 * </ul>
 *
 * <p>Left out: {@code cfq_close_cooperator} (a cooperating queue is another task's queued sync request,
 * which already makes the queue not alone) and group idling ({@code cfq_group_idle}: armed only when
 * no other queue is busy, and then any request preempts it, as the queue should not idle). Kept in
 * jiffies of the cost model's {@code kernel.hz}, as {@link CfqThinkTime}. Timed runs only.
 */
final class CfqIdleWindow {
    /** {@code CFQQ_CLOSE_THR}: a request this close to the last one's end preempts an idling queue. */
    static final long CLOSE_SECTORS = 8 * 1024;
    /** {@code cfq_hist_divisor}. */
    private static final long HIST_DIVISOR = 4;

    private final double jiffyNs;
    /** {@code cfq_target_latency = HZ * 3/10} (a constant in 3.8), in jiffies. */
    private final long targetLatency;
    private final long sliceIdle;
    private final long sliceSync;
    /** The task whose {@code WRITE_SYNC} queue is CFQ's active queue; null: another queue is. */
    private Actor active;
    /** {@code slice_end}, in jiffies; -1 while {@code slice_new}. */
    private long sliceEnd = -1;
    /** {@code busy_queues_avg[BE]} of the one group. */
    private long busyAvg;
    /** When {@code idle_slice_timer} fires, in nanoseconds; NaN: not armed. */
    private double timerAt = Double.NaN;
    /** Each task's own think time ({@code cic->ttime}). */
    private final Map<Actor, CfqThinkTime> taskThinkTime = new IdentityHashMap<>();
    private long armed;
    private long expired;

    /**
     * @param sliceIdleNs {@code slice_idle}, in nanoseconds (0: CFQ never idles)
     * @param sliceSyncNs {@code slice_sync}, in nanoseconds
     * @param hz          the kernel's {@code HZ}: CFQ counts in jiffies
     */
    CfqIdleWindow(double sliceIdleNs, double sliceSyncNs, int hz) {
        this.jiffyNs = 1e9 / hz;
        this.sliceIdle = (long) Math.ceil(sliceIdleNs / jiffyNs);
        this.sliceSync = (long) Math.ceil(sliceSyncNs / jiffyNs);
        this.targetLatency = hz * 3L / 10;
    }

    private long jiffies(double ns) {
        return (long) Math.floor(ns / jiffyNs);
    }

    /** The task whose {@code WRITE_SYNC} queue is active, or null. */
    Actor active() {
        return active;
    }

    /** Whether the idle timer is armed: CFQ dispatches nothing new until it fires or a request ends the wait. */
    boolean idling() {
        return !Double.isNaN(timerAt);
    }

    /** When the armed timer fires, in nanoseconds. */
    double timerAt() {
        return timerAt;
    }

    /** A sync request of {@code task} arrives at {@code nowNs}: {@code cfq_update_io_thinktime} for its own think time. */
    void syncArrived(Actor task, double nowNs) {
        taskThinkTime.computeIfAbsent(task, t -> new CfqThinkTime(sliceIdle * jiffyNs, jiffyNs)).arrived(nowNs);
    }

    /**
     * {@code cfq_rq_enqueued} while the timer is armed: the active task's own {@code WRITE_SYNC} request
     * ends the wait with its queue still active; another task's, or a request this close to the last
     * one, preempts the queue.
     */
    void arrivedWhileIdling(Actor task, boolean noidle, boolean close) {
        if (noidle && task == active) {
            timerAt = Double.NaN; // cfq_del_timer: the queue keeps its slice and dispatches the request
        } else if (noidle || close) {
            expire();
        }
    }

    /** {@code cfq_dispatch_insert} of a {@code WRITE_SYNC} write of {@code task}: its queue is (or stays) active. */
    void dispatchedNoidle(Actor task) {
        if (task != active) {
            active = task; // __cfq_set_active_queue: a new slice, slice_new
            sliceEnd = -1;
        }
    }

    /** Any other request dispatched: another queue is active. */
    void dispatchedOther() {
        expire();
    }

    /**
     * {@code cfq_completed_request} of a sync request of {@code task} at {@code nowNs}.
     *
     * @param noidle     the request was a {@code WRITE_SYNC} write
     * @param busy       {@code cfq_group_busy_queues_wl}: best-effort queues on the service trees
     * @param queueIdles the queue is empty, nothing of it is in flight, and {@code cfq_should_idle} holds
     */
    void completed(Actor task, double nowNs, boolean noidle, long busy, boolean queueIdles) {
        CfqThinkTime own = taskThinkTime.get(task);
        if (own != null) {
            own.completed(nowNs);
        }
        if (!noidle || task != active) {
            return;
        }
        long now = jiffies(nowNs);
        if (sliceEnd < 0) {
            sliceEnd = now + scaledSlice(busy); // cfq_set_prio_slice
        }
        if (now >= sliceEnd) {
            expire(); // cfq_slice_used: "time_before(jiffies, cfqq->slice_end)" no longer
            return;
        }
        if (!queueIdles || sliceIdle == 0) {
            return;
        }
        if (own != null && own.valid() && sliceEnd - now < own.mean()) {
            return; // "If our average think time is larger than the remaining time slice, then don't idle."
        }
        timerAt = (now + sliceIdle) * jiffyNs; // mod_timer(jiffies + sl): fires on that tick
        armed++;
    }

    /** {@code cfq_idle_slice_timer}: the queue expires. */
    void fire() {
        expired++;
        expire();
    }

    private void expire() {
        active = null;
        timerAt = Double.NaN;
        sliceEnd = -1;
    }

    /**
     * {@code cfq_scaled_cfqq_slice} at priority 4 (so {@code cfq_prio_slice} is {@code slice_sync}), with
     * {@code low_latency} on: when {@code slice_sync} times the busy queues' average exceeds the group's
     * share of {@code cfq_target_latency} (all of it, one group), the slice shrinks to fit, to no less than
     * {@code 2 * slice_idle}. {@code cfq_group_get_avg_queues} updates the average as it reads it.
     */
    private long scaledSlice(long busy) {
        long min = Math.min(busyAvg, busy);
        long max = Math.max(busyAvg, busy);
        busyAvg = ((HIST_DIVISOR - 1) * max + min + HIST_DIVISOR / 2) / HIST_DIVISOR;
        long slice = sliceSync;
        long expectLatency = sliceSync * busyAvg;
        if (expectLatency > targetLatency) {
            long lowSlice = Math.min(slice, 2 * sliceIdle * slice / sliceSync);
            slice = Math.max(slice * targetLatency / expectLatency, lowSlice);
        }
        return slice;
    }

    /** Idle timers armed so far. */
    long armed() {
        return armed;
    }

    /** Idle timers that fired: nothing ended the wait, and the queue expired. */
    long expired() {
        return expired;
    }
}
