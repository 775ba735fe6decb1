package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sim.Runs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the disk promises that its next step commutes with every other actor's
 * ({@link Disk#nextStepCommutes}): a DMA step, of the page itself or of a private copy, never the
 * command's first (the dispatch reads the queue) or its last (the completion runs {@code bi_end_io}),
 * never one that would fail its tuple; and the promise is checked when the command ends.
 */
class DmaPromiseTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private final Scheduler.Listener quiet = (n, a, s, r) -> { };
    private Kernel kernel;
    private Disk disk;
    private Page page;
    private BlkStatus[] completed;

    @BeforeEach
    void setUp() {
        Costs costs = new Costs();
        kernel = new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, Runs.NONE, costs);
        disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8, 512, 8), Integrity.T10_DIF_TYPE1, 512,
                costs);
        kernel.attachDevice(disk);
        page = kernel.allocPage(new PageOwner.PageCache("f", 0));
        Arrays.fill(page.data(), (byte) 0x42);
        completed = new BlkStatus[1];
    }

    /** Submits a bio of {@code data} with its tuples generated from it. */
    private Bio submit(Page data) {
        Bio bio = new Bio(Bio.Origin.WRITEBACK, 0);
        bio.addPage(data, 0, 4096);
        bio.setEndIo((b, irq) -> completed[0] = b.status());
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
        return bio;
    }

    private Page copy() {
        Page copy = kernel.allocBouncePage(page);
        System.arraycopy(page.data(), 0, copy.data(), 0, 4096);
        return copy;
    }

    /** One step of the disk. */
    private void step() {
        new Scheduler(List.of(disk.actor())).run(FIRST, 1, quiet);
    }

    /** Whether the disk's next step commutes, asked before each of its eight DMA steps. */
    private boolean[] askedBeforeEachStep() {
        boolean[] commutes = new boolean[8];
        for (int i = 0; i < 8; i++) {
            commutes[i] = disk.actor().nextStepCommutes();
            step();
        }
        return commutes;
    }

    @Test
    void aBounceCopysDma_commutes_butNotTheDispatchNorTheLastInterval() {
        disk.letDmaCommute();
        submit(copy());
        boolean[] commutes = askedBeforeEachStep();
        assertEquals("[false, true, true, true, true, true, true, false]", Arrays.toString(commutes));
        assertEquals(BlkStatus.OK, completed[0]);
    }

    @Test
    void thePageItself_commutesAsACopyDoes_butADiskNotLetToPromiseNever() {
        disk.letDmaCommute();
        submit(page);
        assertEquals("[false, true, true, true, true, true, true, false]", Arrays.toString(askedBeforeEachStep()));
        setUp();
        submit(copy()); // a RAID1 leg or a run with faults: not let
        assertEquals("[false, false, false, false, false, false, false, false]", Arrays.toString(askedBeforeEachStep()));
    }

    @Test
    void aStoreToThePageAfterItsIntervalWasPromised_isReportedWhenTheCommandEnds() {
        disk.letDmaCommute();
        submit(page);
        step();
        assertTrue(disk.actor().nextStepCommutes());
        step();
        page.data()[512 + 7] = 0x11; // a writer's store into interval 1, which the device has already taken
        for (int i = 2; i < 7; i++) {
            step();
        }
        Scheduler.CommutationBroken e = assertThrows(Scheduler.CommutationBroken.class, this::step);
        assertTrue(e.getMessage().contains("interval 1 of "), e.getMessage());
    }

    /**
     * An interval that would fail is a decision point where others run; one that puts it right there
     * breaks nothing: each interval's promise keeps what its own step read.
     */
    @Test
    void anIntervalPutRightWhileTheDiskWaitedOnIt_isPromisedAsItIsThen() {
        disk.letDmaCommute();
        submit(page);
        page.data()[3 * 512] ^= 1; // after the tuples: interval 3 would fail
        boolean[] commutes = new boolean[8];
        for (int i = 0; i < 8; i++) {
            commutes[i] = disk.actor().nextStepCommutes();
            if (i == 3) {
                page.data()[3 * 512] ^= 1; // a writer puts the byte back before the disk reads it
                commutes[i] = disk.actor().nextStepCommutes();
            }
            step();
        }
        assertEquals("[false, true, true, true, true, true, true, false]", Arrays.toString(commutes));
        assertEquals(BlkStatus.OK, completed[0]);
    }

    @Test
    void aStoreUndoneBeforeTheCommandEnds_isNoBrokenPromise_forTheMediaHoldWhatThePageHolds() {
        disk.letDmaCommute();
        submit(page);
        step();
        assertTrue(disk.actor().nextStepCommutes());
        step();
        page.data()[512 + 7] = 0x11;
        page.data()[512 + 7] = 0x42; // the run in which the disk ends between these two is where it shows
        for (int i = 2; i < 8; i++) {
            step();
        }
        assertEquals(BlkStatus.OK, completed[0]);
    }

    @Test
    void anIntervalWhoseTupleWouldFail_doesNotCommute_forItsDmaEndsTheBio() {
        disk.letDmaCommute();
        Page copy = copy();
        submit(copy);
        copy.data()[3 * 512] ^= 1; // before the promise: what the device receives is already wrong
        boolean[] commutes = new boolean[4];
        for (int i = 0; i < 4; i++) {
            commutes[i] = disk.actor().nextStepCommutes();
            step();
        }
        assertEquals("[false, true, true, false]", Arrays.toString(commutes));
        assertEquals(BlkStatus.PROTECTION, completed[0]);
    }

    @Test
    void anIntervalNoStepWasTakenAloneFor_mayChange_theDispatchAndTheLastStepSeeItInOrder() {
        disk.letDmaCommute();
        Page copy = copy();
        submit(copy);
        step();
        assertTrue(disk.actor().nextStepCommutes());
        copy.data()[0] ^= 1; // interval 0: read by the dispatch's step, before any promise
        copy.data()[4095] ^= 1; // the last interval: its step is a decision point of its own
        for (int i = 1; i < 7; i++) {
            step();
        }
        step(); // the last interval's tuple no longer matches: a protection error, not a broken promise
        assertEquals(BlkStatus.PROTECTION, completed[0]);
    }

    @Test
    void theCopyChangedAfterThePromise_isReportedWhenTheCommandEnds() {
        disk.letDmaCommute();
        Page copy = copy();
        submit(copy);
        step();
        assertTrue(disk.actor().nextStepCommutes());
        step();
        copy.data()[512] ^= 1; // interval 1, received on the promise: another order would have sent this byte
        for (int i = 2; i < 7; i++) {
            step();
        }
        Scheduler.CommutationBroken e = assertThrows(Scheduler.CommutationBroken.class, this::step);
        assertTrue(e.getMessage().contains("interval 1 of bounce pfn"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
