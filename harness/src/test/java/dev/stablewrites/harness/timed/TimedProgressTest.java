package dev.stablewrites.harness.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards that a timed run reports how far it has got while it runs (the bar moved once per run before). */
class TimedProgressTest {
    @Test
    void aRun_reportsPartsOfItself_thatAddUpToOneRun() {
        Workload w = Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 4_000, 1).withThreads(4);
        List<Double> parts = new ArrayList<>();
        int[] whole = {0};
        new TimedComparison(StrategyCatalog.discover(), Geometry.DEFAULT, CostModel.defaults(), 1,
                Duration.ofSeconds(60)).withPartialProgress(d -> {
                    synchronized (parts) {
                        parts.add(d);
                    }
                }).withProgress(() -> whole[0]++).run(List.of("none", "bounce"), List.of(w));
        assertTrue(parts.size() > 2 * 5, parts.size() + " reports for two runs: " + parts);
        assertTrue(parts.stream().allMatch(d -> d >= 0 && d <= 1), parts.toString());
        assertEquals(2.0, parts.stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(2, whole[0], "and whole runs, for a caller that counts them");
    }
}
