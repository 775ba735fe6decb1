package dev.stablewrites.core.fault;

import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.kernel.SyscallResult;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the fault actor {@code F} and {@code NO_SILENT_CORRUPTION}, one fault kind at a time, on
 * fixed schedules: each fault lands where the schedule puts it, a checksum that should find it
 * does, the EIO it causes is excused, and bytes no writer wrote that a read would return without
 * an error are reported.
 */
class FaultMechanismTest {
    /** A stores, B's fsync submits and sleeps; then the schedule continues. */
    private static final String PREP = "A5B9";

    private static Simulation sim(String scenario) {
        return new Simulation(Scenario.parse(scenario), "test", Runs.NONE).tracing(true);
    }

    private static List<Violation> all(Simulation s, Property p) {
        return s.kernel().violations().stream().filter(v -> v.property() == p).toList();
    }

    private static List<Boolean> fsyncEios(RunResult r, char actor) {
        return r.syscalls().stream().filter(c -> c.actor() == actor).map(SyscallResult::eio).toList();
    }

    @Test
    void faultsNone_hasNoFaultActor_andPrintsNothing() {
        Simulation s = sim("mmap");
        assertFalse(s.actorIds().contains("F"));
        assertEquals("mmap faults=flip A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync",
                Scenario.parse("mmap faults=flip").toString());
        assertEquals(Scenario.parse("mmap faults=flip"), Scenario.parse(Scenario.parse("mmap faults=flip").toString()),
                "the one-line form reads back, so replay works");
    }

    @Test
    void anotherIntegrityProfile_keepsTheFaultyComponent() {
        Scenario s = Scenario.parse("mmap faults=wire").withIntegrity(dev.stablewrites.core.integrity.Integrity.NONE);
        assertEquals("mmap integrity=none faults=wire A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync", s.toString());
    }

    @Test
    void anUnknownFaultKind_isOneLineNamingTheValidOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("mmap faults=cosmic-ray"));
        assertEquals("unknown fault kind 'cosmic-ray'; valid: none, flip, stray, wire, media", e.getMessage());
    }

    @Test
    void flipAfterPrep_isRejectedByTheDevice_andFsyncsEioIsExcused() {
        Simulation s = sim("mmap faults=flip A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "F1")));

        int flip = indexOf(r.trace(), step('F', "bit flip (memory)"), 0);
        assertTrue(flip > indexOf(r.trace(), step('B', "submit_bio"), 0), "the flip lands after the tuples");
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'D' && e.detail().contains("BLK_STS_PROTECTION")),
                "the device finds the flipped bit against the tuple");
        assertEquals(List.of(true), fsyncEios(r, 'B'), "B's fsync reports the lost write");
        assertTrue(all(s, Property.NO_FALSE_EIO).isEmpty(), "an EIO an injected fault caused is not false");
        assertTrue(all(s, Property.NO_SILENT_CORRUPTION).isEmpty(), "the corrupt bytes never reached the media");
        assertTrue(r.holds(), "with faults= a run is judged by NO_SILENT_CORRUPTION alone: " + r.failure());
        assertFalse(all(s, Property.DURABLE).isEmpty(), "the kernel still saw the lost write");
    }

    @Test
    void flipAfterTheDeviceReadTheBytes_changesMemoryOnly_andTheWriteSucceeds() {
        // D takes all eight intervals before F flips the last one: the write is good, memory is not.
        Simulation s = sim("mmap faults=flip A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "D8F1")));

        assertEquals(List.of(false), fsyncEios(r, 'B'));
        assertTrue(r.holds(), r.failure());
        assertTrue(s.writtenContents().legitimate(s.kernel().device().legs().get(0).media(), 7));
    }

    @Test
    void flipOnTheWire_isRejectedByAT10Device_memoryIsIntact() {
        Simulation s = sim("mmap faults=wire A: store@0x0+1=0x11; B: fsync");
        byte before = s.dataPage().data()[0];
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "F1")));

        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'D' && e.detail().contains("flipped on the wire")
                && e.detail().contains("BLK_STS_PROTECTION")), "lba 0 arrives flipped and is rejected");
        assertEquals(0x11, s.dataPage().data()[0] & 0xff, "memory holds what A stored (was " + before + ")");
        assertEquals(List.of(true), fsyncEios(r, 'B'));
        assertTrue(all(s, Property.NO_FALSE_EIO).isEmpty());
    }

    @Test
    void flipOnTheWire_withoutAChecksum_landsSilently() {
        Simulation s = sim("mmap integrity=none faults=wire A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "F1")));

        assertEquals(List.of(false), fsyncEios(r, 'B'), "nothing checks: the write succeeds");
        assertEquals(Property.NO_SILENT_CORRUPTION, r.firstViolation().property(), r.failure());
        assertTrue(r.firstViolation().message().contains("lba 0"), r.firstViolation().message());
    }

    @Test
    void flipOnTheMedia_isFoundByAnFsCrc32cRead() {
        Simulation s = sim("mmap integrity=fs-crc32c faults=media A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "D10F1")));

        assertTrue(indexOf(r.trace(), step('F', "bit flip (media)"), 0) > indexOf(r.trace(), step('D', "bio_endio"), 0),
                "the flip comes after the write completed");
        assertEquals(List.of(false), fsyncEios(r, 'B'), "the write itself was good");
        var media = s.kernel().device().legs().get(0).media();
        assertFalse(s.writtenContents().legitimate(media, 7), "lba 7 holds bytes no writer wrote");
        assertFalse(s.kernel().verifyOnMedia(media, 7), "the read's crc32c check finds the flipped block");
        assertTrue(all(s, Property.NO_SILENT_CORRUPTION).isEmpty(), "a read that reports the error is not silent");
        assertTrue(r.holds(), r.failure());
    }

    @Test
    void flipOnTheMedia_withoutAChecksum_isSilentCorruption() {
        Simulation s = sim("mmap integrity=none faults=media A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "D10F1")));

        assertEquals(Property.NO_SILENT_CORRUPTION, r.firstViolation().property(), r.failure());
        assertTrue(r.firstViolation().message().contains("lba 7"), r.firstViolation().message());
    }

    @Test
    void strayKernelWrite_oopsesUnderAReadOnlyDirectMap_andThePageIsIntact() {
        Simulation s = sim("mmap faults=stray A: store@0x0+1=0x11; B: fsync");
        s.kernel().setMemoryRo(s.dataPage()); // as set_memory_ro at prep leaves it
        byte last = s.dataPage().data()[4096 - 512];
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "F1")));

        int stray = indexOf(r.trace(), step('F', "stray kernel write (direct map)"), 0);
        assertTrue(r.trace().get(stray).detail().startsWith("oops: stray write to the read-only direct map"),
                r.trace().get(stray).detail());
        assertTrue(s.actor('F').dead(), "the buggy driver is killed");
        assertEquals(last, s.dataPage().data()[4096 - 512], "the page keeps its bytes");
        assertEquals(List.of(false), fsyncEios(r, 'B'), "the write goes through untouched");
        assertTrue(all(s, Property.NO_OOPS).isEmpty(), "the driver's oops is the fault caught, not the strategy's");
        assertTrue(r.holds(), r.failure());
    }

    @Test
    void strayKernelWrite_throughAWritableDirectMap_isRejectedByTheDevice() {
        Simulation s = sim("mmap faults=stray A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse(PREP + "F1")));

        assertFalse(s.actor('F').dead());
        assertNotEquals(0, s.dataPage().data()[4096 - 512], "the stray byte is in the page");
        assertEquals(List.of(true), fsyncEios(r, 'B'));
        assertTrue(all(s, Property.NO_FALSE_EIO).isEmpty());
        assertTrue(r.holds(), r.failure());
    }

    @Test
    void faultActor_isNotRunnableOutsideItsWindow() {
        // No bio in flight before B submits: F cannot go first, so the schedule's F is skipped to A.
        Simulation s = sim("mmap faults=flip A: store@0x0+1=0x11; B: fsync");
        RunResult r = s.run(new ScheduleChooser(Schedule.parse("F1")));
        assertNotEquals('F', r.trace().get(0).actor());
    }

    @Test
    void withoutFaults_noSilentCorruptionHoldsOnTheRace_racingWritersBytesAreLegitimate() {
        // integrity=none on RAID1: a store in the window lands on one leg; those are still a writer's bytes.
        RunResult r = Runs.run("mmap integrity=none device=raid1", Runs.NONE, "A5B9D3A5");
        assertTrue(r.violations().stream().anyMatch(v -> v.property() == Property.MIRRORS_AGREE),
                "the race landed on one leg only: " + r.violations());
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_SILENT_CORRUPTION),
                r.violations().toString());
    }
}
