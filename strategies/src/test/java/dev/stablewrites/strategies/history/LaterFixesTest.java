package dev.stablewrites.strategies.history;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static dev.stablewrites.strategies.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.strategies.Runs;
import org.junit.jupiter.api.Test;

/**
 * Guards the mechanisms of the fixes Linux merged after 3.0, each where it acts and where it does
 * not: 3.9's conditional wait, 3.9's ext3 snapshot and its window, btrfs 6.15's fallback, 7.0's
 * O_DIRECT bounce; and their composition per path.
 */
class LaterFixesTest {
    private static final String EXT3 = "ext3-ordered A: write@0x0+1=0x11; B: fsync; C: store@0x0+1=0x22; J: commit";

    @Test
    void stablePages_waitsWhereStableWritesAreRequired_andNowhereElse() {
        // A faults the page in; B's fsync starts writeback; A faults again.
        RunResult t10 = replay("stable-pages", "mmap", "A6B8A4D12");
        assertEquals("sleeps until end_page_writeback", steps(t10, 'A', "wait_on_page_writeback").get(1).detail(), dump(t10));
        assertTrue(t10.holds(), dump(t10));

        RunResult off = replay("stable-pages", "mmap stable-writes=off", "A5B8A5D9B3");
        assertEquals(0, steps(off, 'A', "wait_on_page_writeback").size(), "no stable writes, no wait\n" + dump(off));
        assertEquals(Property.NO_FALSE_EIO, off.firstViolation().property(), "the PI disk still checks\n" + dump(off));

        RunResult none = replay("stable-pages", "mmap integrity=none", "A5B8A5D9B3");
        assertEquals(0, steps(none, 'A', "wait_on_page_writeback").size(), "auto: no checksum, no stable writes");
    }

    @Test
    void snapStable_copiesAfterTheTuples_soAStoreInBetweenStillFailsTheWrite() {
        // J's submit_bio makes the tuples; C stores; then blk_queue_bounce copies the changed page.
        RunResult r = replay("snap-stable", EXT3, "A4C4J4C1");
        TraceEvent tuples = first(r, 'J', "submit_bio");
        TraceEvent store = steps(r, 'C', "store").get(1);
        TraceEvent copy = first(r, 'J', "blk_queue_bounce");
        assertTrue(tuples.step() < store.step() && store.step() < copy.step(), dump(r));
        assertTrue(r.trace().stream().anyMatch(e -> e.detail().contains("from bounce pfn")
                && e.detail().contains("BLK_STS_PROTECTION")), "the copy does not match the tuples\n" + dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }

    @Test
    void snapStable_aStoreAfterTheCopy_neverReachesTheDevice() {
        RunResult r = replay("snap-stable", EXT3, "A4C4J6C1");
        assertTrue(first(r, 'J', "blk_queue_bounce").step() < steps(r, 'C', "store").get(1).step(), dump(r));
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void snapStable_actsOnlyOnFlaggedBios_ofStableWritesDevices() {
        RunResult writeback = replay("snap-stable", "mmap", "A5B8A5D9B3");
        assertEquals(0, steps(writeback, 'B', "blk_queue_bounce").size(), "writepages' bios carry no BIO_SNAP_STABLE");
        RunResult off = replay("snap-stable", "ext3-ordered stable-writes=off A: write@0x0+1=0x11; B: fsync; "
                + "C: store@0x0+1=0x22; J: commit", "A4C4J4C1");
        assertEquals(0, steps(off, 'J', "blk_queue_bounce").size(), "must_snapshot_stable_pages: no stable writes, no copy");
    }

    @Test
    void dioFallbackBuffered_sendsAPageCacheCopyUnderWriteback_onlyForChecksummedInodes() {
        RunResult btrfs = replay("dio-fallback-buffered", "odirect integrity=fs-crc32c A: dio; B: store@0x0+8=0x11", "A5B1");
        TraceEvent copy = first(btrfs, 'A', "btrfs_buffered_write");
        assertTrue(copy.detail().contains("O_DIRECT fell back"), dump(btrfs));
        assertTrue(first(btrfs, 'A', "filemap_fdatawrite_range").step() > copy.step(), dump(btrfs));
        assertTrue(btrfs.trace().stream().anyMatch(e -> e.actor() == 'D' && e.detail().contains("from bounce pfn")),
                "the device reads the page-cache copy\n" + dump(btrfs));
        assertTrue(btrfs.holds(), "the store changed the user's buffer, not what the device reads\n" + dump(btrfs));

        RunResult t10 = replay("dio-fallback-buffered", "odirect A: dio; B: store@0x0+8=0x11", "A3B1D12");
        assertEquals(0, steps(t10, 'A', "btrfs_buffered_write").size(), "no filesystem checksums: O_DIRECT stays direct");
        assertEquals(Property.NO_FALSE_EIO, t10.firstViolation().property(), dump(t10));
    }

    @Test
    void iomapDioBounce_copiesOnlyWhereStableWritesAreRequired() {
        RunResult t10 = replay("iomap-dio-bounce", "odirect A: dio; B: store@0x0+8=0x11", "A4B1");
        assertTrue(first(t10, 'A', "bio_iov_iter_bounce").step() < first(t10, 'A', "submit_bio").step(), dump(t10));
        assertTrue(t10.holds(), dump(t10));
        assertTrue(steps(t10, 'D', "bio_iov_iter_unbounce").size() >= 1, dump(t10));

        RunResult off = replay("iomap-dio-bounce", "odirect stable-writes=off A: dio; B: store@0x0+8=0x11", "A3B1D12");
        assertEquals(0, steps(off, 'A', "bio_iov_iter_bounce").size(), dump(off));
        assertEquals(Property.NO_FALSE_EIO, off.firstViolation().property(), dump(off));
    }

    @Test
    void composition_runsEachPartOnItsOwnPath() {
        // 7.0: the page cache waits (stable-pages), O_DIRECT bounces (iomap-dio-bounce).
        RunResult dio = replay("stable-pages+iomap-dio-bounce", "odirect A: dio; B: store@0x0+8=0x11", "A4B1");
        assertTrue(dio.holds(), dump(dio));
        RunResult mmap = replay("stable-pages+iomap-dio-bounce", "mmap", "A6B8A4D12");
        assertEquals("sleeps until end_page_writeback", steps(mmap, 'A', "wait_on_page_writeback").get(1).detail());
        assertEquals(0, mmap.trace().stream().filter(e -> e.function().startsWith("bio_iov_iter")).count(),
                "the O_DIRECT part never sees writeback bios\n" + dump(mmap));
    }

    @Test
    void composition_ofTwoPartsOnOneHookAndPath_isRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runs.CATALOG.create("bounce+iomap-dio-bounce"));
        assertEquals("cannot compose bounce+iomap-dio-bounce: bounce and iomap-dio-bounce both act at bio_endio on"
                + " direct_io bios; compose parts that act on different paths", e.getMessage());
        assertTrue(Runs.CATALOG.contains("stable-pages+snap-stable"));
        assertTrue(!Runs.CATALOG.contains("stable-pages+nope"));
    }
}
