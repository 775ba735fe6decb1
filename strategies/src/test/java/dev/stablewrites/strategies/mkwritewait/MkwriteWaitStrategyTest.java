package dev.stablewrites.strategies.mkwritewait;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.strategies.Runs;
import org.junit.jupiter.api.Test;

/**
 * Guards Linux 3.0's waits: a writer that reaches {@code page_mkwrite} or {@code write_begin} while
 * the page is under writeback sleeps until {@code end_page_writeback}, with the page locked; and
 * a store that reaches the page by no such path is not stopped.
 */
class MkwriteWaitStrategyTest {

    @Test
    void writeFault_onPageUnderWriteback_sleepsUntilEndPageWriteback() {
        // A dirties the page; B's fsync starts writeback; A faults again and must wait for the disk.
        RunResult r = replay("mkwrite-wait", "mmap", "A6B8A4D12");
        TraceEvent sleep = Runs.steps(r, 'A', "wait_on_page_writeback").get(1);
        assertEquals("sleeps until end_page_writeback", sleep.detail(), dump(r));
        assertEquals("locked|dirty|writeback pte pid1:ro dmap rw", sleep.pageState(),
                "the wait comes after lock_page and set_page_dirty, with the PTE still read-only");
        TraceEvent end = first(r, 'D', "end_page_writeback");
        TraceEvent reuse = Runs.steps(r, 'A', "wp_page_reuse").get(0); // the first fault was finish_fault
        assertTrue(end.step() < reuse.step(), "the PTE is made writable only after writeback ended\n" + dump(r));
        for (TraceEvent e : r.trace()) {
            if (e.step() > sleep.step() && e.step() < end.step()) {
                assertTrue(e.actor() != 'A', "A ran while asleep on writeback\n" + dump(r));
            }
        }
        assertTrue(r.holds(), dump(r));
        assertTrue(r.costs().writerStallSteps >= end.step() - sleep.step(), r.costs().toString());
    }

    @Test
    void writeBegin_onPageUnderWriteback_sleepsUntilEndPageWriteback() {
        // A writes once; B's fsync starts writeback; A's second write() waits in write_begin.
        RunResult r = replay("mkwrite-wait", "buffered-write", "A4B8A2D12");
        TraceEvent sleep = Runs.steps(r, 'A', "wait_on_page_writeback").get(1);
        assertEquals("sleeps until end_page_writeback", sleep.detail(), dump(r));
        assertEquals("locked|writeback dmap rw", sleep.pageState(), "write_begin waits with the page locked");
        TraceEvent copy = Runs.steps(r, 'A', "copy_from_user").get(1);
        assertTrue(first(r, 'D', "end_page_writeback").step() < copy.step(), dump(r));
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void pageNotUnderWriteback_doesNotWait() {
        RunResult r = replay("mkwrite-wait", "mmap", "A6");
        TraceEvent wait = first(r, 'A', "wait_on_page_writeback");
        assertEquals("", wait.detail(), "no writeback, no sleep");
        assertEquals(0, r.costs().writerStallSteps);
    }

    @Test
    void oDirectBufferStore_isNotStopped_becauseNothingWaitsWithoutPgWriteback() {
        // A pins its buffer and submits; B stores to it through its writable PTE before the DMA.
        RunResult r = replay("mkwrite-wait", "odirect", "A3B1D12");
        TraceEvent store = first(r, 'B', "store");
        assertTrue(store.detail().contains("writable PTE: no kernel code"), dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
        assertEquals(0, Runs.steps(r, 'B', "wait_on_page_writeback").size());
    }

    @Test
    void journalUpdate_duringTheLogWrite_isStoppedByJbd2_notByThisWait() {
        // The update comes while the commit writes the buffer's page to the log: jbd2's BH_Shadow wait.
        RunResult r = replay("mkwrite-wait", "journal A: update@0x0+1=0x11 update@0x0+1=0x22; J: commit", "A5J5A3D9");
        assertTrue(r.holds(), dump(r));
        assertEquals("on shadow: the commit is writing this buffer to the log; unlock_buffer, sleep",
                Runs.steps(r, 'A', "jbd2_journal_get_write_access").get(1).detail(), dump(r));
        assertEquals(0, Runs.steps(r, 'A', "wait_on_page_writeback").size());
    }
}
