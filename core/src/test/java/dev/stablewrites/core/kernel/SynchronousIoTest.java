package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the paths that wait for their own bio (docs/model.md §2.7, §2.8): an O_DIRECT {@code pwrite} and a
 * jbd2 commit return only after the device completed the bio, and report its error.
 */
class SynchronousIoTest {
    private static final String ODIRECT = "odirect A: dio; B: store@0x0+8=0x11";
    private static final String JOURNAL = "journal A: update@0x0+8=0x11; J: commit";

    private static RunResult run(String scenario, String schedule, long injectAt) {
        Simulation sim = new Simulation(Scenario.parse(scenario), "test", Runs.NONE).tracing(true);
        if (injectAt >= 0) {
            sim.kernel().injectWriteError(injectAt);
        }
        return sim.run(new ScheduleChooser(Schedule.parse(schedule)));
    }

    private static List<Boolean> eios(RunResult r, char actor) {
        return r.syscalls().stream().filter(s -> s.actor() == actor).map(SyscallResult::eio).toList();
    }

    @Test
    void odirectPwrite_returnsOnlyAfterTheDeviceCompletedTheBio() {
        RunResult r = run(ODIRECT, "A3D10", -1); // A submits and sleeps; D DMAs and completes; then B
        assertTrue(r.holds(), String.valueOf(r.violations()));
        int completed = indexOf(r.trace(), step('D', "bio_endio"), 0);
        int returned = indexOf(r.trace(), step('A', "iomap_dio_complete"), 0);
        assertTrue(completed >= 0 && returned > completed, "returned at " + returned + ", completed at " + completed);
        assertEquals(List.of(false), eios(r, 'A'));
    }

    @Test
    void odirectPwrite_reportsAnInjectedMediaError_asARealEio() {
        RunResult r = run(ODIRECT, "A3D10", 2);
        assertEquals(List.of(true), eios(r, 'A'));
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO));
    }

    @Test
    void journalCommit_returnsOnlyAfterTheBufferIoCompleted() {
        RunResult r = run(JOURNAL, "A3J3D10", -1);
        assertTrue(r.holds(), String.valueOf(r.violations()));
        int completed = indexOf(r.trace(), step('D', "bio_endio"), 0);
        int returned = indexOf(r.trace(), step('J', "jbd2 commit done"), 0);
        assertTrue(completed >= 0 && returned > completed, "returned at " + returned + ", completed at " + completed);
    }

    @Test
    void journalCommit_reportsAnInjectedMediaError() {
        // lba 16 is the log copy's first block (the journal area follows the home page: descriptor at 8).
        RunResult r = run(JOURNAL, "A6J3D10", 16);
        assertEquals(List.of(true), eios(r, 'J'));
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO));
    }
}
