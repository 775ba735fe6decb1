package dev.stablewrites.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import org.junit.jupiter.api.Test;

/** Guards that the kernel files each write to the page under the window its bios are in. */
class StoreWindowTest {
    private static final String MMAP = "mmap A: store@0x0+8=0x11; B: fsync";

    @Test
    void aStoreBeforeAnyBio_isBeforePrep() {
        // A stores (fault, lock, reuse, unlock, store: five steps) before B writes back anything.
        RunResult r = Runs.run(MMAP, Runs.NONE, "A5");
        assertEquals(1, r.coverage().attempts(StoreWindow.BEFORE_PREP));
        assertEquals(1, r.coverage().stores(StoreWindow.BEFORE_PREP));
        assertEquals(0, r.coverage().stores(StoreWindow.PREP_TO_COMPLETION));
    }

    @Test
    void aStoreAfterSubmitBeforeTheDeviceDmasIt_isBetweenPrepAndDma() {
        // The seed's race: A faults and is preempted before its store, B submits, A stores.
        RunResult r = Runs.run(MMAP, Runs.NONE, "A4B9A5");
        assertEquals(1, r.coverage().attempts(StoreWindow.BEFORE_PREP), "the fault began before prep");
        assertEquals(1, r.coverage().stores(StoreWindow.PREP_TO_COMPLETION), "the bytes changed after prep");
    }

    @Test
    void aStoreAfterTheBioCompleted_isAfterCompletion() {
        RunResult r = Runs.run("mmap A: store@0x0+8=0x11 store@0x8+8=0x22; B: fsync", Runs.NONE, "A5B9D10B2A5");
        assertEquals(1, r.coverage().stores(StoreWindow.BEFORE_PREP));
        assertEquals(1, r.coverage().attempts(StoreWindow.AFTER_COMPLETION), r.coverage().toString());
        assertEquals(1, r.coverage().stores(StoreWindow.AFTER_COMPLETION), r.coverage().toString());
    }

    @Test
    void coverageAddsUp() {
        Coverage a = new Coverage();
        a.store(StoreWindow.PREP_TO_COMPLETION);
        a.attempt(StoreWindow.BEFORE_PREP);
        Coverage sum = new Coverage();
        sum.add(a);
        sum.add(a);
        assertEquals(2, sum.stores(StoreWindow.PREP_TO_COMPLETION));
        assertEquals(2, sum.attempts(StoreWindow.BEFORE_PREP));
        assertEquals(0, sum.stores(StoreWindow.AFTER_COMPLETION));
    }
}
