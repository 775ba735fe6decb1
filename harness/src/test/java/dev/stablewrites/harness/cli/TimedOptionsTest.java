package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.timed.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How long a timed workload runs, as the options say: dbench by time unless a count of writes is asked for. */
class TimedOptionsTest {
    private static Workload dbench(String... args) {
        TimedCommand command = new TimedCommand();
        new CommandLine(command).parseArgs(args);
        List<Workload> ws = command.timed.workloads(Geometry.DEFAULT);
        assertEquals(1, ws.size());
        return ws.get(0);
    }

    @Test
    void dbenchWithoutWrites_runsAs2013sRun_144SecondsWithTheFirst24Warmup() {
        Workload w = dbench("--workloads", "dbench");
        assertTrue(w.untilDuration());
        assertEquals(144_000_000_000L, w.durationNs());
        assertEquals(24_000_000_000L, w.dbenchWarmupNs());
    }

    @Test
    void dbenchWithADurationAlone_runsThatLong_andWithWrites_runsThoseWrites() {
        assertEquals(30_000_000_000L, dbench("--workloads", "dbench", "--duration", "30").durationNs());
        assertEquals(5_000_000_000L, dbench("--workloads", "dbench", "--duration", "30").dbenchWarmupNs());
        Workload byWrites = dbench("--workloads", "dbench", "--writes", "5000");
        assertFalse(byWrites.untilDuration());
        assertEquals(5000, byWrites.ops());
        assertEquals(0, byWrites.durationNs());
    }
}
