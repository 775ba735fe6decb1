package dev.stablewrites.strategies.none;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the baseline: {@code none}, found through ServiceLoader, reproduces the race of the 2011
 * thread in its five steps, and does not fail when the store comes after completion.
 */
class NoneStrategyTest {
    private final StrategyCatalog catalog = StrategyCatalog.discover();

    private RunResult replay(String schedule) {
        return new Simulation(Scenario.parse("mmap"), "none", catalog.create("none")).tracing(true)
                .run(new ScheduleChooser(Schedule.parse(schedule)));
    }

    @Test
    void none_isDiscoveredThroughServiceLoader_withADescription() {
        assertTrue(catalog.ids().contains("none"));
        assertTrue(catalog.create("none").description().contains("before 3.0"));
    }

    @Test
    void seedsFiveSteps_violateNoFalseEio() {
        // 1. A write-faults, page_mkwrite sees no writeback; 2. A stores through its writable PTE;
        // 3. B's fsync checksums the page and queues it; 4. A faults again and stores before the DMA;
        // 5. the device gets data that does not match its checksum, and fsync returns EIO.
        RunResult r = replay("A5" + "B8" + "A5" + "D9" + "B3");
        List<TraceEvent> t = r.trace();
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property());
        assertTrue(t.get(0).detail().contains("do_shared_fault"), t.get(0).detail());
        assertTrue(t.get(4).detail().contains("writable PTE"));
        assertEquals("submit_bio", t.get(12).function());
        assertTrue(t.get(13).detail().contains("do_wp_page"), "step 4: the PTE was write-protected, A faults");
        assertEquals("locked|dirty|writeback pte pid1:rw+d dmap rw", t.get(15).pageState(),
                "none lets page_mkwrite make a page under writeback writable");
        assertTrue(t.get(17).detail().contains("0x22"));
        assertTrue(t.get(18).detail().contains("BLK_STS_PROTECTION"));
        assertEquals("fsync returns -EIO", t.get(22).detail());
        assertTrue(r.syscalls().get(0).eio());
    }

    @Test
    void storeMovedAfterCompletion_holds() {
        RunResult r = replay("A5" + "B8" + "D10" + "B2" + "A5");
        assertTrue(r.holds(), String.valueOf(r.violations()));
        assertEquals(2, r.costs().faults);
    }
}
