package dev.stablewrites.strategies.recheckresubmit;

import static dev.stablewrites.strategies.Runs.dump;
import static dev.stablewrites.strategies.Runs.first;
import static dev.stablewrites.strategies.Runs.replay;
import static dev.stablewrites.strategies.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.strategies.Runs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards re-checksum and resubmit: a protection error is retried from the kworker with tuples
 * regenerated from the page as it is then, at most the retry limit, after which the write fails;
 * and an error nobody reports on write is never retried.
 */
class RecheckResubmitStrategyTest {
    /** A writer with six stores to interval 0, and an fsync. */
    private static final String SIX_STORES = "mmap A: store@0x0+8=0x11 store@0x0+8=0x22 store@0x0+8=0x33 "
            + "store@0x0+8=0x44 store@0x0+8=0x55 store@0x0+8=0x66; B: fsync";
    /** The seed race, then a store between each resubmit and its DMA, four times in all. */
    private static final String STORE_IN_EVERY_WINDOW = "A5B8A5D3" + "K1A1D3".repeat(2) + "K1A1D4B2";

    @Test
    void protectionError_isResubmittedFromTheKworker_withTuplesFromTheBytesNow_andSucceeds() {
        RunResult r = replay("recheck-resubmit", "mmap", "A5B8A5D3K1");
        TraceEvent queued = first(r, 'D', "queue_work(resubmit)");
        assertTrue(queued.detail().startsWith("protection error: bio taken over"), dump(r));
        TraceEvent resubmit = first(r, 'K', "submit_bio");
        assertTrue(resubmit.detail().contains("tuples regenerated from the bytes in memory now"), dump(r));
        assertEquals(1, r.costs().resubmits);
        assertTrue(r.holds(), "the resubmitted bio verifies; nothing reaches fsync\n" + dump(r));
    }

    @Test
    void aBio_isResubmittedAtMostTheLimit_thenFails() {
        RunResult r = replay("recheck-resubmit", SIX_STORES, STORE_IN_EVERY_WINDOW);
        assertEquals(3, steps(r, 'K', "submit_bio").size(), dump(r));
        assertEquals(3, r.costs().resubmits);
        assertEquals(4, steps(r, 'D', "bio_endio").stream().filter(e -> e.detail().endsWith("BLK_STS_PROTECTION"))
                .count(), "the first try and three retries each failed");
        assertEquals("resubmitted 3 of 3 times: the protection error stands", first(r, 'D', "recheck_resubmit").detail());
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
        assertTrue(r.syscalls().get(0).eio(), "fsync returned EIO");
    }

    @Test
    void retryLimit_isASetting() {
        StrategyCatalog one = StrategyCatalog.discover(Settings.defaults().with(List.of("recheck-resubmit.retry-limit=1")));
        RunResult r = Runs.replay(one, "recheck-resubmit", SIX_STORES, STORE_IN_EVERY_WINDOW);
        assertEquals(1, r.costs().resubmits, dump(r));
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));

        StrategyCatalog five = StrategyCatalog.discover(Settings.defaults().with(List.of("recheck-resubmit.retry-limit=5")));
        RunResult patient = Runs.replay(five, "recheck-resubmit", SIX_STORES, STORE_IN_EVERY_WINDOW);
        assertTrue(patient.holds(), "the fourth resubmit meets no store\n" + dump(patient));
        assertEquals(4, patient.costs().resubmits);
    }

    @Test
    void badRetryLimit_isRejectedInOneLine() {
        StrategyCatalog bad = StrategyCatalog.discover(Settings.defaults().with(List.of("recheck-resubmit.retry-limit=-1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.create("recheck-resubmit"));
        assertEquals("recheck-resubmit: setting recheck-resubmit.retry-limit=-1: must be an integer from 0 to 1000",
                e.getMessage());
    }

    @Test
    void resubmit_neverRunsInTheDisksInterruptContext() {
        RunResult r = replay("recheck-resubmit", SIX_STORES, STORE_IN_EVERY_WINDOW);
        assertEquals(0, steps(r, 'D', "submit_bio").size(), dump(r));
        assertTrue(r.violations().stream().noneMatch(v -> v.property() == Property.NO_OOPS), dump(r));
    }

    @Test
    void fsCrc32c_isNotVerifiedOnWrite_soNothingIsResubmitted_andTheBlockIsUnreadable() {
        RunResult r = replay("recheck-resubmit", "mmap integrity=fs-crc32c", "A5B8A5D12");
        assertEquals(0, r.costs().resubmits);
        assertEquals(Property.READABLE, r.firstViolation().property(), dump(r));
    }

    @Test
    void raid1_hidesOneLegsProtectionError_soNothingIsResubmitted_andTheMirrorsDiffer() {
        // Leg D takes the page before the store, leg E after it: md completes the write as good.
        RunResult r = replay("recheck-resubmit", "mmap device=raid1", "A5B8D8A5E12");
        assertEquals(0, r.costs().resubmits);
        assertEquals(Property.MIRRORS_AGREE, r.firstViolation().property(), dump(r));
    }

    @Test
    void raid1_reportsBothLegsProtectionErrorsAsIoerr_soNothingIsResubmitted_andFsyncFails() {
        RunResult r = replay("recheck-resubmit", "mmap device=raid1", "A5B8A5D12E12");
        assertTrue(first(r, 'E', "bio_endio").detail().endsWith("BLK_STS_IOERR"), dump(r));
        assertEquals(0, r.costs().resubmits);
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }

    @Test
    void anInjectedMediaError_isNotAProtectionError_andIsNotRetried() {
        Simulation sim = new Simulation(Scenario.parse("mmap"), "recheck-resubmit", Runs.CATALOG.create("recheck-resubmit"))
                .tracing(true);
        sim.kernel().injectWriteError(0);
        RunResult r = sim.run(new ScheduleChooser(Schedule.parse("A5B8D12")));
        assertTrue(first(r, 'D', "bio_endio").detail().endsWith("BLK_STS_IOERR"), dump(r));
        assertEquals(0, r.costs().resubmits, "a real media error must reach fsync, not be retried away");
        assertTrue(r.syscalls().get(0).eio(), dump(r));
        assertTrue(r.holds(), "the EIO was caused by the injected fault\n" + dump(r));
    }

    @Test
    void description_namesTheConfiguredLimit() {
        StrategyCatalog five = StrategyCatalog.discover(Settings.defaults().with(List.of("recheck-resubmit.retry-limit=5")));
        assertTrue(five.create("recheck-resubmit").description().contains("up to 5 times"));
    }

    private static String six(String op) {
        StringBuilder sb = new StringBuilder();
        for (String v : List.of("11", "22", "33", "44", "55", "66")) {
            sb.append(' ').append(op).append("@0x0+8=0x").append(v);
        }
        return sb.toString();
    }

    /** The exhaustion on every kind with a writer, by hand: a conflicting write in each of four DMA windows. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        odirect        | A3B1D3K1B1D3K1B1D3K1B1D4A2
        buffered-write | A3B8A3D3K1A3D3K1A3D3K1A3D4B2
        mmap-2proc     | A5B8A5D3K1C5D3K1C1D3K1C1D4B2
        """)
    void theRetryLimit_isExhaustedOnEveryKind_byAWriteInEachDmaWindow(String kind, String schedule) {
        String scenario = switch (kind) {
            case "odirect" -> "odirect A: dio; B:" + six("store");
            case "buffered-write" -> "buffered-write A:" + six("write") + "; B: fsync";
            default -> "mmap-2proc A: store@0x0+8=0x11 store@0x0+8=0x22; B: fsync; C:" + six("store");
        };
        RunResult r = replay("recheck-resubmit", scenario, schedule);
        assertEquals(3, r.costs().resubmits, dump(r));
        assertEquals("resubmitted 3 of 3 times: the protection error stands", first(r, 'D', "recheck_resubmit").detail());
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property(), dump(r));
    }
}
