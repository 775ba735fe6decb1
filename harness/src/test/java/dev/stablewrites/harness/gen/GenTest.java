package dev.stablewrites.harness.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Guards the generators: within bounds, reproducible per seed, and every shrink strictly simpler. */
class GenTest {
    @Test
    void ints_stayInRange_andShrinkTowardsTheMinimum() {
        Gen<Integer> g = Gen.ints(3, 9);
        SplittableRandom r = new SplittableRandom(5);
        boolean[] seen = new boolean[10];
        for (int i = 0; i < 1000; i++) {
            int v = g.next(r);
            assertTrue(v >= 3 && v <= 9, "out of range: " + v);
            seen[v] = true;
        }
        for (int v = 3; v <= 9; v++) {
            assertTrue(seen[v], "never drew " + v);
        }
        assertEquals(List.of(3, 6, 8), g.shrink(9));
        assertEquals(List.of(), g.shrink(3));
        assertThrows(IllegalArgumentException.class, () -> Gen.ints(2, 1));
    }

    @Test
    void scenarios_areReproducibleFromTheirSeed_andWithinTheKindsBounds() {
        for (ScenarioKind kind : ScenarioKind.values()) {
            ScenarioGen g = new ScenarioGen(kind, Geometry.DEFAULT);
            for (long seed = 0; seed < 200; seed++) {
                Scenario s = g.next(new SplittableRandom(seed));
                assertEquals(s, g.next(new SplittableRandom(seed)));
                for (List<Op> ops : s.ops().values()) {
                    assertTrue(ops.size() >= 1 && ops.size() <= 6, s.toString());
                }
            }
        }
    }

    @Test
    void everyScenarioShrink_isStrictlySmaller_andStillAValidInstanceOfTheKind() {
        for (ScenarioKind kind : ScenarioKind.values()) {
            ScenarioGen g = new ScenarioGen(kind, Geometry.DEFAULT);
            for (long seed = 0; seed < 100; seed++) {
                Scenario s = g.next(new SplittableRandom(seed));
                for (Scenario smaller : g.shrink(s)) {
                    assertTrue(ScenarioGen.smaller(smaller, s), smaller + " is not smaller than " + s);
                    assertEquals(kind, smaller.kind());
                    assertEquals(smaller, Scenario.parse(smaller.toString()), "prints as a line that reads back");
                }
            }
        }
    }

    @Test
    void theSmallestInstance_hasNoShrinks() {
        Scenario s = Scenario.parse("mmap A: store@0x0+1=0x11; B: fsync");
        assertEquals(List.of(), ScenarioGen.candidates(s));
    }

    @Test
    void aLongActor_shrinksByHalvesFirst() {
        StringBuilder line = new StringBuilder("mmap A:");
        for (int i = 0; i < 6_000; i++) {
            line.append(" store@0x0+8=0x11");
        }
        Scenario big = Scenario.parse(line.append("; B: fsync").toString());
        java.util.Iterator<Scenario> it = ScenarioShrinks.of(big).iterator();
        assertEquals(3_000, it.next().opsOf('A').size(), "the first half gone");
        assertEquals(3_000, it.next().opsOf('A').size(), "the second half gone");
        assertEquals(4_500, it.next().opsOf('A').size(), "then quarters");
    }

    @Test
    void aGeneratedInstance_hasNoChunkShrinks_soItsShrunkCounterexamplesDoNotChange() {
        Scenario s = Scenario.parse("mmap A: store@0x10+8=0x11 store@0x20+8=0x22 store@0x30+8=0x33; B: fsync");
        List<Scenario> c = ScenarioGen.candidates(s);
        assertEquals(2, c.get(0).opsOf('A').size(), "one operation fewer first");
        assertEquals(3 + 3 + 3, c.size(), "one fewer, one byte, offset 0: for each of A's three stores");
    }
}
