package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guards against {@code bench} failing to run, leaving out a strategy or an explorer, or letting
 * the wall clock leak into what should be a deterministic figure (schedules to first failure).
 * Timings are never asserted: only that they were printed.
 */
class BenchCommandTest {
    private static final String[] TINY = {"bench", "--schedules", "200", "--warmup", "10", "--seeds", "5",
        "--budget", "5000", "--strategies", "none,bounce", "--speedup-schedules", "300"};
    private static Cli.Result first;
    private static Cli.Result second;

    @BeforeAll
    static void runTwice() {
        first = Cli.run(TINY);
        second = Cli.run(TINY);
    }

    @Test
    void bench_tinySizes_exitsZeroWithNothingOnStderr() {
        assertEquals(Main.HOLDS, first.status(), first.err());
        assertEquals("", first.err());
        assertTrue(first.line("bench: ").contains("scenario mmap (generated instances)"), first.out());
    }

    @Test
    void bench_throughputTable_hasOneRowPerStrategyAsked() {
        List<String> rows = section(first, "schedules per second").stream()
                .filter(l -> l.matches("^\\S+\\s+[0-9,]+\\s+[0-9.]+\\s+[0-9.]+\\s+([0-9.]+|n/a)$")).toList();
        assertEquals(2, rows.size(), first.out());
        assertTrue(rows.get(0).startsWith("none "), rows.get(0));
        assertTrue(rows.get(1).startsWith("bounce "), rows.get(1));
    }

    @Test
    void bench_timeToFailure_everyExplorerFindsTheSeedRaceOnEverySeed() {
        List<String> table = section(first, "schedules to first failure: ");
        assertTrue(table.get(0).startsWith("schedules to first failure: none on mmap, seeds 1-5"), table.get(0));
        for (String explorer : List.of("random ", "pct (depth 3) ", "guided ", "window ")) {
            String row = table.stream().filter(l -> l.startsWith(explorer)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + explorer + "row in:\n" + first.out()));
            assertTrue(row.contains(" 5/5 "), row);
        }
        assertTrue(first.line("pct (depth 3) guarantees p >= 1/(n*k^(d-1))").contains("measured"), first.out());
    }

    @Test
    void bench_speedUp_timesOneLongCellOnOneThreadAndOnSeveral_andFindsTheSameBoth() {
        List<String> table = section(first, "parallel speed-up: ");
        assertTrue(table.get(0).startsWith("parallel speed-up: none on mmap, one cell, 300 schedules"), table.get(0));
        for (String explorer : List.of("random ", "window ", "exhaustive (preemption bound 5) ",
                "exhaustive (no preemption bound, state caching) ")) {
            String row = table.stream().filter(l -> l.startsWith(explorer)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + explorer + "row in:\n" + first.out()));
            assertTrue(row.matches(".*\\d+\\.\\d\\dx\\s+yes$"), row);
        }
    }

    @Test
    void bench_timeToFailure_isTheSameOnEveryRun() {
        List<String> a = section(first, "schedules to first failure: ");
        assertEquals(a, section(second, "schedules to first failure: "));
        assertEquals(first.line("target: PCT median"), second.line("target: PCT median"));
    }

    @Test
    void bench_saysWhetherTheTargetsWereMet() {
        assertTrue(first.line("target: at least 20,000 schedules/s").matches(".*: (met|NOT MET) \\(slowest: .*"),
                first.out());
        assertTrue(first.line("target: PCT median at most 200 schedules: ").matches(".*: (met|NOT MET) \\(median .*"),
                first.out());
    }

    @Test
    void bench_verifyDefaults_searchesEveryDefaultInstanceWithNoBound_countsStates_andStopsAFailingCell() {
        Cli.Result r = Cli.run("bench", "--schedules", "50", "--warmup", "10", "--seeds", "1", "--budget", "500",
                "--strategies", "none,bounce", "--speedup-schedules", "0", "--verify-defaults", "mmap,odirect");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> table = section(r, "default instances, every schedule (no preemption bound)");
        assertTrue(table.get(1).matches("strategy\\s+mmap\\s+odirect"), table.get(1));
        // The state counts are the search's, the same on any machine: bounce on mmap is the 245 of CompareCommandTest.
        assertTrue(table.get(2).matches("none\\s+FAILS at \\d+\\s+FAILS at \\d+"), table.get(2));
        assertTrue(table.get(3).matches("bounce\\s+245 st \\d+\\.\\d\\d s\\s+67 st \\d+\\.\\d\\d s"), table.get(3));
        assertTrue(table.get(4).matches("verified in under 1 s: [0-2] of 2 verified cells; slowest bounce on .*"),
                table.get(4));
    }

    @Test
    void bench_verifyDefaults_aSearchOutOfBudget_isNeitherVerifiedNorCountedAsHolding() {
        Cli.Result r = Cli.run("bench", "--schedules", "50", "--warmup", "10", "--seeds", "1", "--budget", "500",
                "--strategies", "bounce", "--speedup-schedules", "0", "--verify-defaults", "mmap", "--verify-budget", "5");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> table = section(r, "default instances, every schedule (no preemption bound)");
        assertTrue(table.get(2).matches("bounce\\s+budget out at 5"), table.get(2));
        assertEquals("verified in under 1 s: 0 of 0 verified cells (1 more ran out of budget unjudged)", table.get(3));
    }

    @Test
    @Tag("footprints") // rewrites the model's classes: a fork of its own (parent pom)
    void bench_commuteSamples_printsEachStrategysPairs_whichAddUp() {
        Cli.Result r = Cli.run("bench", "--schedules", "50", "--warmup", "10", "--seeds", "1", "--budget", "500",
                "--strategies", "none,bounce", "--speedup-schedules", "0", "--commute-samples", "40");
        assertEquals(Main.HOLDS, r.status(), r.err());
        List<String> table = section(r, "pairs of enabled actors run in both orders");
        assertTrue(table.get(1).matches("strategy\\s+samples\\s+pairs\\s+commute\\s+differ\\s+disabled"
                + "\\s+independent\\s+missed"), table.get(1));
        for (String row : table.subList(2, 4)) {
            String[] f = row.trim().split("\\s+");
            int pairs = Integer.parseInt(f[2]);
            assertEquals(pairs, Integer.parseInt(f[3]) + Integer.parseInt(f[5]) + Integer.parseInt(f[6]), row);
            assertTrue(pairs > 0, row);
            // The tests run with the footprint agent: independent pairs counted, none of them missed.
            assertTrue(Integer.parseInt(f[7]) > 0, row);
            assertEquals("0", f[9], row);
        }
    }

    @Test
    void bench_verifyDefaults_withNoKinds_isOneLineOfBadInput() {
        Cli.Result r = Cli.run("bench", "--verify-defaults", "");
        assertEquals(Main.BAD_INPUT, r.status());
        assertTrue(r.err().contains("--verify-defaults needs kinds"), r.err());
    }

    @Test
    void bench_verifyDefaults_unknownKind_isOneLineNamingTheValidOnes() {
        Cli.Result r = Cli.run("bench", "--verify-defaults", "mmap,nope");
        assertEquals(Main.BAD_INPUT, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown scenario 'nope'") && r.err().contains("ext3-ordered"), r.err());
    }

    /** The lines from the one starting with {@code title} to the next blank line. */
    private static List<String> section(Cli.Result r, String title) {
        List<String> lines = r.outLines();
        int start = lines.indexOf(r.line(title));
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start, end);
    }
}
