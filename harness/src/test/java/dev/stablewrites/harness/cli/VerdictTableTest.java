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
 * every scenario within the budget here (on {@code mmap} at schedule 2,177). If a change
 * to the model moves it past the budget, raise the budget before doubting the strategy;
 * {@code RecheckResubmitStrategyTest} pins the exhaustion itself with fixed schedules.
 */
class VerdictTableTest {
    /** One comparison of all 30 cells, shared by the rows below. */
    private static final Map<String, String[]> CELLS = new HashMap<>();

    @BeforeAll
    static void compareAll() {
        Cli.Result r = Cli.run("compare", "--format", "csv", "--budget", "16000", "--threads", "2");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> rows = List.of(r.out().split("\r\n"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            CELLS.put(f[0] + " " + f[1], f);
        }
        assertEquals(30, CELLS.size(), r.out());
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        none              | buffered-write | FAILS NO_FALSE_EIO | write_begin does not wait: a copy_from_user lands between prep and the DMA
        none              | mmap           | FAILS NO_FALSE_EIO | the seed: page_mkwrite finds no writeback to wait for, the store lands between prep and the DMA
        none              | mmap-2proc     | FAILS NO_FALSE_EIO | either process faults, is let through, and stores during the DMA
        none              | odirect        | FAILS NO_FALSE_EIO | the second thread stores to the pinned buffer through its writable PTE during the DMA
        none              | journal        | FAILS NO_FALSE_EIO | without jbd2's frozen copy or BH_Shadow wait the memcpy lands during the DMA
        mkwrite-wait      | buffered-write | HOLDS              | write_begin waits on PG_writeback with the page locked; writepages sets it under that lock
        mkwrite-wait      | mmap           | HOLDS              | page_mkclean write-protects at writeback start, so the next store faults into page_mkwrite and waits
        mkwrite-wait      | mmap-2proc     | HOLDS              | page_mkclean write-protects every process's PTE through the rmap
        mkwrite-wait      | odirect        | FAILS NO_FALSE_EIO | an O_DIRECT buffer has no PG_writeback and a writable PTE takes no fault: nothing waits
        mkwrite-wait      | journal        | FAILS NO_FALSE_EIO | the journal writes its buffer through the direct map, past both hooks
        writeback-then-ro | buffered-write | HOLDS              | 3.0's wait in write_begin; a copy_from_user meeting the read-only map comes back short and retries
        writeback-then-ro | mmap           | HOLDS              | 3.0's wait in page_mkwrite does it; set_memory_ro adds nothing for a user PTE
        writeback-then-ro | mmap-2proc     | HOLDS              | as mmap, for both processes' PTEs
        writeback-then-ro | odirect        | FAILS NO_FALSE_EIO | PG_writeback and a read-only direct map stop no store through the user's writable PTE
        writeback-then-ro | journal        | FAILS NO_OOPS      | a memcpy into the read-only buffer has no exception fixup: an oops, even after jbd2's BH_Shadow wait, which ends before kintegrityd's set_memory_rw
        ro-then-writeback | buffered-write | HOLDS              | writepages set PG_writeback before either prep step, so their order cannot matter here
        ro-then-writeback | mmap           | HOLDS              | as writeback-then-ro: the user PTE is guarded by page_mkclean and the wait, not by the direct map
        ro-then-writeback | mmap-2proc     | HOLDS              | as mmap, for both processes' PTEs
        ro-then-writeback | odirect        | FAILS NO_FALSE_EIO | fails as writeback-then-ro does; the read-only-without-writeback window adds no path of its own
        ro-then-writeback | journal        | FAILS NO_OOPS      | the memcpy oopses on the read-only map whichever flag came first
        bounce            | buffered-write | HOLDS              | the device receives the copy made at prep, whatever write() does afterwards
        bounce            | mmap           | HOLDS              | stores after the copy change the page cache page, never the bounce page the disk reads
        bounce            | mmap-2proc     | HOLDS              | as mmap, for either process
        bounce            | odirect        | HOLDS              | the user's buffer is copied at prep; later stores do not reach the device
        bounce            | journal        | HOLDS              | a snapshot of the buffer, like jbd2's frozen copy
        recheck-resubmit  | buffered-write | FAILS NO_FALSE_EIO | a write() inside each of four DMA windows exhausts the retry limit of 3
        recheck-resubmit  | mmap           | FAILS NO_FALSE_EIO | a store inside each of four DMA windows exhausts the limit: rare under uniform random choice
        recheck-resubmit  | mmap-2proc     | FAILS NO_FALSE_EIO | two writers share the four windows between them
        recheck-resubmit  | odirect        | FAILS NO_FALSE_EIO | the second thread's stores exhaust the limit of one O_DIRECT bio
        recheck-resubmit  | journal        | FAILS NO_FALSE_EIO | the filesystem's buffer updates exhaust the limit of one commit
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
