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
 * The second matrix of {@code compare}, "with faults" ({@code faults=flip}: a bit of the bio's page
 * flips after its tuples were generated; seed 1, the window explorer, 5,000 schedules per cell), judged by
 * {@code NO_SILENT_CORRUPTION} alone, with why each cell follows from the mechanism. It guards what
 * each fix still lets the integrity check catch, which the first matrix cannot show: a fix that
 * regenerates tuples from what memory holds would hold everywhere there.
 */
class FaultVerdictTableTest {
    private static final Map<String, String[]> CELLS = new HashMap<>();

    @BeforeAll
    static void compareWithFaults() {
        Cli.Result r = Cli.run("compare", "--format", "csv", "--budget", "1", "--fault-budget", "5000",
                "--threads", "2");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> rows = List.of(r.out().split("\r\n"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (f[1].endsWith(" faults=flip")) {
                CELLS.put(f[0] + " " + f[1].replace(" faults=flip", ""), f);
            }
        }
        assertEquals(60, CELLS.size(), r.out());
    }

    @ParameterizedTest(name = "{0} on {1} with faults=flip: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        none              | buffered-write | HOLDS | nothing touches the tuples: the device rejects the flip and fsync returns an excused EIO
        none              | mmap           | HOLDS | the same on the seed: the flip is found, not written
        none              | mmap-2proc     | HOLDS | the same with two writers: their stores are a writer's bytes, the flip is not
        none              | odirect        | HOLDS | the flip in the pinned buffer is rejected and pwrite returns EIO
        none              | journal        | HOLDS | the commit fails and the journal aborts: the caller is told, and nothing is written home
        none              | ext3-ordered   | HOLDS | kjournald's data write is rejected; AS_EIO tells the next fsync
        mkwrite-wait      | buffered-write | HOLDS | a wait stops writers, not bad memory; the device still checks
        mkwrite-wait      | mmap           | HOLDS | as none: the check is untouched
        mkwrite-wait      | mmap-2proc     | HOLDS | as none: the check is untouched
        mkwrite-wait      | odirect        | HOLDS | as none: the check is untouched
        mkwrite-wait      | journal        | HOLDS | as none: the check is untouched
        mkwrite-wait      | ext3-ordered   | HOLDS | as none: the check is untouched
        writeback-then-ro | buffered-write | HOLDS | set_memory_ro does not stop a flip, but it leaves the check alone
        writeback-then-ro | mmap           | HOLDS | the device rejects the flip
        writeback-then-ro | mmap-2proc     | HOLDS | the device rejects the flip
        writeback-then-ro | odirect        | HOLDS | the device rejects the flip
        writeback-then-ro | journal        | HOLDS | the device rejects the flip
        writeback-then-ro | ext3-ordered   | HOLDS | the device rejects the flip
        ro-then-writeback | buffered-write | HOLDS | as writeback-then-ro
        ro-then-writeback | mmap           | HOLDS | as writeback-then-ro
        ro-then-writeback | mmap-2proc     | HOLDS | as writeback-then-ro
        ro-then-writeback | odirect        | HOLDS | as writeback-then-ro
        ro-then-writeback | journal        | HOLDS | as writeback-then-ro
        ro-then-writeback | ext3-ordered   | HOLDS | as writeback-then-ro
        bounce            | buffered-write | HOLDS | the flip hits the bounce copy the tuples were made from: the device rejects it
        bounce            | mmap           | HOLDS | the same: the copy is checksummed and DMA'd, so its flip is found
        bounce            | mmap-2proc     | HOLDS | the same for either process
        bounce            | odirect        | HOLDS | the same for the copy of the user's buffer
        bounce            | journal        | HOLDS | the same for the copy of the metadata buffer
        bounce            | ext3-ordered   | HOLDS | the same for the snapshot of kjournald's data write
        recheck-resubmit  | buffered-write | FAILS NO_SILENT_CORRUPTION | it re-checksums the flipped page, resubmits, and reports success
        recheck-resubmit  | mmap           | FAILS NO_SILENT_CORRUPTION | the media holds bytes no writer wrote under a tuple that verifies
        recheck-resubmit  | mmap-2proc     | FAILS NO_SILENT_CORRUPTION | the same whichever writer stored last
        recheck-resubmit  | odirect        | FAILS NO_SILENT_CORRUPTION | pwrite returns success over a corrupt block
        recheck-resubmit  | journal        | HOLDS | sampled only: a flip of the log copy is blessed but only home blocks are judged; the flip during the checkpoint's home write, which it blesses too, needs a checkpoint in the instance and the flip in its window, which 5,000 window-explorer schedules miss and RecheckResubmitContractTest's exhaustive check finds
        recheck-resubmit  | ext3-ordered   | FAILS NO_SILENT_CORRUPTION | it re-checksums kjournald's flipped data page and the commit succeeds over it
        stable-pages      | buffered-write | HOLDS | a wait stops writers, not bad memory; the device still checks
        stable-pages      | mmap           | HOLDS | a wait stops writers, not bad memory; the device still checks
        stable-pages      | mmap-2proc     | HOLDS | a wait stops writers, not bad memory; the device still checks
        stable-pages      | odirect        | HOLDS | a wait stops writers, not bad memory; the device still checks
        stable-pages      | journal        | HOLDS | a wait stops writers, not bad memory; the device still checks
        stable-pages      | ext3-ordered   | HOLDS | a wait stops writers, not bad memory; the device still checks
        snap-stable       | buffered-write | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        snap-stable       | mmap           | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        snap-stable       | mmap-2proc     | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        snap-stable       | odirect        | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        snap-stable       | journal        | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        snap-stable       | ext3-ordered   | HOLDS | the check is untouched; where it copies, the flip hits either the page before the copy (rejected) or the copy the tuples do not match (rejected)
        dio-fallback-buffered | buffered-write | HOLDS | the check is untouched; the device rejects the flip
        dio-fallback-buffered | mmap           | HOLDS | the check is untouched; the device rejects the flip
        dio-fallback-buffered | mmap-2proc     | HOLDS | the check is untouched; the device rejects the flip
        dio-fallback-buffered | odirect        | HOLDS | the check is untouched; the device rejects the flip
        dio-fallback-buffered | journal        | HOLDS | the check is untouched; the device rejects the flip
        dio-fallback-buffered | ext3-ordered   | HOLDS | the check is untouched; the device rejects the flip
        iomap-dio-bounce  | buffered-write | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        iomap-dio-bounce  | mmap           | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        iomap-dio-bounce  | mmap-2proc     | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        iomap-dio-bounce  | odirect        | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        iomap-dio-bounce  | journal        | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        iomap-dio-bounce  | ext3-ordered   | HOLDS | the check is untouched; a flip of the copy the tuples came from is rejected
        """)
    void compareWithFaults_givesTheVerdictThatFollowsFromTheMechanism(String strategy, String scenario,
                                                                       String expected, String why) {
        String[] cell = CELLS.get(strategy + " " + scenario);
        String got = cell[2].equals("FAILS") ? "FAILS " + cell[3] : cell[2];
        assertEquals(expected, got, why + "\n" + String.join(",", cell));
        if (expected.equals("HOLDS")) {
            assertEquals("5000", cell[4], "a cell that holds ran its whole budget");
        } else {
            assertTrue(cell[6].contains("faults=flip"), "its counterexample replays with the fault");
        }
    }
}
