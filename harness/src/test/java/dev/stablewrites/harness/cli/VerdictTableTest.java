package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected verdict of every built-in strategy on every scenario, as the main job,
 * {@code compare}, finds it (seed 1, the window-targeted explorer, 16,000 schedules per cell), and why it
 * follows from the mechanism in Linux. A cell that changes means the model or a strategy changed
 * what it claims about the kernel: read the line.
 *
 * <p>A {@code recheck-resubmit} failure needs a conflicting store inside each of four DMA windows of
 * one bio. Uniform random choice produces that about once in several hundred thousand schedules
 * on {@code mmap}; the window-targeted explorer climbs to it one window at a time and finds it on
 * every scenario where writers race within the budget here. The direct-map strategies'
 * buffered-write oops needs an appending write between {@code end_page_writeback} and kintegrityd's
 * {@code set_memory_rw}. If a change
 * to the model moves it past the budget, raise the budget before doubting the strategy;
 * {@code RecheckResubmitStrategyTest} pins the exhaustion itself with fixed schedules.
 */
class VerdictTableTest {
    /** One comparison of all 60 cells, shared by the rows below. */
    private static final Map<String, String[]> CELLS = new HashMap<>();

    @BeforeAll
    static void compareAll() {
        Cli.Result r = Cli.run("compare", "--format", "csv", "--budget", "16000", "--threads", "2",
                "--faults", "none"); // FaultVerdictTableTest pins the matrix with faults
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> rows = List.of(r.out().split("\r\n"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            CELLS.put(f[0] + " " + f[1], f);
        }
        assertEquals(60, CELLS.size(), r.out());
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        none              | buffered-write | FAILS NO_FALSE_EIO | write_begin does not wait: a copy_from_user lands between prep and the DMA
        none              | mmap           | FAILS NO_FALSE_EIO | the seed: page_mkwrite finds no writeback to wait for, the store lands between prep and the DMA
        none              | mmap-2proc     | FAILS NO_FALSE_EIO | either process faults, is let through, and stores during the DMA
        none              | odirect        | FAILS NO_FALSE_EIO | the second thread stores to the pinned buffer through its writable PTE during the DMA
        none              | journal        | HOLDS              | jbd2 guards its own buffer: an update sleeps on BH_Shadow while the log copy is written, and makes a frozen copy before that
        none              | ext3-ordered   | FAILS NO_FALSE_EIO | kjournald writes the data page with submit_bh: no PG_writeback, no page_mkclean, so write() and mmap stores land during the DMA
        mkwrite-wait      | buffered-write | HOLDS              | write_begin waits on PG_writeback with the page locked; writepages sets it under that lock
        mkwrite-wait      | mmap           | HOLDS              | page_mkclean write-protects at writeback start, so the next store faults into page_mkwrite and waits
        mkwrite-wait      | mmap-2proc     | HOLDS              | page_mkclean write-protects every process's PTE through the rmap
        mkwrite-wait      | odirect        | FAILS NO_FALSE_EIO | an O_DIRECT buffer has no PG_writeback and a writable PTE takes no fault: nothing waits
        mkwrite-wait      | journal        | HOLDS              | jbd2's guards, not the waits: the journal writes its buffer through the direct map, past both hooks
        mkwrite-wait      | ext3-ordered   | FAILS NO_FALSE_EIO | ext3's data write sets no PG_writeback, so the 3.0 waits find nothing to wait for (Wong's 'lingering failure case')
        writeback-then-ro | buffered-write | HOLDS              | sampled only: an appending write's short copy on the still read-only map oopses in the failed-write path (AppendTest pins it), but it needs the write between end_page_writeback and kintegrityd's set_memory_rw, a window after completion no explorer aims at
        writeback-then-ro | mmap           | HOLDS              | 3.0's wait in page_mkwrite does it; set_memory_ro adds nothing for a user PTE
        writeback-then-ro | mmap-2proc     | HOLDS              | as mmap, for both processes' PTEs
        writeback-then-ro | odirect        | FAILS NO_FALSE_EIO | PG_writeback and a read-only direct map stop no store through the user's writable PTE
        writeback-then-ro | journal        | FAILS NO_OOPS      | the log write's completion unshadows the buffer before kintegrityd's set_memory_rw: the update's memcpy oopses
        writeback-then-ro | ext3-ordered   | FAILS NO_FALSE_EIO | the mmap writer's PTE stays writable (no page_mkclean on this path): its store lands during the DMA
        ro-then-writeback | buffered-write | HOLDS              | sampled only, as writeback-then-ro: the append oops needs a write after completion, before kintegrityd's undo
        ro-then-writeback | mmap           | HOLDS              | as writeback-then-ro: the user PTE is guarded by page_mkclean and the wait, not by the direct map
        ro-then-writeback | mmap-2proc     | HOLDS              | as mmap, for both processes' PTEs
        ro-then-writeback | odirect        | FAILS NO_FALSE_EIO | fails as writeback-then-ro does; the read-only-without-writeback window adds no path of its own
        ro-then-writeback | journal        | FAILS NO_OOPS      | the memcpy oopses on the read-only map whichever flag came first
        ro-then-writeback | ext3-ordered   | FAILS NO_FALSE_EIO | as writeback-then-ro: a store through a writable PTE during kjournald's DMA
        bounce            | buffered-write | HOLDS              | the device receives the copy made at prep, whatever write() does afterwards
        bounce            | mmap           | HOLDS              | stores after the copy change the page cache page, never the bounce page the disk reads
        bounce            | mmap-2proc     | HOLDS              | as mmap, for either process
        bounce            | odirect        | HOLDS              | the user's buffer is copied at prep; later stores do not reach the device
        bounce            | journal        | HOLDS              | a snapshot of every journal block, on top of jbd2's own guards
        bounce            | ext3-ordered   | HOLDS              | the copy Linux 3.9 gave ext3 (BIO_SNAP_STABLE): kjournald's data write sends a snapshot
        recheck-resubmit  | buffered-write | FAILS NO_FALSE_EIO | a write() inside each of four DMA windows exhausts the retry limit of 3
        recheck-resubmit  | mmap           | FAILS NO_FALSE_EIO | a store inside each of four DMA windows exhausts the limit: rare under uniform random choice
        recheck-resubmit  | mmap-2proc     | FAILS NO_FALSE_EIO | two writers share the four windows between them
        recheck-resubmit  | odirect        | FAILS NO_FALSE_EIO | the second thread's stores exhaust the limit of one O_DIRECT bio
        recheck-resubmit  | journal        | HOLDS              | jbd2's guards leave no protection error to retry
        recheck-resubmit  | ext3-ordered   | FAILS NO_FALSE_EIO | writers during kjournald's data write exhaust the limit of one data bio
        stable-pages      | buffered-write | HOLDS              | T10 PI requires stable writes, so 3.9's wait_for_stable_page waits as 3.0's did
        stable-pages      | mmap           | HOLDS              | the same in page_mkwrite, after page_mkclean write-protected the PTE
        stable-pages      | mmap-2proc     | HOLDS              | the same for both processes' PTEs
        stable-pages      | odirect        | FAILS NO_FALSE_EIO | a conditional wait is still a wait on PG_writeback: O_DIRECT has none
        stable-pages      | journal        | HOLDS              | jbd2's own guards
        stable-pages      | ext3-ordered   | FAILS NO_FALSE_EIO | kjournald's data write sets no PG_writeback for the wait to find
        snap-stable       | buffered-write | FAILS NO_FALSE_EIO | it acts only on bios flagged BIO_SNAP_STABLE; page-cache writeback is not, and has no wait here
        snap-stable       | mmap           | FAILS NO_FALSE_EIO | as buffered-write: alone it leaves the page cache as none does
        snap-stable       | mmap-2proc     | FAILS NO_FALSE_EIO | as mmap
        snap-stable       | odirect        | FAILS NO_FALSE_EIO | O_DIRECT bios carry no BIO_SNAP_STABLE
        snap-stable       | journal        | HOLDS              | jbd2's own guards (jbd2 never set the flag: only ext3's jbd did)
        snap-stable       | ext3-ordered   | FAILS NO_FALSE_EIO | 3.9's order: tuples at bio_integrity_prep, the copy a step later in blk_queue_bounce, so a store in between fails the write (and the page cache is unguarded alone)
        dio-fallback-buffered | buffered-write | FAILS NO_FALSE_EIO | it acts on O_DIRECT only; the page cache is as none
        dio-fallback-buffered | mmap       | FAILS NO_FALSE_EIO | as buffered-write
        dio-fallback-buffered | mmap-2proc | FAILS NO_FALSE_EIO | as buffered-write
        dio-fallback-buffered | odirect    | FAILS NO_FALSE_EIO | on a T10 device without filesystem checksums the inode does not require them: O_DIRECT stays direct
        dio-fallback-buffered | journal    | HOLDS              | jbd2's own guards
        dio-fallback-buffered | ext3-ordered | FAILS NO_FALSE_EIO | kjournald's write is not O_DIRECT
        iomap-dio-bounce  | buffered-write | FAILS NO_FALSE_EIO | it acts on O_DIRECT only; the page cache is as none
        iomap-dio-bounce  | mmap           | FAILS NO_FALSE_EIO | as buffered-write
        iomap-dio-bounce  | mmap-2proc     | FAILS NO_FALSE_EIO | as buffered-write
        iomap-dio-bounce  | odirect        | HOLDS              | T10 PI requires stable writes, so the user's pages are copied before the tuples: later stores miss the device
        iomap-dio-bounce  | journal        | HOLDS              | jbd2's own guards
        iomap-dio-bounce  | ext3-ordered   | FAILS NO_FALSE_EIO | kjournald's write is not O_DIRECT
        """)
    void compare_givesTheVerdictThatFollowsFromTheMechanism(String strategy, String scenario, String expected,
                                                           String why) {
        String[] cell = CELLS.get(strategy + " " + scenario);
        String got = cell[2].equals("FAILS") ? "FAILS " + cell[3] : cell[2];
        assertEquals(expected, got, why + "\n" + String.join(",", cell));
        if (expected.equals("HOLDS")) {
            assertEquals("16000", cell[4], "a cell that holds ran its whole budget");
        } else {
            assertTrue(!cell[7].isEmpty() || cell[6].contains(":"), "a failure comes with its counterexample");
        }
    }
}
