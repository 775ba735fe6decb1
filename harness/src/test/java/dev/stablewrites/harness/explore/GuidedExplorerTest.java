package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the guided explorer: deterministic per seed, and able to reach the four-window
 * recheck-resubmit failure that uniform random misses with the same seed and budget.
 */
class GuidedExplorerTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    @Test
    void reachesRecheckResubmitsFourWindowFailure_whereRandomDoesNot() {
        // Checked: seed 1 on odirect, guided finds it at schedule 7,212; random finds nothing in 20,000.
        // (On mmap, guided in generations of 16 misses it with seed 1; the window explorer finds it.)
        Runner runner = new Runner(CATALOG, "recheck-resubmit");
        Exploration.Result guided = Exploration.run(new GuidedExplorer(), runner, ScenarioSource.parse("odirect"), 1,
                20_000, true);
        Exploration.Result random = Exploration.run(new RandomExplorer(), runner, ScenarioSource.parse("odirect"), 1,
                20_000, true);
        assertFalse(guided.holds());
        assertEquals(Property.NO_FALSE_EIO, guided.violation());
        assertTrue(guided.firstFailure().costs().resubmits >= 3, "the limit was exhausted");
        assertTrue(random.holds(), "uniform random finds it with this seed: pick another to keep the contrast");
    }

    @Test
    void theSameSeed_visitsTheSameRuns() {
        assertEquals(runs(3), runs(3));
    }

    private static List<String> runs(long seed) {
        List<String> out = new ArrayList<>();
        new GuidedExplorer().explore(new Runner(CATALOG, "recheck-resubmit"), ScenarioSource.parse("odirect"), seed,
                500, (n, run) -> out.add(run.scenario() + " " + run.schedule()));
        return out;
    }
}
