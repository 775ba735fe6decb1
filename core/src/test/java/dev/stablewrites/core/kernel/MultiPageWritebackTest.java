package dev.stablewrites.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.WorkSource;
import dev.stablewrites.core.sim.Runs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards {@code write_cache_pages} over a file of several pages: dirty pages in index order,
 * contiguous ones in one bio, a gap starting a new bio (the old one submitted with the next page
 * locked, as {@code __mpage_writepage} does), clean pages never touched.
 */
class MultiPageWritebackTest {
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, Runs.NONE, costs);
    private final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(24, 512, 8),
            Integrity.T10_DIF_TYPE1, 512, costs);
    private final AddressSpace file;
    private final List<String> submitted = new ArrayList<>();
    /** Whether page 2 was locked as each bio went to submit_bio. */
    private final List<Boolean> lockedAtSubmit = new ArrayList<>();

    MultiPageWritebackTest() {
        kernel.attachDevice(disk);
        Page[] pages = new Page[3];
        for (int i = 0; i < 3; i++) {
            pages[i] = kernel.allocPage(new PageOwner.PageCache("f", i));
            pages[i].data()[0] = (byte) (i + 1);
        }
        file = new AddressSpace("f", pages, 0);
    }

    private void fsync() {
        fsyncs(lowestFirst(), 'B');
    }

    private static Chooser lowestFirst() {
        return (runnable, count, step, previous) -> 0;
    }

    /** Runs one fsync per id, concurrently, under {@code chooser}. */
    private void fsyncs(Chooser chooser, char... ids) {
        List<Actor> actors = new ArrayList<>();
        for (char id : ids) {
            actors.add(syncer(id));
        }
        actors.add(disk.actor());
        Scheduler.Outcome outcome = new Scheduler(actors).run(chooser, 1000, (n, a, s, r) -> {
            if (s.function().equals("submit_bio")) {
                submitted.add(s.page().toString());
                lockedAtSubmit.add(file.page(2).test(Page.PG_LOCKED));
            }
            if (s.function().equals("set_page_writeback") || s.function().equals("end_page_writeback")) {
                submitted.add(s.function() + " " + s.page());
            }
        });
        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
    }

    private Actor syncer(char id) {
        Actor b = new Actor(id, "fsync caller " + id, Actor.Kind.SYNCER);
        boolean[] loaded = {false};
        b.setSource(new WorkSource() {
            public boolean ready() {
                return !loaded[0];
            }

            public boolean exhausted() {
                return loaded[0];
            }

            public void loadNext(Actor a) {
                loaded[0] = true;
                a.pushFront(Writeback.fsync(kernel, file));
            }
        });
        return b;
    }

    @Test
    void gapBetweenDirtyPages_startsANewBio_andTheCleanPageIsNeverWritten() {
        kernel.setPageDirty(file.page(0));
        kernel.setPageDirty(file.page(2));
        fsync();
        // __mpage_writepage sends page 0's bio off when page 2 does not follow it, before page 2's
        // set_page_writeback and with page 2 locked (a writer's lock_page waits through a get_request sleep).
        assertEquals(List.of("set_page_writeback f[0]", "f[0]", "set_page_writeback f[2]", "f[2]",
                "end_page_writeback f[0]", "end_page_writeback f[2]"), submitted);
        assertEquals(List.of(true, false), lockedAtSubmit, "page 2 locked as page 0's bio is submitted, not as its own");
        assertTrue(disk.media().written(0) && disk.media().written(16), "pages 0 and 2 at sectors 0 and 16");
        assertFalse(disk.media().written(8), "page 1 was clean");
        assertEquals(2 * 4096, costs.bytesTransferred);
        assertTrue(kernel.syscalls().stream().noneMatch(SyscallResult::eio));
    }

    @Test
    void aPageWithBuffers_isSubmittedBeforeItIsUnlocked_asBlockWriteFullPageDoes() {
        file.page(2).attachBuffers().setDirty(true);
        kernel.setPageDirty(file.page(2));
        fsync();
        // __block_write_full_page: set_page_writeback, submit_bh, and only then unlock_page.
        assertEquals(List.of("set_page_writeback f[2]", "f[2]", "end_page_writeback f[2]"), submitted);
        assertEquals(List.of(true), lockedAtSubmit, "page 2 still locked as its own bio is submitted");
    }

    @Test
    void aBoundaryBlock_endsItsBio_thenWriteBoundaryBlockRuns() {
        // __mpage_writepage: "if (boundary || ...) { bio = mpage_bio_submit(WRITE, bio); if (boundary_block)
        // write_boundary_block(...); }": contiguous pages 0-2 go as two bios when page 1's block is a boundary.
        kernel.setWriteBoundary((mapping, index) -> index != 1 ? List.of()
                : List.of(dev.stablewrites.core.sched.Step.of("write_boundary_block", null, self -> {
                    submitted.add("write_boundary_block");
                    return dev.stablewrites.core.sched.StepResult.DONE;
                })));
        kernel.setPageDirty(file.page(0));
        kernel.setPageDirty(file.page(1));
        kernel.setPageDirty(file.page(2));
        fsync();
        assertEquals(List.of("set_page_writeback f[0]", "set_page_writeback f[1]", "f[0]", "write_boundary_block",
                "set_page_writeback f[2]", "f[2]"), submitted.subList(0, 6));
    }

    @Test
    void contiguousDirtyPages_goInOneBio() {
        kernel.setPageDirty(file.page(0));
        kernel.setPageDirty(file.page(1));
        fsync();
        assertEquals(1, submitted.stream().filter(s -> s.startsWith("f[")).count(), submitted.toString());
        for (int lba = 0; lba < 16; lba++) {
            assertTrue(kernel.verifyOnMedia(disk.media(), lba));
        }
        assertEquals((byte) 2, disk.media().data()[8 * 512]);
    }

    @Test
    void twoFsyncsThatBothTaggedThePage_writeItOnce_theSecondFindsItCleanUnderItsLock() {
        kernel.setPageDirty(file.page(0));
        // B and C both tag page 0 dirty; C then writes it; B, locking it afterwards, finds it clean.
        fsyncs(new ScheduleChooser(Schedule.parse("BC")), 'B', 'C');
        assertEquals(1, submitted.stream().filter(s -> s.startsWith("f[")).count(), submitted.toString());
        assertEquals(1, submitted.stream().filter(s -> s.startsWith("set_page_writeback")).count());
    }
}
