package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sim.Runs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CFQ's {@code cfq_may_dispatch}: "If this is an async queue and we have sync IO in flight, let it
 * wait". An NCQ drive with tags to spare takes no async write while a sync one it holds has not
 * completed; the async writes go once it has.
 */
class CfqSyncInFlightTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
    private final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8 * 4096, 512, 0),
            Integrity.NONE, 512, costs);
    private final List<Long> completed = new ArrayList<>();
    private final HeldCompletions held;

    CfqSyncInFlightTest() {
        disk.setElevator(true);
        disk.setQueueDepth(32);
        disk.setCfq(new CfqFifo(new CfqFifo.Tunables(250e6, 125e6, 40e6), () -> 0));
        held = disk.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> 1e9); // every write waits
        kernel.attachDevice(disk);
    }

    private void submit(long sector, boolean sync) {
        Page page = kernel.allocPage(new PageOwner.PageCache("f", (int) sector));
        Bio bio = new Bio(sync ? Bio.Origin.METADATA : Bio.Origin.WRITEBACK, sector);
        if (sync) {
            bio = bio.withFlags(Bio.Flag.SYNC);
        }
        bio.addPage(page, 0, 4096);
        bio.setEndIo((b, irq) -> completed.add(b.sector()));
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
    }

    @Test
    void whileASyncWriteIsInFlight_noAsyncWriteIsDispatched() {
        submit(0, true);
        submit(8, false);
        submit(16, false);
        new Scheduler(List.of(disk.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
        assertEquals(1, disk.commands(), "the sync write is held by the drive: the async ones wait in the host queue");
        assertEquals(3, disk.pending());
    }

    @Test
    void onceItCompletes_theAsyncWritesGo() {
        submit(0, true);
        submit(8, false);
        submit(16, false);
        new Scheduler(List.of(disk.actor(), held.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
        assertEquals(List.of(0L, 8L, 16L), completed);
        assertEquals(3, disk.commands());
    }

    @Test
    void withNoSyncWriteInFlight_theDriveTakesAsManyAsItHasTagsFor() {
        submit(0, false);
        submit(8, false);
        submit(16, false);
        new Scheduler(List.of(disk.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
        assertEquals(3, disk.commands(), "async writes alone: every one goes to the drive");
    }
}
