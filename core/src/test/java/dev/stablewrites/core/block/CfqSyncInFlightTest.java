package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.sched.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CFQ's {@code cfq_may_dispatch}: "If this is an async queue and we have sync IO in flight, let it
 * wait". An NCQ drive with tags to spare takes no async write while a sync one it holds has not
 * completed; the async writes go once it has.
 */
class CfqSyncInFlightTest {
    private final TestDisk t = new TestDisk(d -> {
        d.setElevator(true);
        d.setQueueDepth(32);
        d.setCfq(new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> 0));
        d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> 1e9); // every write waits
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
    void withNoSyncWriteInFlight_theDriveTakesAsManyAsItHasTagsFor() {
        t.write(0);
        t.write(8);
        t.write(16);
        t.run();
        assertEquals(3, t.disk.commands(), "async writes alone: every one goes to the drive");
    }
}
