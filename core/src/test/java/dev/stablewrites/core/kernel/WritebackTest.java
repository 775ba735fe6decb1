package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioGenerator;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Guards page-cache writeback and fsync (docs/model.md §2.5): error reporting, no redirtying of a failed
 * page, waiting on a page already under writeback, and which paths set {@code PG_writeback}.
 */
class WritebackTest {

    @Test
    void failedWrite_isNotRedirtied_nextFsyncReturnsEio_theOneAfterDoesNot() {
        Simulation sim = new Simulation(Scenario.parse("buffered-write A: write@0x0+8=0x11; B: fsync fsync"), "test",
                Runs.NONE).tracing(true);
        sim.kernel().injectWriteError(0);

        RunResult r = sim.run(new ScheduleChooser(Schedule.empty()));

        List<SyscallResult> fsyncs = r.syscalls().stream().filter(s -> s.call().equals("fsync")).toList();
        assertEquals(List.of(true, false, false), fsyncs.stream().map(SyscallResult::eio).toList(),
                "B's first fsync reports the error, its second and the quiesce's do not");
        int end = indexOf(r.trace(), step('D', "end_page_writeback"), 0);
        assertEquals("error dmap rw", r.trace().get(end).pageState(), "not dirty: the data is lost");
        // The loss is real: the media never got the data, and no EIO was false (the fault was injected).
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO));
        assertEquals(Property.DURABLE, r.firstViolation().property());
    }

    @Test
    void anInjectedFault_excusesOnlyTheEioItCauses_notARaceEioBeforeIt() {
        // The seed race fails the bio at lba 0, so the error armed at lba 5 fires only on the quiesce's write.
        Simulation sim = new Simulation(Scenario.parse("mmap"), "test", Runs.NONE).tracing(true);
        sim.kernel().injectWriteError(5);

        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A5B8A5D9B3")));

        List<Boolean> eios = r.syscalls().stream().filter(s -> s.call().equals("fsync")).map(SyscallResult::eio).toList();
        assertEquals(List.of(true, true), eios, "B's fsync (the race) and Q's (the injected fault)");
        assertEquals(1, r.violations().stream().filter(v -> v.property() == Property.NO_FALSE_EIO).count());
        assertTrue(r.firstViolation().message().contains("fsync caller"), r.firstViolation().message());
    }

    @Test
    void anInjectedFaultOnRaid1_failsBothLegs_soTheWriteFails() {
        Simulation sim = new Simulation(Scenario.parse("buffered-write device=raid1 A: write@0x0+8=0x11; B: fsync"),
                "test", Runs.NONE);
        sim.kernel().injectWriteError(0);
        RunResult r = sim.run(new ScheduleChooser(Schedule.empty()));
        assertTrue(r.syscalls().stream().filter(s -> s.actor() == 'B').allMatch(SyscallResult::eio));
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO), "a real error");
    }

    @Test
    void raid1_oneLegFailedByInjection_theOtherByTheRace_theEioIsNotFalse() {
        // Leg D takes lba 0, then fails at lba 2 (injected); A changes interval 0 before leg E reaches it.
        Simulation sim = new Simulation(Scenario.parse("mmap device=raid1"), "test", Runs.NONE).tracing(true);
        sim.kernel().device().legs().get(0).injectWriteError(2);
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A5B8D3A5E3B3")));
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'D' && e.detail().contains("injected media error")));
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'E' && e.detail().contains("BLK_STS_PROTECTION")));
        assertEquals(List.of(true), r.syscalls().stream().filter(s -> s.actor() == 'B').map(SyscallResult::eio).toList());
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO),
                String.valueOf(r.violations()));
    }

    @Test
    void aRewriteAfterAFailedWrite_clearsPgError_whenItsWritebackStarts() {
        // A's first write fails on the media; its second redirties the page; the quiesce writes it again.
        Simulation sim = new Simulation(Scenario.parse("buffered-write A: write@0x0+8=0x11 write@0x0+8=0x22; B: fsync"),
                "test", Runs.NONE).tracing(true);
        sim.kernel().injectWriteError(0);
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A3B30D30")));

        int failed = indexOf(r.trace(), step('D', "end_page_writeback"), 0);
        assertTrue(r.trace().get(failed).pageState().startsWith("error"), r.trace().get(failed).pageState());
        TraceEvent rewrite = r.trace().get(indexOf(r.trace(), step('Q', "set_page_writeback"), 0));
        assertEquals("ClearPageError, as ext4_bio_write_page does", rewrite.detail());
        assertFalse(rewrite.pageState().contains("error"), rewrite.pageState());
    }

    @Test
    void setPageWriteback_happensWhileThePageIsStillLocked() {
        RunResult r = Runs.run("mmap", Runs.NONE, "A5B8A5D9B3");
        TraceEvent set = r.trace().get(indexOf(r.trace(), step('B', "set_page_writeback"), 0));
        assertTrue(set.pageState().startsWith("locked|writeback"), set.pageState());
    }

    @Test
    void fsync_waitsWithThePageLockedForAPageAlreadyUnderWriteback_beforeWritingItAgain() {
        // The flusher starts writeback of the first write; the second write redirties the page under
        // writeback; fsync finds it dirty and under writeback, and must wait for the first I/O.
        RunResult r = Runs.run("buffered-write integrity=none A: write@0x0+8=0x11 write@0x8+8=0x22; B: flush fsync",
                Runs.NONE, "A3B8A3B3");
        List<TraceEvent> t = r.trace();
        TraceEvent wait = t.get(indexOf(t, step('B', "write_cache_pages"), 1));
        assertTrue(wait.detail().contains("wait_on_page_writeback"), wait.detail());
        assertTrue(wait.pageState().startsWith("locked|dirty|writeback"), wait.pageState());
        int firstEnd = indexOf(t, step('D', "end_page_writeback"), 0);
        int secondClear = indexOf(t, step('B', "clear_page_dirty_for_io"), 1);
        assertTrue(firstEnd >= 0 && secondClear > firstEnd, "written again only after the first I/O ended");
        assertTrue(r.holds(), String.valueOf(r.violations()));
    }

    @Test
    void backgroundFlusher_skipsAPageStillUnderWriteback() {
        RunResult r = Runs.run("buffered-write integrity=none A: write@0x0+8=0x11 write@0x8+8=0x22; B: flush flush",
                Runs.NONE, "A3B8A3B3");
        TraceEvent skip = r.trace().get(indexOf(r.trace(), step('B', "write_cache_pages"), 1));
        assertTrue(skip.detail().contains("WB_SYNC_NONE skips it"), skip.detail());
        assertEquals("dirty|writeback dmap rw", skip.pageState(), "unlocked and still dirty");
        assertTrue(r.holds(), "the quiesce's fsync writes the skipped page: " + r.violations());
    }

    @Test
    void cleanFile_fsyncSubmitsNothing() {
        RunResult r = Runs.run("buffered-write A: write@0x0+8=0x11; B: fsync", Runs.NONE, "B3");
        assertEquals(List.of("writepages (WB_SYNC_ALL)", "filemap_fdatawait", "filemap_check_errors"),
                r.trace().subList(0, 3).stream().map(TraceEvent::function).toList());
        assertEquals(0, r.trace().stream().filter(e -> e.actor() == 'D').filter(e -> e.step() <= 3).count());
    }

    @ParameterizedTest
    @EnumSource(value = ScenarioKind.class, names = {"ODIRECT", "JOURNAL"})
    void directIoAndJournalPages_neverGetPgWritebackFromTheCorePaths(ScenarioKind kind) {
        ScenarioGenerator gen = new ScenarioGenerator(kind, Geometry.DEFAULT);
        SplittableRandom random = new SplittableRandom(7);
        int submitted = 0;
        for (int i = 0; i < 100; i++) {
            RunResult r = new Simulation(gen.next(random), "test", Runs.NONE).tracing(true)
                    .run(new RandomChooser(i));
            for (TraceEvent e : r.trace()) {
                assertFalse(e.pageState().contains("writeback"), e.toString());
                submitted += e.function().equals("submit_bio") ? 1 : 0;
            }
        }
        assertTrue(submitted >= 200, "the runs did write: " + submitted);
    }

    @Test
    void syscallResults_areRecordedInOrderWithTheirCaller() {
        RunResult r = Runs.run("buffered-write A: write@0x0+8=0x11; B: fsync", Runs.NONE, "");
        assertEquals(List.of("A write", "B fsync", "Q fsync"),
                r.syscalls().stream().map(s -> s.actor() + " " + s.call()).toList());
        assertTrue(r.syscalls().stream().noneMatch(SyscallResult::eio));
        for (Violation v : r.violations()) {
            throw new AssertionError(v.toString());
        }
    }
}
