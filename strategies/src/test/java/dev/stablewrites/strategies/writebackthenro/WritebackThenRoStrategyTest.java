package dev.stablewrites.strategies.writebackthenro;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static dev.stablewrites.strategies.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * Guards the 2011 proposal as Linux would run it: {@code set_page_writeback} then
 * {@code set_memory_ro} at prep, the undo on kintegrityd after completion, and what a read-only
 * direct map does and does not stop.
 */
class WritebackThenRoStrategyTest {

    @Test
    void directMap_isReadOnlyFromPrepToSetMemoryRw_whileTheUserPteStaysWritable() {
        // A submits an O_DIRECT write; B stores to the buffer during the I/O; kintegrityd undoes.
        RunResult r = replay("writeback-then-ro", "odirect", "A5B1D12K2");
        TraceEvent ro = first(r, 'A', "set_memory_ro");
        TraceEvent rw = first(r, 'K', "set_memory_rw");
        for (TraceEvent e : r.trace()) {
            if (e.step() >= ro.step() && e.step() < rw.step()) {
                assertTrue(e.pageState().endsWith("pte pid1:rw+d dmap ro"), "step " + e.step() + "\n" + dump(r));
            }
        }
        assertTrue(rw.pageState().endsWith("dmap rw"), dump(r));
        assertTrue(first(r, 'B', "store").detail().contains("writable PTE: no kernel code"),
                "set_memory_ro protects no user PTE\n" + dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }

    @Test
    void prep_setsWritebackBeforeReadOnly_andKintegrityd_endsTheWritebackItStarted() {
        RunResult r = replay("writeback-then-ro", "odirect", "A5B1D12K2");
        TraceEvent wb = first(r, 'A', "set_page_writeback");
        TraceEvent ro = first(r, 'A', "set_memory_ro");
        assertTrue(wb.step() < ro.step(), dump(r));
        assertEquals("writeback pte pid1:rw+d dmap rw", wb.pageState(), "PG_writeback first, the map still writable");
        TraceEvent end = first(r, 'K', "end_page_writeback");
        assertTrue(end.detail().contains("bio_integrity_prep started"), dump(r));
        assertTrue(first(r, 'K', "set_memory_rw").step() < end.step(), "the undo nests: rw first\n" + dump(r));
        assertFalse(end.pageState().contains("writeback"), dump(r));
    }

    @Test
    void pageCachePage_isAlreadyUnderWriteback_soKintegrityd_leavesItsEndToTheFilesystem() {
        RunResult r = replay("writeback-then-ro", "mmap", "A6B8D12K2A6");
        assertTrue(first(r, 'B', "set_page_writeback").step() < first(r, 'B', "set_memory_ro").step());
        assertEquals("already under writeback: left to whoever set it", steps(r, 'B', "set_page_writeback").get(1).detail(),
                dump(r));
        assertEquals(2, steps(r, 'D', "end_page_writeback").size(), "the filesystem's end_io ends B's and Q's");
        assertEquals(0, steps(r, 'K', "end_page_writeback").size(), "kintegrityd must not end it twice");
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void setMemoryRw_runsAfterEndPageWriteback_andTheWriterStoresMeanwhile() {
        // The page-cache completion ends writeback in the disk's context; kintegrityd runs later.
        RunResult r = replay("writeback-then-ro", "mmap", "A6B8D12A6K2");
        TraceEvent end = first(r, 'D', "end_page_writeback");
        TraceEvent rw = first(r, 'K', "set_memory_rw");
        assertTrue(end.step() < rw.step(), dump(r));
        TraceEvent store = steps(r, 'A', "store").stream().filter(e -> e.step() > end.step() && e.step() < rw.step())
                .filter(e -> e.detail().contains("writable PTE")).findFirst().orElseThrow(() -> new AssertionError(dump(r)));
        assertTrue(store.pageState().endsWith("dmap ro"), "a user store with the direct map read-only\n" + dump(r));
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void bufferedWrite_copyFromUser_onTheReadOnlyMap_comesBackShort_andSucceedsAfterSetMemoryRw() {
        // A writes; B's fsync completes; A's next write() finds the direct map still read-only.
        RunResult r = replay("writeback-then-ro", "buffered-write", "A4B10D11A4K1");
        TraceEvent shortCopy = steps(r, 'A', "copy_from_user").get(1);
        assertEquals("#PF on the read-only direct map: exception fixup, 0 bytes copied", shortCopy.detail(), dump(r));
        TraceEvent rw = first(r, 'K', "set_memory_rw");
        TraceEvent copied = steps(r, 'A', "copy_from_user").stream().filter(e -> e.step() > rw.step()).findFirst()
                .orElseThrow(() -> new AssertionError(dump(r)));
        assertTrue(copied.detail().contains("through the direct map"), dump(r));
        assertTrue(r.holds(), "a short copy is retried, never an oops\n" + dump(r));
    }

    @Test
    void journalUpdate_toTheReadOnlyBuffer_oopses() {
        // jbd2 lets the update go at the log write's completion (BH_Shadow cleared in
        // journal_end_buffer_io_sync); kintegrityd has not run set_memory_rw yet: the memcpy oopses.
        RunResult r = replay("writeback-then-ro", "journal A: update@0x0+1=0x11 update@0x0+1=0x22; J: commit", "A2J2A4J9D22");
        assertEquals(Property.NO_OOPS, r.firstViolation().property(), dump(r));
        assertTrue(r.firstViolation().message().contains("read-only direct map"), dump(r));
        TraceEvent unshadow = steps(r, 'D', "journal_end_buffer_io_sync").get(1);
        TraceEvent memcpy = steps(r, 'A', "memcpy to buffer (direct map)").get(1);
        assertTrue(unshadow.step() < memcpy.step() && memcpy.pageState().endsWith("dmap ro"), dump(r));
        assertTrue(steps(r, 'K', "set_memory_rw").stream().allMatch(e -> e.step() > memcpy.step()), dump(r));
    }

    @Test
    void eachProtectedPage_costsTwoKernelTlbFlushes() {
        // Two O_DIRECT writes (A's and the quiesce's): set_memory_ro and set_memory_rw for each.
        RunResult r = replay("writeback-then-ro", "odirect", "A5B1D12K2");
        assertEquals(4, r.costs().tlbFlushes, r.costs().toString());
        assertEquals(0, r.costs().pteWriteProtects);
    }

    @Test
    void kintegrityd_undoingOneWrite_stripsTheNextWritesProtection() {
        // Two O_DIRECT writes: the second is submitted before kintegrityd has undone the first, so its prep
        // finds PG_writeback set and leaves it; the first's work then ends it and makes the map writable.
        RunResult r = replay("writeback-then-ro", "odirect A: dio dio; B: store@0x0+8=0x11", "A5D11A6K2B1");
        assertEquals("already under writeback: left to whoever set it", steps(r, 'A', "set_page_writeback").get(1).detail(),
                dump(r));
        TraceEvent rw = first(r, 'K', "set_memory_rw");
        assertTrue(rw.detail().endsWith("; the next bio on the page loses it too"), dump(r));
        assertTrue(first(r, 'K', "end_page_writeback").detail().endsWith("; the next bio on the page loses it too"));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }
}
