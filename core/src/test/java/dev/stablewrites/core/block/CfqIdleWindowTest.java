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
        return new TestDisk(d -> {
            d.setElevator(true);
            d.setQueueDepth(32);
            CfqFifo.Tunables t = CfqFifo.Tunables.LINUX_3_8;
            d.setCfq(new CfqFifo(new CfqFifo.Tunables(t.fifoExpireAsyncNs(), t.fifoExpireSyncNs(), t.sliceAsyncNs(),
                    sliceIdleMs * 1e6, t.sliceSyncNs()), () -> now[0]));
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
        t.run();
        assertEquals(List.of(0L, FAR), t.completed);
        assertEquals(1, t.disk.idlesExpired(), "the timer fired: the queue expired and the async write went");
        assertEquals(Double.NEGATIVE_INFINITY, t.disk.idleTimerAt());
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

    @Test
    void aWriteSyncWithAnotherTasksQueuedBehindIt_doesNotIdle() {
        // One tag, and every completion held: B's write stays queued until A's completes.
        double[] completesAt = {12e6};
        TestDisk t = new TestDisk(d -> {
            d.setElevator(true);
            d.setQueueDepth(1);
            d.setCfq(new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> now[0]));
            d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> completesAt[0]);
        });
        t.write(a, 0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        t.write(b, 8, Bio.Origin.METADATA, Bio.Flag.SYNC);
        now[0] = 12e6;
        t.run(t.disk.heldCompletions().actor()); // A completes with B queued: not alone on the tree; then B runs
        assertEquals(List.of(0L), t.completed.subList(0, 1));
        assertEquals(1, t.disk.idlesArmed(), "B's completion, alone, arms it; A's did not");
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
