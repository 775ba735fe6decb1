package dev.stablewrites.strategies.bounce;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static dev.stablewrites.strategies.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.strategies.Runs;
import org.junit.jupiter.api.Test;

/**
 * Guards the bounce copy: what the device receives is the page as it was at prep, whatever a
 * writer does afterwards, and every bounce page is freed when its bio completes.
 */
class BounceStrategyTest {
    /** A stores 0x11, B's fsync bounces the page, A stores 0x22 before the DMA, the disk completes. */
    private static final String STORE_DURING_DMA = "A5B9A5D12";

    @Test
    void userStoreDuringTheDma_changesThePage_butNotWhatTheDeviceReceives() {
        RunResult r = replay("bounce", "mmap", STORE_DURING_DMA);
        TraceEvent bounce = first(r, 'B', "blk_queue_bounce");
        TraceEvent store = steps(r, 'A', "store").get(3);
        TraceEvent dma = first(r, 'D', "dma");
        assertTrue(bounce.step() < store.step() && store.step() < dma.step(), dump(r));
        assertTrue(store.detail().contains("0x22"), dump(r));
        assertTrue(dma.detail().startsWith("lba 0 from bounce pfn 1 (copy of pfn 0)+0: received, tuple verified"), dump(r));
        assertTrue(r.holds(), dump(r));

        // Stop the same run right after B's bio completed: the media holds the snapshot (0x11), not 0x22.
        Simulation sim = new Simulation(Scenario.parse("mmap"), "bounce", Runs.CATALOG.create("bounce"))
                .budget(first(r, 'D', "bounce_end_io_write").step());
        sim.run(new ScheduleChooser(Schedule.parse(STORE_DURING_DMA)));
        Media media = sim.kernel().device().legs().get(0).media();
        assertEquals(0x11, media.data()[media.dataOffset(0) + 0x100] & 0xff);
        assertEquals(0x22, sim.dataPage().data()[0x100] & 0xff);
    }

    @Test
    void everyBouncePage_isFreedAtCompletion_andCostsOnePageCopy() {
        RunResult r = replay("bounce", "mmap", STORE_DURING_DMA);
        TraceEvent free = first(r, 'D', "bounce_end_io_write");
        assertTrue(free.detail().startsWith("1 bounce page(s) freed"), dump(r));
        assertTrue(free.step() < first(r, 'D', "end_page_writeback").step(), "freed before the filesystem's end_io");
        assertEquals(0, r.costs().bouncePagesLive());
        assertEquals(1, r.costs().bouncePagesPeak);
        assertEquals(2 * 4096, r.costs().bytesCopied, "B's fsync and the quiesce each copy one page");
        assertEquals(0, r.costs().writerStallSteps, "nobody waits");
    }

    @Test
    void oDirectBufferStore_duringTheIo_doesNotReachTheDevice() {
        RunResult r = replay("bounce", "odirect", "A4B1D12");
        assertTrue(first(r, 'B', "store").step() < first(r, 'D', "dma").step(), dump(r));
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void journalUpdate_duringTheCommit_doesNotReachTheDevice() {
        RunResult r = replay("bounce", "journal", "J4A3D12");
        assertTrue(first(r, 'A', "memcpy to buffer (direct map)").step() < first(r, 'D', "dma").step(), dump(r));
        assertTrue(r.holds(), dump(r));
    }
}
