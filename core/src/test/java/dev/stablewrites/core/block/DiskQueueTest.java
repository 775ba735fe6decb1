package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order a disk serves its commands in: a synchronous metadata read before every queued write
 * (CFQ's sync-over-async), and with NCQ the nearest of the commands the drive holds, but never one
 * the host has not handed it yet.
 */
class DiskQueueTest {
    private final TestDisk t = new TestDisk();
    private final Disk disk = t.disk;
    /** Start sectors in the order the disk finished them. */
    private final List<Long> served = t.completed;

    private void write(long sector) {
        t.write(sector);
    }

    private void run() {
        t.run();
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
        assertEquals(3 * 4096, t.costs.bytesTransferred, "a read moves no write bytes");
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
