package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.run;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards writes that extend the file: a write past {@code i_size} grows it ({@code i_size_write}),
 * allocating the block first when the file had none there ({@code BH_New}); and its short copy
 * takes the failed-write path, whose zeroing ({@code page_zero_new_buffers},
 * {@code truncate_pagecache}) is a plain {@code memset} through the direct map: an oops where the
 * entry is read-only, unlike an overwrite's short copy, which is retried.
 */
class AppendTest {
    /** Makes the direct map read-only at the first write_begin, as if prep had and kintegrityd not yet undone it. */
    private static final class ReadOnlyAtFirstWrite implements Strategy {
        private boolean done;

        @Override
        public String description() {
            return "set_memory_ro at the first write_begin (test double)";
        }

        @Override
        public void writeBegin(PageHook write, Steps steps) {
            if (!done) {
                done = true;
                steps.add("set_memory_ro", write.page(), self -> {
                    write.kernel().setMemoryRo(write.page());
                    return StepResult.DONE;
                });
            }
        }
    }

    private static String dump(RunResult r) {
        return r.trace().stream().map(TraceEvent::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void aShortCopyIntoANewBlock_zeroesItsNewBuffer_andThatMemsetOopsesOnTheReadOnlyMap() {
        RunResult r = run("buffered-write size=0 A: write@0x100+8=0x11; B: fsync", new ReadOnlyAtFirstWrite(), "A6");
        assertTrue(r.trace().get(1).detail().contains("ext2_get_block allocates the block (BH_New)"), dump(r));
        TraceEvent copy = r.trace().get(indexOf(r.trace(), step('A', "copy_from_user"), 0));
        assertEquals("#PF on the read-only direct map: exception fixup, 0 bytes copied", copy.detail(), dump(r));
        TraceEvent zero = r.trace().get(indexOf(r.trace(), step('A', "page_zero_new_buffers"), 0));
        assertEquals(Property.NO_OOPS, r.firstViolation().property(), dump(r));
        assertEquals(zero.step(), r.firstViolation().step(), "the oops is page_zero_new_buffers'\n" + dump(r));
    }

    @Test
    void aShortCopyPastISizeInAnAllocatedBlock_truncatesThePagecache_andTheTailMemsetOopses() {
        RunResult r = run("buffered-write size=260 A: write@0x104+8=0x11; B: fsync", new ReadOnlyAtFirstWrite(), "A8");
        assertEquals(-1, indexOf(r.trace(), step('A', "page_zero_new_buffers"), 0), "the block was allocated already");
        TraceEvent truncate = r.trace().get(indexOf(r.trace(), step('A', "truncate_inode_pages"), 0));
        assertEquals(Property.NO_OOPS, r.firstViolation().property(), dump(r));
        assertEquals(truncate.step(), r.firstViolation().step(), dump(r));
        assertTrue(truncate.pageState().endsWith("i_size 0x104"), "i_size in the trace\n" + dump(r));
    }

    @Test
    void anOverwritesShortCopy_isRetried_notAnOops() {
        // The same fault inside i_size: generic_perform_write retries; the map stays read-only here, so it spins.
        RunResult r = run("buffered-write size=260 A: write@0x0+8=0x11; B: fsync", new ReadOnlyAtFirstWrite(), "A12");
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_OOPS), dump(r));
        assertTrue(r.trace().stream().filter(step('A', "copy_from_user")).count() >= 2, dump(r));
    }

    @Test
    void anAppendGrowsISize_andWritepageZeroesTheTailPastIt() {
        RunResult r = run("buffered-write size=0 A: write@0x100+8=0x11; B: fsync", Runs.NONE, "A4");
        assertTrue(r.holds(), dump(r));
        TraceEvent end = r.trace().get(indexOf(r.trace(), step('A', "write_end"), 0));
        assertTrue(end.detail().startsWith("i_size_write 0x0 -> 0x108"), dump(r));
        assertTrue(end.pageState().endsWith("i_size 0x108"), dump(r));
        TraceEvent writepage = r.trace().get(indexOf(r.trace(), step('B', "writepage"), 0));
        assertTrue(writepage.detail().startsWith("page straddles i_size 0x108"), dump(r));
    }

    @Test
    void aStorePastISize_isZeroedByWritepage_andNeverCountsAsTheFilesData() {
        // An mmap store past i_size changes the page; writepage zeroes that tail, and DURABLE checks [0, i_size).
        Simulation sim = new Simulation(Scenario.parse("mmap size=256 A: store@0x800+8=0x11; B: fsync"), "test",
                Runs.NONE).tracing(true);
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A5")));
        assertTrue(r.holds(), dump(r));
        assertTrue(r.trace().stream().anyMatch(e -> e.detail().startsWith("8 bytes of 0x11 at +0x800")), dump(r));
        assertEquals(0, sim.dataPage().data()[0x800], "zeroed by block_write_full_page");
    }
}
