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
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards jbd2's own protection of a metadata buffer its commit is writing, as Linux has had it since
 * 2.6.38: an update that comes while the log copy is written sleeps ({@code BH_Shadow} from 3.11,
 * {@code BJ_Shadow} before, until a later point); one that comes before the commit reached the buffer
 * makes a frozen copy, which the log gets; the checkpoint writes the buffer home under
 * {@code BH_Lock}, which an update waits for. Without these the model would show an unguarded
 * buffer that no kernel shipped.
 */
class Jbd2Test {
    private static final String TWO_UPDATES = "A: update@0x0+1=0x11 update@0x0+1=0x22; J: commit";

    private static String dump(RunResult r) {
        return r.trace().stream().map(TraceEvent::toString).collect(Collectors.joining("\n"));
    }

    private static List<TraceEvent> steps(RunResult r, char actor, String function) {
        return r.trace().stream().filter(step(actor, function)).toList();
    }

    @Test
    void shadowWait_anUpdateDuringTheLogWrite_sleepsUntilTheLogWritesCompletion() {
        // A's first update; J switches transactions, shadows the buffer and submits; A's second update comes.
        RunResult r = run("journal " + TWO_UPDATES, Runs.NONE, "A5J5A3");
        assertTrue(r.holds(), dump(r));
        assertEquals("on shadow: the commit is writing this buffer to the log; unlock_buffer, sleep",
                steps(r, 'A', "jbd2_journal_get_write_access").get(1).detail(), dump(r));
        int logDone = indexOf(r.trace(), step('D', "journal_end_buffer_io_sync"), 1);
        int memcpy = indexOf(r.trace(), step('A', "memcpy to buffer (direct map)"), 1);
        int unfile = indexOf(r.trace(), step('J', "jbd2 unfile log buffers"), 0);
        assertTrue(logDone < memcpy && memcpy < unfile,
                "3.11+: the update goes on at the log write's completion, before the commit thread runs\n" + dump(r));
        for (TraceEvent dma : r.trace().subList(0, logDone)) {
            if (dma.function().equals("dma") && dma.detail().startsWith("lba 16")) {
                assertTrue(dma.detail().contains("from jbd2 metadata buffer+0"), "the log copy is the buffer's own page");
            }
        }
    }

    @Test
    void frozenCopyEra_theSleeperWaitsForTheCommitThread_notOnlyForTheIo() {
        RunResult r = run("journal jbd2=frozen-copy " + TWO_UPDATES, Runs.NONE, "A5J5A3");
        assertTrue(r.holds(), dump(r));
        assertEquals("wait for BH_Unshadow", steps(r, 'A', "wait for BH_Unshadow").get(0).function());
        int unfile = indexOf(r.trace(), step('J', "jbd2 unfile log buffers"), 0);
        int memcpy = indexOf(r.trace(), step('A', "memcpy to buffer (direct map)"), 1);
        assertTrue(unfile < memcpy, "2.6.38-3.10: BJ_Shadow is left only when the commit thread refiles the buffer\n"
                + dump(r));
        assertTrue(r.trace().get(unfile).detail().contains("wake_up_bit(BH_Unshadow)"), dump(r));
    }

    @Test
    void anUpdateBeforeTheCommitReachesTheBuffer_makesAFrozenCopy_andTheLogGetsTheCopy() {
        // J has switched transactions but not yet written the buffer: A's second update freezes it.
        RunResult r = run("journal " + TWO_UPDATES, Runs.NONE, "A5J2A5");
        assertTrue(r.holds(), dump(r));
        assertTrue(steps(r, 'A', "jbd2_journal_get_write_access").get(1).detail()
                .startsWith("transaction 1 has not logged it yet: frozen copy (b_frozen_data)"), dump(r));
        assertTrue(steps(r, 'J', "jbd2_journal_write_metadata_buffer").get(0).detail()
                .startsWith("log copy: the frozen copy"), dump(r));
        List<TraceEvent> logDma = r.trace().stream().filter(e -> e.function().equals("dma")
                && e.detail().startsWith("lba 16 ")).toList();
        assertTrue(logDma.get(0).detail().contains("from bounce pfn"), "the first commit's log block is the copy\n"
                + dump(r));
        assertEquals(4096, r.costs().bytesFrozenByJbd2, "one block memcpy'd by jbd2");
        assertEquals(0, r.costs().bytesCopied, "jbd2's copy is the kernel's, not a strategy's");
    }

    @Test
    void checkpoint_writesTheBufferHomeUnderBhLock_andAnUpdateWaitsForIt() {
        RunResult r = run("journal A: update@0x0+1=0x11 update@0x0+1=0x22; J: commit checkpoint", Runs.NONE,
                "A5J6D20J6D20J8A2");
        assertTrue(r.holds(), dump(r));
        TraceEvent write = steps(r, 'J', "write_dirty_buffer").get(0);
        assertTrue(write.detail().contains("submit_bh to the home block under BH_Lock"), dump(r));
        TraceEvent sleep = steps(r, 'A', "lock_buffer").get(1);
        assertTrue(sleep.detail().startsWith("sleeps: buffer locked"), dump(r));
        int homeDone = indexOf(r.trace(), step('D', "end_buffer_write_sync"), 0);
        int memcpy = indexOf(r.trace(), step('A', "memcpy to buffer (direct map)"), 1);
        assertTrue(homeDone < memcpy, "the update changes the buffer only after its home write completed\n" + dump(r));
        assertTrue(r.trace().stream().anyMatch(e -> e.detail().startsWith("bio(checkpoint, sector 0")), dump(r));
    }

    @Test
    void aFailedLogWrite_abortsTheJournal_andSkipsTheCommitRecord() {
        Simulation sim = new Simulation(Scenario.parse("journal A: update@0x0+1=0x11; J: commit"), "test", Runs.NONE)
                .tracing(true);
        sim.kernel().injectWriteError(16); // the log copy's first block
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A5J20")));
        assertTrue(steps(r, 'J', "jbd2 unfile log buffers").get(0).detail().contains("journal_abort, -EIO"), dump(r));
        assertEquals("journal aborted: no commit record", steps(r, 'J', "journal_submit_commit_record").get(0).detail());
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_FALSE_EIO),
                "an injected error's EIO is not false");
    }
}
