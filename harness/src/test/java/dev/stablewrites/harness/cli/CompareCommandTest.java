package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards compare end to end: the matrix, exit 0 with failures, determinism, and the §8 JSON. */
class CompareCommandTest {
    private static final String[] SMALL = {"compare", "--strategies", "none,bounce,mkwrite-wait", "--scenarios",
            "mmap,odirect", "--budget", "300", "--fault-budget", "300", "--workloads", "dbench", "--working-set", "4M",
            "--writes", "12000"};

    @Test
    void theTable_hasStrategiesAsRowsScenariosAsColumns_andExitsZeroThoughCellsFail() {
        Cli.Result r = Cli.run(SMALL);
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).startsWith("compare: 3 strategies x 2 scenarios, explorer window, seed 1"), lines.get(0));
        assertTrue(lines.get(2).matches("strategy\\s+mmap\\s+odirect"), lines.get(2));
        assertTrue(lines.get(3).matches("none\\s+FAILS\\(NO_FALSE_EIO\\)\\s+FAILS\\(NO_FALSE_EIO\\)"), lines.get(3));
        assertTrue(lines.get(4).matches("bounce\\s+HOLDS \\(sampled\\)\\s+HOLDS \\(sampled\\)"), lines.get(4));
        assertTrue(lines.get(5).matches("mkwrite-wait\\s+HOLDS \\(sampled\\)\\s+FAILS\\(NO_FALSE_EIO\\)"), lines.get(5));
        assertTrue(r.out().contains("\n== none on mmap: FAILS(NO_FALSE_EIO), found at schedule "), r.out());
        assertTrue(r.out().contains("\n== mkwrite-wait on odirect: FAILS(NO_FALSE_EIO)"), r.out());
    }

    @Test
    void everyReplayLineItPrints_reproducesItsFailure() {
        Cli.Result r = Cli.run(SMALL);
        List<String> replays = r.outLines().stream().filter(l -> l.startsWith("replay:")).toList();
        assertEquals(3, replays.size(), r.out());
        for (String line : replays) {
            Cli.Result replayed = Cli.run(new Cli.Result(0, line, "").replayArgs());
            assertEquals(Main.FOUND, replayed.status(), line + "\n" + replayed.out() + replayed.err());
            assertTrue(replayed.line("FAILS ").startsWith("FAILS NO_FALSE_EIO"), replayed.out());
        }
    }

    @Test
    void theSameSeed_printsTheSameBytes_whateverTheNumberOfThreads() {
        String one = Cli.run(with(SMALL, "--threads", "1")).out();
        String two = Cli.run(with(SMALL, "--threads", "2")).out();
        assertEquals(one, two);
        assertEquals(one, Cli.run(SMALL).out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_isOneObjectWithAResultsArray_shapedAsDesignSection8() {
        Cli.Result r = Cli.run(with(SMALL, "--format", "json"));
        assertEquals(Main.HOLDS, r.status(), r.err());
        Map<String, Object> root = (Map<String, Object>) Json.parse(r.out());
        assertEquals(List.of("results", "withFaults"), List.copyOf(root.keySet()));
        Map<String, Object> withFaults = (Map<String, Object>) root.get("withFaults");
        assertEquals(List.of("faults", "property", "seed", "budget", "results"), List.copyOf(withFaults.keySet()));
        assertEquals("flip", withFaults.get("faults"));
        assertEquals("NO_SILENT_CORRUPTION", withFaults.get("property"));
        List<Object> faulty = (List<Object>) withFaults.get("results");
        assertEquals(6, faulty.size());
        assertEquals("mmap faults=flip", ((Map<String, Object>) faulty.get(0)).get("scenario"));
        assertTrue(faulty.stream().allMatch(o -> ((Map<String, Object>) o).get("verdict").equals("HOLDS")),
                "none, bounce and mkwrite-wait leave the flip for the device to reject");
        List<Object> results = (List<Object>) root.get("results");
        assertEquals(6, results.size());
        for (Object o : results) {
            Map<String, Object> cell = (Map<String, Object>) o;
            assertEquals(List.of("strategy", "scenario", "verdict", "violation", "schedulesExplored",
                    "schedulesToFailure", "counterexample", "costs", "strength", "strengthText", "scope", "bound",
                    "states"),
                    List.copyOf(cell.keySet()));
            Map<String, Object> costs = (Map<String, Object>) cell.get("costs");
            assertEquals(List.of("bytesCopied", "bouncePagesPeak", "bytesChecksummed", "bytesTransferred", "resubmits",
                    "faults", "pteWriteProtects", "tlbFlushes", "writerStallSteps", "steps"), List.copyOf(costs.keySet()));
            if (cell.get("verdict").equals("HOLDS")) {
                assertNull(cell.get("violation"));
                assertNull(cell.get("schedulesToFailure"));
                assertNull(cell.get("counterexample"));
                assertEquals(300L, cell.get("schedulesExplored"));
                assertEquals("sampled", cell.get("strength"));
                assertEquals("HOLDS (sampled: 300 schedules, no counterexample)", cell.get("strengthText"));
                assertNull(cell.get("scope"));
            } else {
                assertEquals("FAILS", cell.get("verdict"));
                assertNull(cell.get("strength"), "a failure has no strength");
                assertEquals("NO_FALSE_EIO", cell.get("violation"));
                Map<String, Object> ce = (Map<String, Object>) cell.get("counterexample");
                assertTrue(ce.get("schedule") instanceof String, ce.toString());
                List<Object> steps = (List<Object>) ce.get("steps");
                assertTrue(steps.size() > 5, ce.toString());
                Map<String, Object> step = (Map<String, Object>) steps.get(0);
                assertEquals(List.of("actor", "op"), List.copyOf(step.keySet()));
                assertTrue(((String) ce.get("replay")).contains(" replay --strategy " + cell.get("strategy")));
            }
        }
        Map<String, Object> bounce = (Map<String, Object>) results.get(2);
        assertEquals("bounce", bounce.get("strategy"));
        double copied = ((Number) ((Map<String, Object>) bounce.get("costs")).get("bytesCopied")).doubleValue();
        assertTrue(copied >= 4096, "bounce copies at least a page per schedule (the quiesce writes one): " + copied);
        Map<String, Object> none = (Map<String, Object>) results.get(0);
        assertEquals(0L, ((Map<String, Object>) none.get("costs")).get("bytesCopied"), "none copies nothing");
    }

    @Test
    void csv_hasAHeaderAndOneRowPerCell_thenOnePerCellWithFaults() {
        Cli.Result r = Cli.run(with(SMALL, "--format", "csv"));
        List<String> rows = List.of(r.out().split("\r\n"));
        assertEquals(13, rows.size(), r.out());
        assertTrue(rows.get(7).startsWith("none,mmap faults=flip,HOLDS,,300,"), rows.get(7));
        assertTrue(rows.get(0).startsWith("strategy,scenario,verdict,violation,schedulesExplored,schedulesToFailure,"));
        assertTrue(rows.get(1).startsWith("none,mmap,FAILS,NO_FALSE_EIO,"), rows.get(1));
        assertTrue(rows.get(3).startsWith("bounce,mmap,HOLDS,,300,,,,"), rows.get(3));
    }

    @Test
    void out_writesTheFileAndSaysWhere(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(with(SMALL, "--format", "json", "--out", dir.toString()));
        assertEquals(Main.HOLDS, r.status(), r.err());
        Path file = dir.resolve("compare.json");
        assertEquals("compare: wrote " + file + "\n", r.out());
        assertEquals(Cli.run(with(SMALL, "--format", "json")).out(), Files.readString(file));
    }

    @Test
    void theTable_showsTheExactCostsBesideTheVerdicts_thenTheTimedWorkloads() {
        Cli.Result r = Cli.run(SMALL);
        assertEquals(Main.HOLDS, r.status(), r.err());
        String costs = r.out().substring(r.out().indexOf("exact costs, per schedule run"));
        assertTrue(costs.lines().skip(1).findFirst().orElseThrow().matches("strategy\\s+scenario\\s+verdict\\s+bytesCopied"
                + "\\s+bouncePagesPeak\\s+bytesChecksummed\\s+bytesTransferred\\s+resubmits\\s+faults\\s+"
                + "pteWriteProtects\\s+tlbFlushes\\s+writerStallSteps\\s+steps"), costs);
        // bounce copies a page per submitted page; mkwrite-wait and none copy nothing.
        assertTrue(costs.lines().anyMatch(l -> l.matches("bounce\\s+mmap\\s+HOLDS\\s+[1-9][0-9]*\\.[0-9].*")), costs);
        assertTrue(costs.lines().anyMatch(l -> l.matches("mkwrite-wait\\s+mmap\\s+HOLDS\\s+0\\.0\\s+0\\.0.*")), costs);
        String timed = r.out().substring(r.out().indexOf("timed mode: "));
        assertTrue(timed.contains("\n== dbench: 4 threads, 4 MiB in 16 file(s), 12,000 writes"), timed);
        assertTrue(timed.lines().anyMatch(l -> l.matches("none\\s+FAILS 2/2 NO_FALSE_EIO\\s+\\d+ \\(.*")), timed);
        assertTrue(timed.lines().anyMatch(l -> l.matches("bounce\\s+HOLDS 2/2\\s+0 \\(0\\.0/1000 writes\\).*")), timed);
        assertTrue(timed.contains("reality check, dbench WriteX on ext2, 4 clients: Linux 3.8-rc3 (commit 1d1d1a767206)"
                + " beside this run's dbench on sata2012 (12,000 writes)"), timed);
        assertTrue(timed.lines().anyMatch(l -> l.matches("WriteX max, stable pages \\(mkwrite-wait\\)\\s+59\\.817 ms\\s+"
                + "\\d+\\.\\d{3} ms\\s+.*")), timed);
        assertTrue(!timed.contains("generic/761"), "a list of workloads without generic-761 leaves its check out");
        // No scenario options: dbench's SATA disk carries no PI, so compare's timed runs make no tuples there.
        assertTrue(timed.contains("dbench on sata2012 (no PI)"), timed);
        assertEquals(0.0, TimedCommandTest.checksumMs(timed.substring(timed.indexOf("\n== dbench")), "none"), timed);
        assertTrue(!Cli.run(with(SMALL, "--no-timed")).out().contains("timed mode:"));
    }

    @Test
    void html_writesOnePageWithItsCsvFilesBeside(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(with(SMALL, "--format", "html", "--out", dir.toString()));
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertEquals("", r.err(), "no progress bar when stderr is not a terminal");
        assertEquals("compare: wrote " + dir.resolve("index.html") + ", with compare.csv and timed.csv beside it\n",
                r.out());
        String page = Files.readString(dir.resolve("index.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains("none on mmap") && page.contains("echarts"), "traces and the inlined chart library");
        assertTrue(page.contains("<section id=\"faults\">\n<h2>With faults</h2>\n<p class=\"run\">with faults: faults=flip,"),
                "the second matrix, with its own header");
        assertTrue(page.contains("<a href=\"#faults\">With faults</a>"), "and a link to it");
        assertTrue(page.contains("<h3>Reality check</h3>\n<pre class=\"reality\">reality check, dbench WriteX on ext2"),
                "the 2013 figure beside the model's");
        assertEquals(Cli.run(with(SMALL, "--format", "csv")).out(), Files.readString(dir.resolve("compare.csv")));
        assertEquals(4, Files.readAllLines(dir.resolve("timed.csv")).size(), "a header and one row per strategy");
    }

    @Test
    void withFaults_aSecondMatrixOnTheSameCells_findsWhatRecheckResubmitBlesses_andItsReplayReproducesIt() {
        Cli.Result r = Cli.run("compare", "--strategies", "bounce,recheck-resubmit", "--scenarios", "mmap", "--budget",
                "200", "--fault-budget", "200", "--fault-seed", "3", "--no-timed");
        assertEquals(Main.HOLDS, r.status(), r.err());
        String faulty = r.out().substring(r.out().indexOf("\nwith faults: faults=flip, a bit of a page of the bio"));
        assertTrue(faulty.contains("explorer window, seed 3, at most 200 schedules per cell"), faulty);
        assertTrue(faulty.matches("(?s).*\nstrategy\\s+mmap\n.*"), "columns named by kind, as the first matrix's");
        assertTrue(faulty.matches("(?s).*\nbounce\\s+HOLDS \\(sampled\\)\n.*"), faulty);
        assertTrue(faulty.matches("(?s).*\nrecheck-resubmit\\s+FAILS\\(NO_SILENT_CORRUPTION\\)\n.*"), faulty);
        String replay = faulty.lines().filter(l -> l.startsWith("replay:")).findFirst().orElseThrow();
        assertTrue(replay.contains("--scenario 'mmap faults=flip "), replay);
        Cli.Result replayed = Cli.run(new Cli.Result(0, replay, "").replayArgs());
        assertEquals(Main.FOUND, replayed.status(), replayed.out() + replayed.err());
        assertTrue(replayed.out().matches("(?s).*\n +\\d+ +F +bit flip \\(memory\\) .*"), "the fault's step is in the trace");
        assertTrue(replayed.line("FAILS ").startsWith("FAILS NO_SILENT_CORRUPTION"), replayed.out());
    }

    @Test
    void faultsNone_skipsTheSecondMatrix_andABadKindIsBadInput() {
        Cli.Result r = Cli.run(with(SMALL, "--faults", "none", "--format", "json"));
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertTrue(!r.out().contains("withFaults"), r.out());
        Cli.Result bad = Cli.run("compare", "--faults", "cosmic");
        assertEquals(Main.BAD_INPUT, bad.status());
        assertEquals("stablewrites: unknown fault kind 'cosmic' for --faults; valid: none, flip, stray, wire, media\n",
                bad.err());
        Cli.Result twice = Cli.run("compare", "--options", "faults=wire");
        assertEquals(Main.BAD_INPUT, twice.status());
        assertTrue(twice.err().startsWith("stablewrites: --options takes no faults="), twice.err());
    }

    private static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void out_onAFile_isBadInput_beforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli.Result r = Cli.run("compare", "--out", file.toString());
        assertEquals(Main.BAD_INPUT, r.status());
        assertEquals("stablewrites: --out " + file + ": not a directory (a file is there)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void out_underAFile_isNotADirectory_inWords(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli.Result r = Cli.run("compare", "--out", file.resolve("sub").toString());
        assertEquals(Main.BAD_INPUT, r.status());
        assertEquals("stablewrites: --out " + file.resolve("sub") + ": not a directory (a file is in the way: "
                + file + ")\n", r.err());
    }

    @Test
    void out_whereOneMayNotWrite_isPermissionDenied_beforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes anyway; sysfs refuses even root a new directory.
        Path target = Files.isWritable(locked) ? Path.of("/sys/stablewrites-out-check") : locked;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(target.getParent()), "no " + target.getParent());
        Cli.Result r = Cli.run("compare", "--out", target.toString());
        assertEquals(Main.BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().startsWith("stablewrites: --out " + target + ": permission denied"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void allAmongOtherNames_meansAll_inTheCatalogsOrder() {
        List<String> valid = List.of("bounce", "none", "mkwrite-wait");
        assertEquals(valid, CompareCommand.pick("strategy", "all,none", valid));
        assertEquals(valid, CompareCommand.pick("strategy", "none, all", valid));
        assertEquals(List.of("none", "bounce"), CompareCommand.pick("strategy", "none,bounce", valid));
    }

    @Test
    void outErrors_nameTheSystemsReason_notAJavaException() {
        assertEquals("permission denied", IoErrors.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("no such file or directory", IoErrors.reason(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("no space left on device", IoErrors.reason(new java.nio.file.FileSystemException("/x", null,
                "No space left on device")));
    }

    @Test
    void exhaustive_marksTheCellsItVerified_apartFromOnesItsBudgetCut() {
        Cli.Result r = Cli.run("compare", "--strategies", "bounce", "--scenarios", "mmap,mmap-2proc", "--explorer",
                "exhaustive", "--budget", "1000", "--faults", "none");
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertTrue(r.outLines().get(0).endsWith("; each kind's default instance (see list)"), r.out());
        // mmap's 22 schedules (245 states, no preemption bound, the bounce copy's DMA taken alone) all ran;
        // mmap-2proc needs about 12,600 runs, cut ones included, and the budget of 1,000 stopped it after 30
        // whole schedules.
        assertTrue(r.out().matches("(?s).*\nbounce +22 all +30\n.*"), r.out());
        assertTrue(r.out().contains("bounce on mmap: HOLDS (verified: the instance 'mmap A: store@0x100+8=0x11"
                + " store@0x100+8=0x22; B: fsync', every schedule (no preemption bound), 22 schedules, 245 states)"),
                r.out());
        assertTrue(r.out().contains("bounce on mmap-2proc: HOLDS (sampled: 30 schedules, no counterexample)"), r.out());
    }
}
