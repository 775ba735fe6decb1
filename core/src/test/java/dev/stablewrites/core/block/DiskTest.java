package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Guards the device side of the race (docs/model.md §2.12): the device reads memory one interval per
 * step, at that step, verifies each tuple on receipt, and keeps what it received before a mismatch.
 */
class DiskTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private final Scheduler.Listener quiet = (n, a, s, r) -> { };
    private Costs costs;
    private Kernel kernel;
    private Disk disk;
    private Page page;
    private Bio bio;
    private BlkStatus[] completed;

    @BeforeEach
    void setUp() {
        costs = new Costs();
        kernel = new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, Runs.NONE, costs);
        disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8, 512, 8), Integrity.T10_DIF_TYPE1, 512,
                costs);
        kernel.attachDevice(disk);
        page = kernel.allocPage(new PageOwner.PageCache("f", 0));
        Arrays.fill(page.data(), (byte) 0x42);
        bio = new Bio(Bio.Origin.WRITEBACK, 0);
        bio.addPage(page, 0, 4096);
        completed = new BlkStatus[1];
        bio.setEndIo((b, irq) -> completed[0] = b.status());
    }

    private void prepAndSubmit() {
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
    }

    private void runDisk(int budget) {
        new Scheduler(List.of(disk.actor())).run(FIRST, budget, quiet);
    }

    @Test
    void unchangedPage_isWrittenWhole_andEveryTupleVerifies() {
        prepAndSubmit();
        runDisk(100);
        assertEquals(BlkStatus.OK, completed[0]);
        for (int lba = 0; lba < 8; lba++) {
            assertTrue(disk.media().written(lba));
            assertTrue(kernel.verifyOnMedia(disk.media(), lba));
        }
        assertEquals(4096, costs.bytesTransferred);
        assertEquals(4096 + 4096, costs.bytesChecksummed, "generated once, verified once");
    }

    @Test
    void intervalChangedBetweenPrepAndItsDma_failsTheBio_keepingTheIntervalsReceivedBefore() {
        prepAndSubmit();
        page.data()[3 * 512 + 7] ^= 1;
        runDisk(100);
        assertEquals(BlkStatus.PROTECTION, completed[0]);
        for (int lba = 0; lba < 3; lba++) {
            assertTrue(disk.media().written(lba), "received before the mismatch: on the media");
        }
        for (int lba = 3; lba < 8; lba++) {
            assertFalse(disk.media().written(lba), "at or after the mismatch: not written");
        }
    }

    @Test
    void changeBeforePrep_isCoveredByTheTuples_andDoesNotFail() {
        page.data()[3 * 512 + 7] ^= 1;
        prepAndSubmit();
        runDisk(100);
        assertEquals(BlkStatus.OK, completed[0]);
    }

    @Test
    void changeToAnIntervalAlreadyReceived_doesNotFail_theMediaKeepsWhatWasDmad() {
        prepAndSubmit();
        runDisk(2); // intervals 0 and 1 received
        byte[] received = Arrays.copyOfRange(page.data(), 0, 512);
        page.data()[7] ^= 1;
        runDisk(100);
        assertEquals(BlkStatus.OK, completed[0]);
        assertArrayEquals(received, Arrays.copyOfRange(disk.media().data(), 0, 512));
    }

    @Test
    void dmaReadsMemoryAtEachStep_notAtSubmission() {
        prepAndSubmit();
        runDisk(1);
        assertNull(completed[0], "one interval per step: still in flight");
        page.data()[7 * 512] ^= 1; // the last interval, not yet DMA'd
        runDisk(100);
        assertEquals(BlkStatus.PROTECTION, completed[0]);
    }

    @Test
    void fsCrc32c_isNotVerifiedByTheDevice_soAChangedIntervalIsStoredWithAStaleChecksum() {
        Kernel fs = new Kernel(4096, 512, Integrity.FS_CRC32C, Runs.NONE, costs);
        Disk d = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8, 512, 4), Integrity.FS_CRC32C, 512,
                costs);
        fs.attachDevice(d);
        fs.bioIntegrityGenerate(bio);
        d.submit(bio);
        page.data()[5] ^= 1;
        new Scheduler(List.of(d.actor())).run(FIRST, 100, quiet);
        assertEquals(BlkStatus.OK, completed[0]);
        assertFalse(fs.verifyOnMedia(d.media(), 0), "a read of lba 0 would fail its checksum");
        assertTrue(fs.verifyOnMedia(d.media(), 1));
    }

    @Test
    void raid1_legsDmaTheSamePagesIndependently_soAChangeBetweenThemLeavesTwoCopies() {
        Kernel none = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
        Disk left = new Disk(new Actor('D', "leg 0", Actor.Kind.DAEMON), new Media(8, 512, 0), Integrity.NONE, 512,
                costs);
        Disk right = new Disk(new Actor('E', "leg 1", Actor.Kind.DAEMON), new Media(8, 512, 0), Integrity.NONE, 512,
                costs);
        Raid1 raid = new Raid1(left, right);
        none.attachDevice(raid);
        none.bioIntegrityGenerate(bio);
        raid.submit(bio);
        new Scheduler(List.of(left.actor())).run(FIRST, 100, quiet);
        assertNull(completed[0], "the master completes only when both legs have");
        page.data()[0] = 0x17;
        new Scheduler(List.of(right.actor())).run(FIRST, 100, quiet);
        assertEquals(BlkStatus.OK, completed[0]);
        assertEquals(0x42, left.media().data()[0]);
        assertEquals(0x17, right.media().data()[0]);
    }

    private Raid1 protectedRaid1() {
        Disk left = new Disk(new Actor('D', "leg 0", Actor.Kind.DAEMON), new Media(8, 512, 8),
                Integrity.T10_DIF_TYPE1, 512, costs);
        Disk right = new Disk(new Actor('E', "leg 1", Actor.Kind.DAEMON), new Media(8, 512, 8),
                Integrity.T10_DIF_TYPE1, 512, costs);
        Raid1 raid = new Raid1(left, right);
        kernel.attachDevice(raid);
        kernel.bioIntegrityGenerate(bio);
        raid.submit(bio);
        return raid;
    }

    @Test
    void raid1_oneLegFailsItsTupleCheck_theMasterStillSucceeds_asMdSetsR1BioUptodate() {
        Raid1 raid = protectedRaid1();
        new Scheduler(List.of(raid.legs().get(0).actor())).run(FIRST, 100, quiet);
        page.data()[0] ^= 1;
        new Scheduler(List.of(raid.legs().get(1).actor())).run(FIRST, 100, quiet);
        assertEquals(BlkStatus.OK, completed[0]);
        assertTrue(kernel.verifyOnMedia(raid.legs().get(0).media(), 0));
        assertFalse(raid.legs().get(1).media().written(0), "leg 1 refused lba 0");
    }

    @Test
    void raid1_bothLegsFail_theMasterFailsWithIoerr() {
        Raid1 raid = protectedRaid1();
        page.data()[0] ^= 1;
        new Scheduler(List.of(raid.legs().get(0).actor(), raid.legs().get(1).actor())).run(FIRST, 100, quiet);
        assertEquals(BlkStatus.IOERR, completed[0], "call_bio_endio: no leg up to date");
    }

    @Test
    void injectedMediaError_failsTheBioWithIoerr() {
        disk.injectWriteError(2);
        prepAndSubmit();
        runDisk(100);
        assertEquals(BlkStatus.IOERR, completed[0]);
        assertTrue(disk.media().written(1));
        assertFalse(disk.media().written(2));
    }
}
