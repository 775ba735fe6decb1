package dev.stablewrites.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Runner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The commutation probe compares real states: on the seed race some pairs reach one state in both
 * orders and some do not, and the same seed gives the same counts. It is also the footprint
 * recorder's self-check: a pair whose recorded footprints do not conflict must commute, in every
 * kind under every strategy, or a reduction built on footprints would lose schedules.
 */
@Tag("footprints") // rewrites the model's classes: a fork of its own (parent pom)
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
        // Both orders start at the sampled decision point, past any forced step: on this race no store or
        // fsync step can keep the other actor from running next (before the fix, 51 of 302 pairs could not).
        assertEquals(0, c.disabled(), c.toString());
    }

    @Test
    void everyIndependentPairCommutes_inEveryKind_underEveryStrategy() {
        int kinds = 0;
        for (ScenarioKind kind : ScenarioKind.values()) {
            int independent = 0;
            int dependent = 0;
            for (String strategy : CATALOG.ids()) {
                Commutation c = Commutation.measure(new Runner(CATALOG, strategy), Scenario.defaultOf(kind), 60, 3);
                assertTrue(c.independent() >= 0, "the tests run with the footprint agent");
                assertEquals(0, c.missed(), "independent by footprint, yet the order mattered: " + c);
                independent += c.independent();
                dependent += c.pairs() - c.independent();
            }
            // Neither everything nor nothing: the footprints tell pairs apart in every kind.
            assertTrue(independent > 0 && dependent > 0, kind + ": " + independent + " independent, " + dependent);
            kinds++;
        }
        assertEquals(6, kinds);
    }
}
