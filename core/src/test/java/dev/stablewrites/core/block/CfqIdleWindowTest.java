package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.sched.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CFQ's idle window (3.8): when a task's lone {@code WRITE_SYNC} write completes, CFQ arms
 * {@code idle_slice_timer} at {@code jiffies + slice_idle} and dispatches nothing until it fires, the
 * task's next request comes, another task's {@code WRITE_SYNC} request preempts, or a request within
 * {@code CFQQ_CLOSE_THR} of the last one's end does. Jiffies are 4 ms ({@code HZ=250}): a completion at
 * 10 ms (jiffy 2) arms the timer for jiffy 4, 16 ms.
 */
class CfqIdleWindowTest {
    private static final double ARMED_AT = 10e6;
    private static final double FIRES_AT = 16e6;
    private static final long FAR = 16_000; // more than 8,192 sectors from the metadata write's end
    private final Actor a = new Actor('A', "client A", Actor.Kind.WRITER);
    private final Actor b = new Actor('B', "client B", Actor.Kind.WRITER);
    private final double[] now = {ARMED_AT};

    private TestDisk disk(double sliceIdleMs) {
        return disk(sliceIdleMs, 250);
    }

    private TestDisk disk(double sliceIdleMs, int hz) {
        return new TestDisk(d -> {
            d.setElevator(true);
            d.setQueueDepth(32);
            CfqFifo.Tunables t = CfqFifo.Tunables.LINUX_3_8;
            d.setCfq(new CfqFifo(new CfqFifo.Tunables(t.fifoExpireAsyncNs(), t.fifoExpireSyncNs(), t.sliceAsyncNs(),
                    sliceIdleMs * 1e6, t.sliceSyncNs(), hz), () -> now[0]));
        });
    }

    /** Client A's metadata write at sector 0 runs alone and completes at 10 ms, as the timed clock reports it. */
    private TestDisk afterALoneWriteSync(double sliceIdleMs) {
        TestDisk t = disk(sliceIdleMs);
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        t.disk.completedAt(ARMED_AT);
        return t;
    }

    @Test
    void aLoneWriteSyncCompletes_theTimerIsArmedForJiffiesPlusSliceIdle_andAFarAsyncWriteWaitsForIt() {
        TestDisk t = afterALoneWriteSync(8);
        assertEquals(FIRES_AT, t.disk.idleTimerAt(), "jiffy 2 + 2 jiffies");
        assertEquals(1, t.disk.idlesArmed());
        t.write(FAR);
        assertEquals(FIRES_AT, t.disk.idleTimerAt(), "a far async write does not end the wait");
        assertTrue(t.disk.ready(), "the disk has work once the timer fires: the timed clock starts it then");
        t.runSteps(5);
        assertEquals(List.of(0L), t.completed, "loaded before its timer, the disk dispatches nothing");
        now[0] = FIRES_AT;
        t.run();
        assertEquals(List.of(0L, FAR), t.completed);
        assertEquals(1, t.disk.idlesExpired(), "the timer fired: the queue expired and the async write went");
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt());
    }

    @Test
    void atHz1000_theTimerIsEightJiffiesOn() {
        TestDisk t = disk(8, 1000);
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        t.disk.completedAt(ARMED_AT); // jiffy 10 of 1 ms
        assertEquals(18e6, t.disk.idleTimerAt(), "slice_idle is 8 jiffies at HZ=1000");
    }

    @Test
    void theTasksNextWriteSync_endsTheWait_andGoesFirst() {
        TestDisk t = afterALoneWriteSync(8);
        t.write(FAR);
        t.write(a, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt(), "cfq_rq_enqueued: the active queue's request");
        t.run();
        assertEquals(List.of(0L, 8L, FAR), t.completed);
        assertEquals(0, t.disk.idlesExpired());
    }

    @Test
    void anotherTasksWriteSync_preempts() {
        TestDisk t = afterALoneWriteSync(8);
        t.write(b, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt(), "service_tree->count == 2, the active queue empty");
        t.run();
        assertEquals(0, t.disk.idlesExpired());
    }

    @Test
    void anAsyncWriteCloseToTheLastOnesEnd_preempts() {
        TestDisk t = afterALoneWriteSync(8);
        t.write(8 + CfqIdleWindow.CLOSE_SECTORS);
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt(), "cfq_rq_close: within CFQQ_CLOSE_THR of 8");
        TestDisk far = afterALoneWriteSync(8);
        far.write(8 + CfqIdleWindow.CLOSE_SECTORS + 1);
        assertEquals(FIRES_AT, far.disk.idleTimerAt(), "one sector further is not close");
    }

    @Test
    void sliceIdleZero_neverIdles() {
        TestDisk t = afterALoneWriteSync(0);
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt());
        assertEquals(0, t.disk.idlesArmed());
    }

    /** A disk of {@code depth} tags whose drive holds every write's completion until {@code completesAt[0]}. */
    private TestDisk holding(int depth, double[] completesAt) {
        return new TestDisk(d -> {
            d.setElevator(true);
            d.setQueueDepth(depth);
            d.setCfq(new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> now[0]));
            d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> completesAt[0]);
        });
    }

    @Test
    void aWriteSyncWithAnotherTasksQueuedBehindIt_doesNotIdle() {
        // One tag, every completion held. A's second write is queued when B's comes, so B does not preempt
        // A's queue; A's last write then completes with B's queued: two queues on the tree, no idling.
        double[] completesAt = {12e6};
        TestDisk t = holding(1, completesAt);
        now[0] = 0; // three arrivals 2 jiffies after the tree's start would make its think time big (3 > 2)
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        t.write(a, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.write(b, 16, Bio.Origin.METADATA, Bio.Flag.SYNC);
        now[0] = 12e6;
        t.run(t.disk.heldCompletions().actor());
        assertEquals(List.of(0L, 8L, 16L), t.completed);
        assertEquals(1, t.disk.idlesArmed(), "only B's completion, alone on the tree, arms the timer");
    }

    @Test
    void aQueueWithAnotherWriteInFlight_doesNotIdleUntilItsLastCompletes() {
        double[] completesAt = {12e6};
        TestDisk t = holding(32, completesAt);
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.write(a, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run(); // both in the drive, their completions held
        now[0] = 12e6;
        t.runSteps(2, t.disk.heldCompletions().actor()); // the first completes: cfqq->dispatched is still 1
        assertEquals(List.of(0L), t.completed);
        assertEquals(0, t.disk.idlesArmed());
        t.run(t.disk.heldCompletions().actor());
        assertEquals(1, t.disk.idlesArmed(), "the last one's completion arms it");
    }

    @Test
    void aUsedSlice_expiresInsteadOfIdling() {
        TestDisk t = afterALoneWriteSync(8); // the slice ends 25 jiffies (100 ms) after this first completion
        t.write(a, 8, Bio.Origin.METADATA, Bio.Flag.SYNC); // the task's next write: same queue, same slice
        t.run();
        t.disk.completedAt(ARMED_AT + 100e6); // jiffy 27 = slice_end: cfq_slice_used
        assertEquals(1, t.disk.idlesArmed(), "the second completion found the slice used");
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt());
    }

    @Test
    void aTaskWhoseThinkTimeExceedsWhatIsLeftOfItsSlice_doesNotIdle() {
        // cfq_arm_slice_timer: "If our average think time is larger than the remaining time slice, then don't
        // idle." Writes 100 ms apart, each think time capped at 4 jiffies (2 * slice_idle), then one at once: a
        // mean of 3 jiffies over 139 samples (__cfq_update_io_thinktime's sums), valid.
        CfqIdleWindow w = new CfqIdleWindow(8e6, 100e6, 250);
        for (int k = 0; k < 4; k++) {
            double t = k * 100e6;
            w.syncArrived(a, t);
            w.dispatchedNoidle(a);
            w.completed(a, t + 1e6, true, 1, true);
            w.fire(); // nothing came: the timer ran out and the queue expired
        }
        w.syncArrived(a, 400e6); // jiffy 100
        w.dispatchedNoidle(a);
        w.completed(a, 401e6, true, 1, true); // the slice's first completion: it ends at jiffy 125
        assertEquals(5, w.armed());
        w.syncArrived(a, 401e6); // the task's next write at once: the wait ends, the queue keeps its slice
        w.arrivedWhileIdling(a, true, false);
        w.dispatchedNoidle(a);
        w.completed(a, 493e6, true, 1, true); // jiffy 123: 2 jiffies left, under the mean of 3
        assertEquals(5, w.armed(), "not armed");
        assertEquals(a, w.active(), "still the active queue: its slice is not used");
    }

    @Test
    void aTimerWhoseTimeHasPassed_firedBeforeTheTasksNextWrite_whichStartsANewSlice() {
        TestDisk t = afterALoneWriteSync(8);
        now[0] = 30e6; // nothing else queued: no disk step fired it at 16 ms, but the kernel's timer did
        t.write(a, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        assertEquals(1, t.disk.idlesExpired(), "cfq_idle_slice_timer expired the queue at 16 ms");
    }

    @Test
    void anotherQueueServed_endsTheSlice_soTheTasksNextWriteStartsAFreshOne() {
        CfqIdleWindow w = new CfqIdleWindow(8e6, 100e6, 250);
        w.dispatchedNoidle(a);
        w.completed(a, 10e6, true, 1, false); // not idling (say, not alone): its slice ends at jiffy 27
        w.dispatchedOther(); // another queue was made active
        w.dispatchedNoidle(a);
        w.completed(a, 200e6, true, 1, true); // jiffy 50: a new slice, so not used
        assertEquals(1, w.armed());
    }

    @Test
    void withFiveBusyQueues_lowLatencyShrinksTheSlice() {
        // cfq_scaled_cfqq_slice: busy_queues_avg (3 * 5 + 0 + 2) / 4 = 4; 25 jiffies x 4 > 75, so the slice is
        // max(25 * 75 / 100, 4) = 18 jiffies from the first completion at jiffy 2: used at jiffy 20.
        CfqIdleWindow w = new CfqIdleWindow(8e6, 100e6, 250);
        w.dispatchedNoidle(a);
        w.completed(a, 10e6, true, 5, true);
        w.arrivedWhileIdling(a, true, false);
        w.dispatchedNoidle(a);
        w.completed(a, 80e6, true, 5, true); // jiffy 20
        assertEquals(1, w.armed(), "the second completion found the scaled slice used (unscaled, it ends at 27)");
    }

    @Test
    void whileTheDriveHoldsOtherCommands_theHostHandsItNothingDuringTheWait() {
        // O_DIRECT writes of task C are taken beside A's metadata write; A completes first and the timer is
        // armed while the drive still holds them. Another task's far O_DIRECT write (no REQ_NOIDLE: no
        // preemption) then waits in the host queue until the timer fires, though it is nearest the head.
        Actor c = new Actor('C', "O_DIRECT writer", Actor.Kind.WRITER);
        Actor e = new Actor('E', "another O_DIRECT writer", Actor.Kind.WRITER);
        TestDisk t = disk(8);
        t.write(c, 20_000, Bio.Origin.DIRECT_IO, Bio.Flag.SYNC);
        t.write(c, 30_000, Bio.Origin.DIRECT_IO, Bio.Flag.SYNC);
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.runSteps(8); // the drive takes all three and writes A's, nearest the head, whole
        assertEquals(List.of(0L), t.completed);
        t.disk.completedAt(ARMED_AT);
        assertEquals(1, t.disk.idlesArmed());
        t.write(e, 10_000, Bio.Origin.DIRECT_IO, Bio.Flag.SYNC);
        t.runSteps(16); // C's two writes, from the drive's own queue
        assertEquals(List.of(0L, 20_000L, 30_000L), t.completed, "nothing from the host while the timer is armed");
        now[0] = FIRES_AT;
        t.run();
        assertEquals(List.of(0L, 20_000L, 30_000L, 10_000L), t.completed);
    }

    @Test
    void aPreemptedQueue_doesNotIdleWhenItsWriteCompletes_thePreemptingOneDoes() {
        double[] completesAt = {12e6};
        TestDisk t = new TestDisk(d -> {
            d.setElevator(true);
            d.setQueueDepth(32);
            d.setCfq(new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> now[0]));
            d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> completesAt[0]);
        });
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run(); // A's write is in flight, held
        completesAt[0] = 14e6;
        t.write(b, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run(); // B preempts A's empty queue and goes to the drive beside it
        t.run(t.disk.heldCompletions().actor());
        assertEquals(List.of(0L, 8L), t.completed);
        assertEquals(1, t.disk.idlesArmed(), "A's queue was expired by B's arrival; B's completion arms the timer");
        assertEquals(20e6, t.disk.idleTimerAt(), "B completed at 14 ms, jiffy 3: the timer fires at jiffy 5");
    }
}
