package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code timed}'s scenario options: every run on the geometry asked, and the per-leg outcome in the table. */
class TimedCommandTest {
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
