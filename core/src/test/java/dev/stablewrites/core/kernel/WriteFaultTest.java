package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.count;
import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.run;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the user side of the race (docs/model.md §2.2): a store through a writable PTE is invisible to
 * the kernel, and {@code page_mkwrite} runs only on the read-only to writable transition.
 */
class WriteFaultTest {

    /** Counts its calls: the hook is the kernel's only chance to act on a store. */
    static final class CountingMkwrite implements Strategy {
        int calls;

        @Override
        public String description() {
            return "counts page_mkwrite";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            calls++;
        }
    }

    @Test
    void storeThroughWritablePte_runsNoKernelCode() {
        RunResult r = run("mmap A: store@0x0+8=0x11 store@0x8+8=0x22 store@0x10+8=0x33; B: fsync", Runs.NONE, "A7");
        List<TraceEvent> t = r.trace();
        // One fault for the first store; the second and third are single steps, no lock, no flag change.
        // The first touch of a shared mapping is do_shared_fault; ->page_mkwrite then finish_fault maps it writable.
        assertEquals(List.of("store", "lock_page", "finish_fault", "unlock_page", "store", "store", "store"),
                t.subList(0, 7).stream().map(TraceEvent::function).toList());
        assertTrue(t.get(5).detail().contains("no kernel code"), t.get(5).detail());
        assertEquals(t.get(4).pageState(), t.get(6).pageState());
        assertEquals(1, r.costs().faults);
    }

    @Test
    void pageMkwrite_isCalledOnlyOnTheReadOnlyToWritableTransition() {
        CountingMkwrite s = new CountingMkwrite();
        run("mmap A: store@0x0+8=0x11 store@0x8+8=0x22 store@0x10+8=0x33; B: fsync", s, "A7");
        assertEquals(1, s.calls, "three stores, one transition");

        CountingMkwrite again = new CountingMkwrite();
        // Writeback in between write-protects the PTE: the next store faults and page_mkwrite runs again.
        RunResult r = run("mmap A: store@0x0+8=0x11 store@0x8+8=0x22; B: fsync", again, "A5B8D10B2A5");
        assertEquals(2, again.calls);
        assertEquals(2, r.costs().faults);
    }

    @Test
    void writeFault_locksDirtiesMakesWritableUnlocksThenRetriesTheStore() {
        RunResult r = run("mmap A: store@0x0+8=0x11; B: fsync", Runs.NONE, "A5");
        List<TraceEvent> t = r.trace();
        assertTrue(t.get(0).detail().contains("do_shared_fault"), t.get(0).detail());
        assertEquals("locked pte pid1:- dmap rw", t.get(1).pageState(), "mapped, not yet present");
        assertEquals("locked|dirty pte pid1:rw+d dmap rw", t.get(2).pageState());
        assertEquals("dirty pte pid1:rw+d dmap rw", t.get(3).pageState());
        assertEquals("store", t.get(4).function());
        assertTrue(t.get(4).detail().contains("writable PTE"));
    }

    @Test
    void storeAfterWritebackStarted_faultsAgainAndRedirtiesThePageUnderWriteback() {
        RunResult r = run("mmap A: store@0x0+8=0x11 store@0x0+8=0x22; B: fsync", Runs.NONE, "A5B8A5");
        // The first fault maps the page in (do_shared_fault); the one after page_mkclean is do_wp_page.
        int second = indexOf(r.trace(), step('A', "wp_page_reuse"), 0);
        assertTrue(second > 0);
        assertEquals("locked|dirty|writeback pte pid1:rw+d dmap rw", r.trace().get(second).pageState());
        assertEquals(1, count(r.trace(), e -> e.detail().contains("do_shared_fault")));
        assertEquals(1, count(r.trace(), e -> e.detail().contains("do_wp_page")));
        assertFalse(r.holds());
    }

    @Test
    void pageMkwrite_dirtiesThePageUnderItsLock_beforeTheStrategysSteps() {
        boolean[] seen = new boolean[2];
        Strategy looks = new Strategy() {
            @Override
            public String description() {
                return "looks at the page from page_mkwrite";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                steps.add("look", fault.page(), self -> {
                    seen[0] = fault.page().test(dev.stablewrites.core.mm.Page.PG_DIRTY);
                    seen[1] = fault.page().test(dev.stablewrites.core.mm.Page.PG_LOCKED);
                    return dev.stablewrites.core.sched.StepResult.DONE;
                });
            }
        };
        run("mmap A: store@0x0+8=0x11; B: fsync", looks, "A3");
        assertTrue(seen[0], "block_page_mkwrite dirties before 3.0's wait");
        assertTrue(seen[1]);
    }
}
