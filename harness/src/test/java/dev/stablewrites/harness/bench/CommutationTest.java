package dev.stablewrites.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Runner;
import org.junit.jupiter.api.Test;

/**
 * The commutation probe compares real states: on the seed race some pairs reach one state in both
 * orders and some do not, and the same seed gives the same counts.
 */
class CommutationTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    @Test
    void samplesPairsInBothOrders_deterministically() {
        Runner none = new Runner(CATALOG, "none");
        Scenario mmap = Scenario.parse("mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync");
        Commutation c = Commutation.measure(none, mmap, 300, 1);
        assertTrue(c.samples() > 0 && c.pairs() >= c.samples(), c.toString());
        assertEquals(c.pairs(), c.commute() + c.differ() + c.disabled());
        // A store against the disk's DMA of the page it checksummed: the order decides the state.
        assertTrue(c.differ() > 0, "no pair's order mattered: " + c);
        // A store and fsync's bookkeeping steps, or two reads, leave one state either way.
        assertTrue(c.commute() > 0, "no pair commuted: " + c);
        // Most of the seed race's steps touch different state (a store, the disk's DMA of other
        // intervals, fsync's waits): if the second step were not the second actor's, most pairs would differ.
        assertTrue(c.commute() > c.differ(), c.toString());
        assertEquals(c, Commutation.measure(none, mmap, 300, 1), "the same seed, the same samples");
    }
}
