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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * CFQ's FIFO expiry on a timed disk's queue of writes (Linux 3.8 {@code cfq_check_fifo}): a write
 * older than {@code fifo_expire_async} goes ahead of the sweep's nearer pick, once per slice of the
 * queue; a younger one waits its turn in the sweep; a synchronous read still goes first. The hazard:
 * an elevator without expiry can leave a far write behind a stream of near ones for as long as they
 * keep coming, and a task waiting on that page's writeback with it. Simulated time only: a test
 * clock says "now".
 */
class CfqFifoTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private static final double MS = 1e6;
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
    private final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8 * 4096, 512, 0),
            Integrity.NONE, 512, costs);
    private final double[] now = {0};
    /** When a command completes, as the timed clock would tell the disk; NaN: "now". */
    private final double[] completesAt = {Double.NaN};
    private final CfqFifo cfq = new CfqFifo(CfqFifo.Tunables.LINUX_3_8, () -> now[0]);
    /** Start sectors in the order the disk finished them; -1 for a read. */
    private final List<Long> served = new ArrayList<>();

    CfqFifoTest() {
        kernel.attachDevice(disk);
        disk.setElevator(true);
        disk.setCfq(cfq);
    }

    private void write(long sector) {
        write(sector, b -> { });
    }

    /** Queues a 4 KiB O_DIRECT write ({@code WRITE_ODIRECT}: {@code REQ_SYNC}) at {@code sector}. */
    private void directWrite(long sector) {
        write(sector, new Bio(Bio.Origin.DIRECT_IO, sector).withFlags(Bio.Flag.SYNC), b -> { });
    }

    /** Queues a 4 KiB write at {@code sector}, stamped with the clock's "now"; {@code then} runs at its completion. */
    private void write(long sector, Consumer<Bio> then) {
        write(sector, new Bio(Bio.Origin.WRITEBACK, sector), then);
    }

    private void write(long sector, Bio bio, Consumer<Bio> then) {
        Page page = kernel.allocPage(new PageOwner.PageCache("f", (int) sector));
        bio.addPage(page, 0, 4096);
        bio.setEndIo((b, irq) -> {
            disk.completedAt(Double.isNaN(completesAt[0]) ? now[0] : completesAt[0]);
            served.add(b.sector());
            then.accept(b);
        });
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
    }

    private void run() {
        new Scheduler(List.of(disk.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
    }

    @Test
    void syncWrites_goBeforeTheAsyncQueue_inTheOrderTheyCame_notBySector() {
        write(800);
        write(1600);
        directWrite(2400); // one O_DIRECT writer's sync queue
        directWrite(1200); // another's, busy later: served after the first, though nearer the head
        run();
        assertEquals(List.of(2400L, 1200L, 1600L, 800L), served,
                "the sync queues first, oldest first; then the sweep up from where the head is, wrapping");
    }

    @Test
    void aWritePastItsExpiry_isDispatchedAheadOfTheSweepsNearerPick() {
        write(2400);
        now[0] = 300 * MS; // 2400 was queued 300 ms ago: past fifo_expire_async (250 ms)
        write(800);
        write(1600);
        run();
        assertEquals(List.of(2400L, 800L, 1600L), served, "the expired write first, then the sweep from it");
        assertEquals(1, cfq.expiredDispatches());
    }

    @Test
    void aWriteYoungerThanItsExpiry_waitsItsTurnInTheSweep() {
        write(2400);
        now[0] = 200 * MS; // 200 ms: not expired yet
        write(800);
        write(1600);
        run();
        assertEquals(List.of(800L, 1600L, 2400L), served, "sector order, as without CFQ's FIFO");
        assertEquals(0, cfq.expiredDispatches());
    }

    @Test
    void theFifoIsCheckedOncePerSlice() {
        write(2400);
        write(1200);
        now[0] = 300 * MS; // both expired
        write(800);
        write(1600);
        write(2000);
        run();
        // Only the slice's first dispatch looks at the FIFO: 1200, expired too, waits for the sweep to wrap.
        assertEquals(List.of(2400L, 800L, 1200L, 1600L, 2000L), served);
        assertEquals(1, cfq.expiredDispatches());
        assertEquals(1, cfq.slices());
    }

    @Test
    void aSliceThatUsedItsTime_endsAndTheNextLooksAtTheFifoAgain() {
        write(2400, b -> now[0] = 400 * MS); // completes at 300 ms: the slice ends at 340 ms; the next dispatch is at 400
        write(1200);
        now[0] = 300 * MS;
        write(800);
        write(1600);
        write(2000);
        run();
        assertEquals(List.of(2400L, 1200L, 1600L, 2000L, 800L), served, "a new slice: 1200 goes next, the sweep on from it");
        assertEquals(2, cfq.expiredDispatches());
    }

    @Test
    void theSlicesEnd_countsFromWhenTheCommandCompletes_notFromWhenItsLastStepStarted() {
        // 2400's last DMA step starts at 300 ms but the command completes at 330 ms (its media write):
        // the slice ends at 370 ms, so at 360 ms it is still the same slice and the FIFO is not looked
        // at again. Counted from 300 ms it would have ended at 340 and 1200, expired, would go next.
        completesAt[0] = 330 * MS;
        write(2400, b -> now[0] = 360 * MS);
        write(1200);
        now[0] = 300 * MS;
        write(800);
        write(1600);
        write(2000);
        run();
        assertEquals(List.of(2400L, 800L, 1200L, 1600L, 2000L), served, "the sweep goes on within the slice");
        assertEquals(1, cfq.expiredDispatches());
    }

    @Test
    void aQueueThatRunsEmpty_endsItsSlice_soTheNextWriteStartsOneThatLooksAtTheFifo() {
        completesAt[0] = 1000 * MS; // were the slice still on, it would last until 1040 ms
        write(2400);
        run(); // the only write: dispatching it empties the queue, and an async queue does not idle
        write(1200); // at 0 ms: expired from 250 ms on
        now[0] = 300 * MS;
        write(800);
        write(1600);
        run();
        assertEquals(List.of(2400L, 1200L, 1600L, 800L), served, "a new slice: the expired 1200 first");
        assertEquals(2, cfq.slices());
    }

    @Test
    void aSyncReadPreemptsTheAsyncSlice_andIsServedFirst() {
        write(2400, b -> disk.submitRead(new ReadRequest(4000, 4096, "indirect block", () -> served.add(-1L))));
        write(1200);
        now[0] = 300 * MS;
        write(800);
        write(1600);
        write(2000);
        run();
        // The read goes before every queued write; the async queue's next slice looks at its FIFO again.
        assertEquals(List.of(2400L, -1L, 1200L, 1600L, 2000L, 800L), served);
        assertEquals(2, cfq.slices(), "one slice before the read, one after");
    }

    @Test
    void readsStillGoBeforeEveryQueuedWrite() {
        write(2400);
        now[0] = 300 * MS; // even an expired write: sync over async
        write(800);
        disk.submitRead(new ReadRequest(4000, 4096, "block bitmap", () -> served.add(-1L)));
        run();
        assertEquals(List.of(-1L, 2400L, 800L), served);
    }
}
