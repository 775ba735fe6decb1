package dev.stablewrites.harness.cli;

import dev.stablewrites.core.sched.Schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards against {@code explore} missing the write-after-checksum race, or printing a counterexample that does not replay. */
class ExploreTest {
    private static final String[] SEED = {"explore", "--strategy", "none", "--scenario", "mmap"};

    @Test
    void explore_noneOnMmap_findsTheRaceAndExitsOne() {
        Cli.Result r = Cli.run(SEED);
        assertEquals(Main.FOUND, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.line("FAILS ").startsWith("FAILS NO_FALSE_EIO"), r.out());
        assertTrue(r.line("explore: ").contains("seed 1"), "the default seed is 1: " + r.line("explore: "));
    }

    @Test
    void explore_noneOnMmap_printsANumberedTraceOfTheKernelPath() {
        Cli.Result r = Cli.run(SEED);
        List<Cli.Step> steps = r.steps();
        assertEquals(IntStream.rangeClosed(1, steps.size()).boxed().toList(),
                steps.stream().map(Cli.Step::number).toList(), "steps are numbered 1, 2, 3, ...");
        assertTrue(steps.stream().anyMatch(s -> s.function().equals("clear_page_dirty_for_io")), r.out());
        assertTrue(steps.stream().anyMatch(s -> s.function().equals("submit_bio")), r.out());
        assertTrue(steps.stream().anyMatch(s -> !s.function().equals("do_wp_page") && s.rest().contains("do_wp_page")),
                "do_wp_page appears in the detail column:\n" + r.out());
        assertTrue(steps.stream().anyMatch(s -> s.actor() == 'D' && s.rest().contains("BLK_STS_PROTECTION")), r.out());
        assertTrue(steps.stream().anyMatch(s -> s.rest().contains("fsync returns -EIO")), r.out());
        assertTrue(r.traceLines().stream().anyMatch(l -> l.strip().startsWith("^ NO_FALSE_EIO")),
                "the violation is marked under its step:\n" + r.out());
        assertTrue(r.line("schedule: ").matches("schedule: ([A-Z][0-9]*)+"), r.line("schedule: "));
        r.replayArgs();
    }

    @Test
    void explore_noneOnMmap_replayLineReproducesTheSameTrace() {
        Cli.Result explored = Cli.run(SEED);
        String[] replay = explored.replayArgs();
        assertEquals("none", replay[2]);
        assertTrue(replay[4].startsWith("mmap "), "the replay names the mmap instance: " + replay[4]);
        assertEquals(explored.line("schedule: ").substring("schedule: ".length()), replay[6]);
        Cli.Result replayed = Cli.run(replay);
        assertEquals(Main.FOUND, replayed.status(), replayed.err());
        assertEquals(explored.traceLines(), replayed.traceLines());
        String given = Schedule.parse(replay[6]).choices();
        String taken = Schedule.parse(replayed.line("schedule: ").substring("schedule: ".length())).choices();
        assertTrue(taken.startsWith(given), "the run replayed follows the shrunk schedule: " + taken);
        assertTrue(replayed.line("FAILS ").startsWith("FAILS NO_FALSE_EIO"), replayed.out());
    }

    @Test
    void explore_sameArgumentsTwice_printsByteIdenticalOutput() {
        Cli.Result first = Cli.run(SEED);
        Cli.Result second = Cli.run(SEED);
        assertEquals(first.status(), second.status());
        assertEquals(first.out(), second.out());
    }

    @Test
    void explore_explicitSeedOne_isTheDefault() {
        String[] withSeed = {"explore", "--strategy", "none", "--scenario", "mmap", "--seed", "1"};
        assertEquals(Cli.run(SEED).out(), Cli.run(withSeed).out());
    }

    @Test
    void explore_seedTwo_exploresOtherSchedules() {
        // Checked: seed 2 finds its counterexample at another schedule number than seed 1.
        Cli.Result two = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--seed", "2");
        assertEquals(Main.FOUND, two.status(), two.err());
        assertNotEquals(Cli.run(SEED).out(), two.out());
        assertEquals(two.out(), Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--seed", "2").out());
    }

    @Test
    void explore_fixedInstanceWithoutIntegrity_holdsForTheWholeBudgetAndExitsZero() {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario",
                "mmap integrity=none A: store@0x0+8=0x11; B: fsync", "--budget", "200");
        assertEquals(Main.HOLDS, r.status(), r.out() + r.err());
        assertEquals("", r.err());
        Matcher m = Pattern.compile("HOLDS: no property failed in (\\d+) schedules").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(200, Integer.parseInt(m.group(1)));
        assertTrue(!r.out().contains("FAILS") && !r.out().contains("replay:"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"buffered-write", "mmap-2proc", "odirect", "ext3-ordered"})
    void explore_noneOnEveryOtherKind_findsAFailureAndExitsOne(String scenario) {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", scenario);
        assertEquals(Main.FOUND, r.status(), r.out() + r.err());
        assertTrue(r.line("FAILS ").startsWith("FAILS NO_FALSE_EIO"), r.line("FAILS "));
        assertTrue(r.replayArgs()[4].startsWith(scenario + " "), r.line("replay:"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mmap integrity=fs-crc32c        | READABLE",
            "mmap integrity=none device=raid1 | MIRRORS_AGREE"})
    void explore_withoutDeviceChecking_failsTheAfterTheFactProperty(String scenario, String property) {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", scenario);
        assertEquals(Main.FOUND, r.status(), r.out() + r.err());
        assertTrue(r.line("FAILS ").startsWith("FAILS " + property + ":"), r.line("FAILS "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"buffered-write", "mmap-2proc", "odirect", "ext3-ordered", "mmap integrity=fs-crc32c",
            "mmap integrity=none device=raid1"})
    void explore_everyCounterexample_replaysToTheSameTraceAndFailure(String scenario) {
        Cli.Result explored = Cli.run("explore", "--strategy", "none", "--scenario", scenario);
        assertEquals(Main.FOUND, explored.status(), explored.err());
        Cli.Result replayed = Cli.run(explored.replayArgs());
        assertEquals(Main.FOUND, replayed.status(), replayed.out() + replayed.err());
        assertEquals(explored.traceLines(), replayed.traceLines());
        assertEquals(explored.line("shrunk: FAILS ").substring("shrunk: ".length()), replayed.line("FAILS "));
    }

    @Test
    void explore_withASetting_namesItInTheReplayLine_andTheReplayReproducesTheFailure() {
        Cli.Result explored = Cli.run("explore", "--strategy", "recheck-resubmit", "--scenario", "mmap-2proc",
                "--set", "recheck-resubmit.retry-limit=1");
        assertEquals(Main.FOUND, explored.status(), explored.out() + explored.err());
        assertTrue(explored.line("replay:").contains(" --set recheck-resubmit.retry-limit=1 "), explored.out());
        Cli.Result replayed = Cli.run(explored.replayArgs());
        assertEquals(Main.FOUND, replayed.status(), replayed.err());
        assertTrue(replayed.out().contains("resubmitted 1 of 1 times"), replayed.out());
        assertEquals(explored.traceLines(), replayed.traceLines());
    }

    @Test
    void explore_repeatedOrSpacedSettings_replayAsTheOneValueThatApplied() {
        Cli.Result r = Cli.run("explore", "--strategy", "recheck-resubmit", "--scenario", "mmap-2proc",
                "--set", "recheck-resubmit.retry-limit=2", "--set", "recheck-resubmit.retry-limit = 1");
        assertEquals(Main.FOUND, r.status(), r.out() + r.err());
        String replay = r.line("replay:");
        assertTrue(replay.contains(" --set recheck-resubmit.retry-limit=1 --scenario "), replay);
    }

    @Test
    void explore_exhaustiveOnASoundStrategy_saysVerifiedUpToTheBound_andExitsZero() {
        Cli.Result r = Cli.run("explore", "--strategy", "bounce", "--scenario", "mmap", "--explorer", "exhaustive");
        assertEquals(Main.HOLDS, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("scenario 'mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync', explorer"
                + " exhaustive (no preemption bound, state caching)"), r.out());
        assertTrue(r.line("HOLDS: ").matches("HOLDS: verified with no preemption bound: all \\d+ schedules of .* hold"
                + " \\(\\d+ states\\)"), r.out());
        assertTrue(r.line("coverage: ").contains("between prep and completion"), r.out());
    }

    @Test
    void explore_exhaustiveWithNoReduction_triesEveryActorWhereTheBounceCopysDmaWasTakenAlone() {
        Cli.Result reduced = Cli.run("explore", "--strategy", "bounce", "--scenario", "mmap", "--explorer", "exhaustive");
        Cli.Result full = Cli.run("explore", "--strategy", "bounce", "--scenario", "mmap", "--explorer", "exhaustive",
                "--no-reduction");
        assertEquals(Main.HOLDS, full.status(), full.out() + full.err());
        assertTrue(reduced.line("HOLDS: ").endsWith("all 22 schedules of 'mmap A: store@0x100+8=0x11"
                + " store@0x100+8=0x22; B: fsync' hold (245 states)"), reduced.out());
        assertTrue(full.line("HOLDS: ").endsWith("all 52 schedules of 'mmap A: store@0x100+8=0x11"
                + " store@0x100+8=0x22; B: fsync' hold (437 states)"), full.out());
    }

    @Test
    void explore_pctOnTheSeed_printsTheGuaranteeBesideWhereItFoundTheFailure() {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "pct");
        assertEquals(Main.FOUND, r.status(), r.out() + r.err());
        assertTrue(r.line("first failure at schedule ").matches(
                "first failure at schedule (\\d+) of \\1; PCT guarantees p >= .*"),
                r.out());
        assertTrue(r.line("shrunk to ").startsWith("shrunk to 5 event(s)"), r.out());
    }
}
