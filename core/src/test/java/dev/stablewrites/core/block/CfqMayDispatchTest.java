package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.sched.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CFQ's {@code cfq_may_dispatch} (3.8): "If this is an async queue and we have sync IO in flight, let
 * it wait", so an NCQ drive with tags to spare takes no async write while a sync one it holds has not
 * completed; and "Drain async requests before we start sync IO", so a {@code WRITE_SYNC} write alone
 * on its service tree, whose think time is not big, waits while the drive holds async writes.
 */
class CfqMayDispatchTest {
    /** Simulated now, and when the drive completes the next write it holds. */
    private final double[] now = {0};
    private final double[] completesAt = {1e6};
    private final TestDisk t = new TestDisk(d -> {
        d.setElevator(true);
        d.setQueueDepth(32);
        d.setCfq(new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> now[0]));
        d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> completesAt[0]); // every write waits
    });
    private final HeldCompletions held = t.disk.heldCompletions();

    /** A WRITE_SYNC metadata write at sector 0, then two async writebacks. */
    private void syncThenAsync() {
        t.write(0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.write(8);
        t.write(16);
    }

    @Test
    void whileASyncWriteIsInFlight_noAsyncWriteIsDispatched() {
        syncThenAsync();
        t.run();
        assertEquals(1, t.disk.commands(), "the sync write is held by the drive: the async ones wait in the host queue");
        assertEquals(3, t.disk.pending());
    }

    @Test
    void onceItCompletes_theAsyncWritesGo() {
        syncThenAsync();
        t.run(held.actor());
        assertEquals(List.of(0L, 8L, 16L), t.completed);
        assertEquals(3, t.disk.commands());
    }

    @Test
    void aSyncWriteQueued_goesToTheDriveBesideOneInFlight_theAsyncOneStillWaits() {
        t.write(0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.write(8);
        t.write(16, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        // The rule holds back async queues only ("!cfq_cfqq_sync(cfqq)"): the second sync write goes too.
        assertEquals(2, t.disk.commands(), "both sync writes taken, the async one left in the host queue");
        assertEquals(2, held.holds());
        assertEquals(3, t.disk.pending());
    }

    @Test
    void aLoneWriteSync_waitsForTheAsyncWritesTheDriveHolds_thenGoes() {
        t.write(8);
        t.run(); // the async write is taken and held
        t.write(0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        assertEquals(1, t.disk.commands(), "the async write is in the drive: the metadata write waits for it to drain");
        t.run(held.actor());
        assertEquals(List.of(8L, 0L), t.completed);
        assertEquals(1, t.disk.drainWaits(), "one write waited, counted once however often it was asked");
    }

    @Test
    void twoWriteSyncsQueued_theFirstIsNotAlone_theSecondIsOnceTheFirstIsInFlight() {
        t.write(8);
        t.run(); // the async write is taken and held
        t.write(0, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.write(16, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        // Two queues on the sync-noidle tree: the first goes beside the async write. The second then has the tree
        // to itself (the first queue, empty, is expired: cfq_should_preempt) and waits for the drain.
        assertEquals(2, t.disk.commands());
        t.run(held.actor());
        assertEquals(List.of(8L, 0L, 16L), t.completed);
        assertEquals(1, t.disk.drainWaits(), "the second waited, the first did not");
    }

    /**
     * Four sync writes 100 ms apart, each completed {@code completedAfterNs} after it came; then, at
     * {@code thenNs}, an async write the drive holds and a lone sync write. Returns the commands the
     * lone write added: 0 if it waits for the drain, 1 if it goes beside the async write.
     */
    private long loneSyncAfterFourSpacedOnes(double completedAfterNs, double thenNs) {
        return loneSyncAfterFourSpacedOnes(completedAfterNs, thenNs, true);
    }

    /**
     * As above; with {@code heldByTheDrive} false the sync writes complete in their last step and the
     * test tells the disk when, as the timed clock does once it has priced the command.
     */
    private long loneSyncAfterFourSpacedOnes(double completedAfterNs, double thenNs, boolean heldByTheDrive) {
        for (int i = 0; i < 4; i++) {
            now[0] = i * 100e6;
            completesAt[0] = heldByTheDrive ? now[0] + completedAfterNs : Double.NaN;
            t.write(0, Bio.Origin.METADATA, Bio.Flag.SYNC);
            t.run(held.actor());
            if (!heldByTheDrive) {
                t.disk.completedAt(now[0] + completedAfterNs);
            }
        }
        now[0] = thenNs;
        completesAt[0] = 1e9;
        t.write(8);
        t.run();
        long before = t.disk.commands();
        t.write(16, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        return t.disk.commands() - before;
    }

    @Test
    void aLoneWriteSync_soonAfterTheLastSyncCompletion_drains_evenWhenArrivalsAreFarApart() {
        // Each completed 2 ms before the next arrives: the think time counts from the completion, so it stays
        // small and the queue would idle.
        assertEquals(0, loneSyncAfterFourSpacedOnes(98e6, 400e6), "the held completions count: it drains");
    }

    @Test
    void completionsTheDriveDoesNotHold_countToo() {
        assertEquals(0, loneSyncAfterFourSpacedOnes(98e6, 400e6, false), "completedAt records the sync completion");
    }

    @Test
    void anAsyncWriteTheDriveHasTakenButNotStarted_isInFlightToo() {
        completesAt[0] = Double.NaN; // nothing held: only the drive's own queue of taken commands
        t.write(8);
        t.write(64);
        t.runSteps(1); // the drive takes both, starts 8: 64 waits among its tags
        t.write(16, Bio.Origin.METADATA, Bio.Flag.SYNC);
        t.run();
        // 16 is nearest the head after 8, but 64 is in flight: the lone sync write waits for it to drain.
        assertEquals(List.of(8L, 64L, 16L), t.completed);
    }

    @Test
    void aLoneWriteSync_whoseTreeThinksLong_goesBesideTheAsyncWrite() {
        // Each completed 1 ms after it came: the think time is capped at 2 * slice_idle, above slice_idle, and
        // valid from the third sample on.
        assertEquals(1, loneSyncAfterFourSpacedOnes(1e6, 500e6), "cfq_io_thinktime_big: the queue would not idle");
    }

    @Test
    void withNoSyncWriteInFlight_theDriveTakesAsManyAsItHasTagsFor() {
        t.write(0);
        t.write(8);
        t.write(16);
        t.run();
        assertEquals(3, t.disk.commands(), "async writes alone: every one goes to the drive");
    }
}
