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
 * The order a disk serves its commands in: a synchronous metadata read before every queued write
 * (CFQ's sync-over-async), and with NCQ the nearest of the commands the drive holds, but never one
 * the host has not handed it yet.
 */
class DiskQueueTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
    private final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8 * 4096, 512, 0),
            Integrity.NONE, 512, costs);
    /** Start sectors in the order the disk finished them. */
    private final List<Long> served = new ArrayList<>();

    DiskQueueTest() {
        kernel.attachDevice(disk);
    }

    private void write(long sector) {
        Page page = kernel.allocPage(new PageOwner.PageCache("f", (int) sector));
        Bio bio = new Bio(Bio.Origin.WRITEBACK, sector);
        bio.addPage(page, 0, 4096);
        bio.setEndIo((b, irq) -> served.add(b.sector()));
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
    }

    private void run() {
        new Scheduler(List.of(disk.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
    }

    @Test
    void aMetadataReadIsServedBeforeWritesQueuedAheadOfIt() {
        write(800);
        write(1600);
        write(2400);
        boolean[] readDone = new boolean[1];
        disk.submitRead(new ReadRequest(4000, 4096, "block bitmap of group 0", () -> {
            readDone[0] = true;
            served.add(-1L); // the read's place in the order
        }));
        run();
        assertEquals(List.of(-1L, 800L, 1600L, 2400L), served, "the read goes first, then the writes in their order");
        assertEquals(4096, disk.bytesRead());
        assertEquals(3 * 4096, costs.bytesTransferred, "a read moves no write bytes");
    }

    /** The order the disk serves writes queued at {@code sectors} (in that order) with NCQ of {@code depth}. */
    private List<Long> servedWith(int depth, long... sectors) {
        disk.setQueueDepth(depth);
        for (long s : sectors) {
            write(s);
        }
        run();
        return served;
    }

    @Test
    void queueDepthOneServesTheHostsOrder() {
        assertEquals(List.of(1000L, 8L, 2000L, 24L), servedWith(1, 1000, 8, 2000, 24));
    }

    @Test
    void ncqReordersWithinItsDepthOnly() {
        // The drive holds two commands: 8 is nearer the head than 1000; then 1000 is nearer (head at 16) than
        // 2000; then 24 is nearer (head at 1008) than 2000. 24 could not pass 1000: the host had not handed it over.
        assertEquals(List.of(8L, 1000L, 24L, 2000L), servedWith(2, 1000, 8, 2000, 24));
    }

    @Test
    void ncqDeepEnoughForTheWholeQueueServesNearestFirst() {
        assertEquals(List.of(8L, 24L, 1000L, 2000L), servedWith(31, 1000, 8, 2000, 24));
    }
}
