package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards that {@code timed} does not exit 0 on a table in which no run ran (out of memory, a hung
 * hook), and its scenario options: every run on the geometry asked, the per-leg outcome in the table.
 */
class TimedCommandTest {
    private static final Workload W = Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 100, 1);

    @Test
    void noRunRan_isOneLineNamingTheFirstReason() {
        List<TimedResult> none = List.of(TimedResult.failed("none", W, "did not run: out of memory; ..."),
                TimedResult.failed("bounce", W, "hung: no step ended for 60 s (a hook in a loop)"));
        assertEquals("no timed run ran; none on write-sync: did not run: out of memory; ...",
                TimedCommand.noneRan(none));
    }

    /** A run that ran and stopped at a property: a finding, not a failure to run. */
    private static TimedResult r0() {
        TimedResult f = TimedResult.failed("none", W, "deadlock");
        return new TimedResult(f.strategy(), f.workload(), "deadlock", 0, 1, f.writeLatency(), f.writeStall(),
                f.syncLatency(), f.cpuNs(), 0, 0, 0, 0, -1, "NO_DEADLOCK", f.costs(), 0, 0);
    }

    @Test
    void oneRunThatRan_isAResult() {
        Cli.Result r = Cli.run("timed", "--workloads", "write-sync", "--working-set", "64K", "--writes", "40",
                "--workload-threads", "2", "--strategies", "none", "--threads", "1");
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertEquals("", r.err());
        assertNull(TimedCommand.noneRan(List.of(TimedResult.failed("none", W, "did not run: x"), r0())));
    }

    /** The checksum CPU milliseconds of {@code strategy}'s first row in a table of costs (the adversarial verdict any). */
    static double checksumMs(String out, String strategy) {
        java.util.regex.Pattern row = java.util.regex.Pattern.compile(
                "^" + strategy + "\\s.*?\\s\\d+ \\(\\S+ writes\\)\\s+\\d+\\s+\\S+\\s+[\\d.]+\\s+[\\d.]+\\s+([\\d.]+)\\s.*");
        return out.lines().map(row::matcher).filter(java.util.regex.Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    @Test
    void withoutOptions_dbenchOnItsSataDiskMakesNoTuples_andAnIntegrityAskedForIsKept() {
        Cli.Result plain = Cli.run("timed", "--workloads", "dbench", "--strategies", "none", "--writes", "600",
                "--working-set", "1M", "--threads", "1");
        assertEquals(Main.HOLDS, plain.status(), plain.err());
        assertEquals(0.0, checksumMs(plain.out(), "none"), "SATA carries no PI: no checksum at submit");
        Cli.Result asked = Cli.run("timed", "--workloads", "dbench", "--strategies", "none", "--writes", "600",
                "--working-set", "1M", "--threads", "1", "--options", "integrity=t10-dif-type1");
        assertTrue(checksumMs(asked.out(), "none") > 0, asked.out());
        Cli.Result other = Cli.run("timed", "--workloads", "dbench", "--strategies", "none", "--writes", "600",
                "--working-set", "1M", "--threads", "1", "--options", "stable-writes=auto");
        assertEquals(0.0, checksumMs(other.out(), "none"), "options that name no integrity leave it to the disk");
        assertTrue(plain.out().contains("dbench on sata2012 (no PI)"), plain.out());
    }

    @Test
    void dbenchWithoutWritesRunsByTime_asDbenchDoes_andTheRealityCheckSaysForHowLong() {
        Cli.Result r = Cli.run("timed", "--workloads", "dbench", "--strategies", "none,mkwrite-wait", "--duration", "3",
                "--working-set", "1M");
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertTrue(r.out().contains("== dbench: 4 threads, 1 MiB in 16 file(s), writes of up to 65536 B for 3.000 s"
                + " (the first 0.5000 s warmup)"), r.out());
        assertTrue(r.out().contains("beside this run's dbench on sata2012 (3.000 s simulated, the first 0.5000 s"
                + " warmup)"), r.out());
        // The counts row reads the runs' histograms: five sixths of a 3 s run are nowhere near 2013's 120 s.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("WriteX / Flush timed, none\\s+105,556 / 14,982\\s+"
                + "[0-9,]+ / [0-9,]+\\s+no \\(WriteX 0\\.0[0-9]+x\\)")), r.out());
    }

    @Test
    void optionsPutEveryRunOnTheGeometryAsked_andTheTableCountsBlocksTheLegsDisagreeOn() {
        Cli.Result r = Cli.run("timed", "--workloads", "dio-rewrite", "--strategies", "none,bounce", "--writes", "1000",
                "--working-set", "4M", "--options", "device=raid1 integrity=none");
        assertEquals(Main.HOLDS, r.status(), r.err());
        // A buffer rewritten between the two legs' transfers leaves them different under none, never under bounce.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("none\\s+-\\s.*\\s[1-9][0-9]*$")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("bounce\\s+-\\s.*\\s0\\s+0$")), r.out());

        Cli.Result disk = Cli.run("timed", "--workloads", "dio-rewrite", "--strategies", "none", "--writes", "1000",
                "--working-set", "4M");
        assertTrue(disk.out().lines().anyMatch(l -> l.matches("none\\s+-\\s.*\\s0\\s+n/a$")), disk.out());
    }
}
