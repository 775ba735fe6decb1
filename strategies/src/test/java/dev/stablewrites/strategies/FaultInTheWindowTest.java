package dev.stablewrites.strategies;

import static dev.stablewrites.strategies.Runs.dump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each strategy does with a fault in the DMA window, on one fixed schedule: A stores, B's
 * fsync checksums the page and sleeps, then the fault actor {@code F} strikes before the disk has
 * read the interval it hits. Guards the claim of the README's "what each fix still detects and
 * what it blesses": a fix that regenerates tuples from what memory holds turns a fault into
 * {@code NO_SILENT_CORRUPTION}, every other fix leaves it for the device to reject or stops it.
 */
class FaultInTheWindowTest {
    /** As many steps of A, then of B, as either takes before B sleeps: F then goes, D after it. */
    private static final String SCHEDULE = "A9B20F1";

    enum Outcome {
        /** The device rejects the write, fsync returns an EIO the fault excuses, the media keeps good bytes. */
        REJECTED,
        /** A read-only direct map turns the stray store into an oops of the driver; the write is good. */
        CAUGHT,
        /** The fault hits memory the device does not read; the write succeeds with the writer's bytes. */
        MISSED_THE_COPY,
        /** The fix regenerates tuples over the corrupt bytes; the write succeeds and the media is corrupt. */
        BLESSED,
        /** The fix resends the intact page after the device rejected what the wire corrupted; the write succeeds. */
        REPAIRED
    }

    @ParameterizedTest(name = "{0}, faults={1}: {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
        none              | flip  | REJECTED        | no fix: the device finds the flipped bit against the tuple, fsync gets an excused EIO
        none              | stray | REJECTED        | the direct map is writable, so the stray byte lands and the device rejects it
        mkwrite-wait      | flip  | REJECTED        | a wait stops writers, not bad memory: the device rejects the flip
        mkwrite-wait      | stray | REJECTED        | page_mkwrite never sees a kernel store: the device rejects it
        writeback-then-ro | flip  | REJECTED        | set_memory_ro guards the direct map only; a flip uses none, the device rejects it
        writeback-then-ro | stray | CAUGHT          | the read-only direct map turns the buggy driver's store into its oops
        ro-then-writeback | flip  | REJECTED        | the same as writeback-then-ro: the flip bypasses every mapping
        ro-then-writeback | stray | CAUGHT          | the read-only direct map catches the stray store whichever order set it
        bounce            | flip  | REJECTED        | the bio carries the copy; the flip hits the copy, which the device rejects
        bounce            | stray | MISSED_THE_COPY | the copy was made at prep; the stray byte hits the page cache page the device no longer reads
        recheck-resubmit  | flip  | BLESSED         | it re-checksums the flipped page, resubmits, and the media holds bytes no writer wrote
        recheck-resubmit  | stray | BLESSED         | it regenerates the tuples over the stray byte: the device's check is turned off
        none              | wire  | REJECTED        | the disk finds the bit the wire flipped; memory was right, the write is lost all the same
        bounce            | wire  | REJECTED        | the copy was right, the wire was not: the device rejects it
        recheck-resubmit  | wire  | REPAIRED        | memory is intact, so regenerating and resending sends the writer's bytes: the retry saves the write
        """)
    void aFaultInTheWindow(String strategy, String fault, Outcome outcome, String why) {
        Simulation sim = new Simulation(Scenario.parse("mmap faults=" + fault + " A: store@0x0+1=0x11; B: fsync"),
                strategy, Runs.CATALOG.create(strategy)).tracing(true);
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse(SCHEDULE)));
        String trace = why + "\n" + dump(r);
        boolean fsyncEio = r.syscalls().stream().filter(c -> c.actor() == 'B').anyMatch(c -> c.eio());
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'F'), "the fault fired\n" + trace);
        assertTrue(sim.kernel().violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO),
                "an EIO the fault caused is excused\n" + trace);
        switch (outcome) {
            case REJECTED -> {
                assertTrue(fsyncEio, trace);
                assertTrue(r.trace().stream().anyMatch(e -> e.detail().endsWith("BLK_STS_PROTECTION")), trace);
                assertTrue(r.holds(), trace);
            }
            case CAUGHT -> {
                assertTrue(sim.actor('F').dead(), trace);
                assertFalse(fsyncEio, trace);
                assertTrue(r.holds(), trace);
            }
            case MISSED_THE_COPY -> {
                assertFalse(sim.actor('F').dead(), trace);
                assertFalse(fsyncEio, trace);
                assertTrue(sim.writtenContents().legitimate(sim.kernel().device().legs().get(0).media(), 7), trace);
                assertTrue(r.holds(), trace);
            }
            case REPAIRED -> {
                assertFalse(fsyncEio, trace);
                assertEquals(1, r.costs().resubmits, trace);
                assertTrue(sim.writtenContents().legitimate(sim.kernel().device().legs().get(0).media(), 0), trace);
                assertTrue(r.holds(), trace);
            }
            case BLESSED -> {
                assertFalse(fsyncEio, "the caller is told the write succeeded\n" + trace);
                assertEquals(Property.NO_SILENT_CORRUPTION, r.firstViolation().property(), trace);
            }
        }
    }
}
