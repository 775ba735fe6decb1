package dev.stablewrites.strategies.rothenwriteback;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static dev.stablewrites.strategies.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * Guards the order the 2011 thread warns about: {@code set_memory_ro} before
 * {@code set_page_writeback} leaves a step where the page is read-only and not under writeback.
 */
class RoThenWritebackStrategyTest {

    @Test
    void prep_setsMemoryRoFirst_leavingAStepReadOnlyWithoutWriteback() {
        RunResult r = replay("ro-then-writeback", "odirect", "A5B1D12K2");
        TraceEvent ro = first(r, 'A', "set_memory_ro");
        TraceEvent wb = first(r, 'A', "set_page_writeback");
        assertEquals(ro.step() + 1, wb.step(), dump(r));
        assertEquals("- pte pid1:rw+d dmap ro", ro.pageState(), "Andreas Dilger's window: read-only, no PG_writeback");
        assertEquals("writeback pte pid1:rw+d dmap ro", wb.pageState());
    }

    @Test
    void onThePageCache_writepagesSetWritebackBeforeEither_soTheWindowDoesNotExist() {
        RunResult r = replay("ro-then-writeback", "mmap", "A6B8D12K2A6");
        TraceEvent ro = steps(r, 'B', "set_memory_ro").get(0);
        assertTrue(ro.pageState().startsWith("writeback"), dump(r));
        assertTrue(r.holds(), dump(r));
    }

    @Test
    void oDirectBufferStore_stillReachesTheDevice() {
        RunResult r = replay("ro-then-writeback", "odirect", "A5B1D12K2");
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }

    @Test
    void journalUpdate_toTheReadOnlyBuffer_oopses() {
        // The log copy shares the buffer's page; its completion unshadows the buffer before kintegrityd's set_memory_rw.
        RunResult r = replay("ro-then-writeback", "journal A: update@0x0+1=0x11 update@0x0+1=0x22; J: commit", "A2J2A4J9D22");
        assertEquals(Property.NO_OOPS, r.firstViolation().property(), dump(r));
    }
}
