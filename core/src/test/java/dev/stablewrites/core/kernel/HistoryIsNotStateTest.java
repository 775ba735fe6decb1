package dev.stablewrites.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.state.StateFingerprint;
import org.junit.jupiter.api.Test;

/**
 * The order in which things happened, where no step reads it, is not state: two runs that reach the
 * same system by two orders are one state to the search. What happened still is.
 */
class HistoryIsNotStateTest {

    private static Simulation fresh() {
        return new Simulation(Scenario.parse("buffered-write A: write@0x100+8=0x11; B: fsync"), "test", Runs.NONE);
    }

    @Test
    void whichSystemCallReturnedFirst_isNotState() {
        Simulation one = fresh();
        Simulation two = fresh();
        one.kernel().returnToUser(one.actor('A'), "write", false, 8, false);
        one.kernel().returnToUser(one.actor('B'), "fsync", false, 0, false);
        two.kernel().returnToUser(two.actor('B'), "fsync", false, 0, false);
        two.kernel().returnToUser(two.actor('A'), "write", false, 8, false);
        assertEquals(StateFingerprint.of(one), StateFingerprint.of(two));
        assertEquals(2, two.kernel().syscalls().size(), "still recorded, for reports and tests");
    }

    @Test
    void theOrderContentsBecameLegitimate_isNotState_butWhichOnesDid_is() {
        Simulation one = fresh();
        Simulation two = fresh();
        store(one, 1, 2, 3);
        store(two, 2, 1, 3);
        assertEquals(StateFingerprint.of(one), StateFingerprint.of(two), "the same contents met in another order");
        Simulation three = fresh();
        store(three, 1, 3);
        assertNotEquals(StateFingerprint.of(one), StateFingerprint.of(three),
                "a content a writer gave the block is what NO_SILENT_CORRUPTION accepts later");
    }

    /** Stores each value at +0x100 in turn, as a writer's steps would, telling the record of contents. */
    private static void store(Simulation sim, int... values) {
        Page page = sim.dataPage();
        for (int v : values) {
            page.data()[0x100] = (byte) v;
            sim.writtenContents().stored(page, 0x100, 1);
        }
    }
}
