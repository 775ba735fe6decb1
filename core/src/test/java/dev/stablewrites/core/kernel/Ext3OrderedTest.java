package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.run;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards the unstable journal path Linux really had: ext3 {@code data=ordered}, where kjournald
 * writes a file's data page with {@code submit_bh} under the buffer lock only. No
 * {@code PG_writeback} is set and no PTE is cleaned, so neither the 3.0 waits nor a write fault stop
 * a writer; a mismatch is recorded on the mapping for the next fsync. And the buffer lock still
 * orders kjournald's write against writepage's.
 */
class Ext3OrderedTest {
    private static final String SCENARIO =
            "ext3-ordered A: write@0x0+1=0x16; B: fsync; C: store@0x0+1=0xb5; J: commit";

    private static String dump(RunResult r) {
        return r.trace().stream().map(TraceEvent::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void kjournaldsDataWrite_setsNoPgWriteback_leavesThePteWritable_andAStoreLandsDuringTheDma() {
        // A writes (its buffer joins transaction 1); C faults the page in; J commits and submits the data;
        // C stores through its still-writable PTE before the DMA.
        RunResult r = run(SCENARIO, Runs.NONE, "A4C4J5C1");
        int submit = indexOf(r.trace(), step('J', "submit_bio"), 0);
        int mismatch = indexOf(r.trace(), e -> e.detail().contains("BLK_STS_PROTECTION"), 0);
        for (TraceEvent e : r.trace().subList(submit, mismatch)) {
            assertFalse(e.pageState().contains("writeback"), "no PG_writeback for a submit_bh write\n" + dump(r));
        }
        TraceEvent store = r.trace().get(indexOf(r.trace(), step('C', "store"), 1));
        assertTrue(store.step() > r.trace().get(submit).step() && store.detail().contains("writable PTE: no kernel code"),
                dump(r));
        assertTrue(r.trace().get(mismatch + 1).detail().startsWith("bio(ext3_data, sector 0"), dump(r));
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'J' && e.detail().contains("AS_EIO on the mapping")),
                dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
        assertTrue(r.firstViolation().message().startsWith("fsync"), "the error reaches the next fsync");
    }

    @Test
    void writepage_waitsForKjournaldsBufferLock_thenFindsTheBufferClean() {
        RunResult r = run(SCENARIO, Runs.NONE, "A4J3B5");
        assertTrue(r.holds(), dump(r));
        TraceEvent sleep = r.trace().get(indexOf(r.trace(), step('B', "lock_buffer"), 0));
        assertEquals("sleeps: buffer locked by J", sleep.detail(), dump(r));
        TraceEvent writepage = r.trace().get(indexOf(r.trace(), step('B', "writepage"), 0));
        assertEquals("buffer clean: submit_bh wrote it already; nothing to write", writepage.detail(), dump(r));
        assertTrue(writepage.step() > r.trace().get(indexOf(r.trace(), step('D', "end_buffer_write_sync"), 0)).step());
    }

    @Test
    void aWriteDuringTheCommit_isNotStoppedByAnything() {
        // A's second write comes while J's data write is in flight: write_begin finds no PG_writeback.
        RunResult r = run("ext3-ordered A: write@0x0+1=0x11 write@0x0+1=0x22; B: fsync; C: store@0x100+1=0x33; J: commit",
                Runs.NONE, "A4J5A4");
        TraceEvent copy = r.trace().get(indexOf(r.trace(), step('A', "copy_from_user"), 1));
        assertTrue(copy.detail().startsWith("1 bytes of 0x22"), dump(r));
        assertTrue(copy.step() < r.trace().get(indexOf(r.trace(), step('D', "dma"), 0)).step(), dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }
}
