package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Guards PCT's priorities and change points, its guarantee line and its reach on the seed race. */
class PctExplorerTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    @Test
    void depthOne_hasNoChangePoint_soOneFixedPriorityOrderExplainsEveryChoice() {
        // Without a change point the highest-priority runnable actor always runs: "chose X while Y
        // was runnable" must never contradict itself (no cycle), whatever becomes runnable when.
        Runner runner = new Runner(CATALOG, "none");
        Scenario s = Scenario.parse("mmap A: store@0x0+1=0x11 store@0x8+1=0x22; B: fsync");
        for (int seed = 0; seed < 50; seed++) {
            PctChooser pct = new PctChooser(new SplittableRandom(seed), 1, 40);
            boolean[][] beats = new boolean[26][26];
            runner.run(s, (runnable, count, step, previous) -> {
                int pick = pct.choose(runnable, count, step, previous);
                for (int i = 0; i < count; i++) {
                    if (i != pick) {
                        beats[runnable[pick].id() - 'A'][runnable[i].id() - 'A'] = true;
                    }
                }
                return pick;
            });
            for (int k = 0; k < 26; k++) { // transitive closure: a cycle shows as an actor beating itself
                for (int i = 0; i < 26; i++) {
                    for (int j = 0; j < 26; j++) {
                        beats[i][j] |= beats[i][k] && beats[k][j];
                    }
                }
            }
            for (int i = 0; i < 26; i++) {
                assertFalse(beats[i][i], "seed " + seed + ": actor " + (char) ('A' + i) + " both beat and lost");
            }
        }
    }

    @Test
    void theActorAboutToTakeTheChangePointsStep_dropsBelowEveryOther_andAnotherTakesIt() {
        Actor a = new Actor('A', "a", Actor.Kind.WRITER);
        Actor b = new Actor('B', "b", Actor.Kind.WRITER);
        Actor[] both = {a, b};
        // Depth 2, k = 3: one change point at step 1, 2 or 3. Without it one actor would take every
        // step; with it the actor about to take that step drops for good and the other runs on.
        int[] switchedAt = new int[5];
        for (int seed = 0; seed < 60; seed++) {
            PctChooser c = new PctChooser(new SplittableRandom(seed), 2, 3);
            Actor previous = null;
            Actor first = null;
            int switches = 0;
            for (int step = 0; step < 5; step++) {
                Actor next = both[c.choose(both, 2, step, previous)];
                if (previous != null && next != previous) {
                    switches++;
                    switchedAt[step]++;
                }
                first = first == null ? next : first;
                previous = next;
            }
            assertTrue(switches <= 1, "seed " + seed + ": the demoted actor came back");
        }
        // A change point at step 1 demotes before anything ran: no switch is seen then.
        assertTrue(switchedAt[1] > 0 && switchedAt[2] > 0, java.util.Arrays.toString(switchedAt));
        assertEquals(0, switchedAt[3] + switchedAt[4], "no switch after the last possible change point");
    }

    @Test
    void findsTheSeedRaceInItsSmallestInstance_whereTheDiskMustBeDemotedBeforeItsFirstDma() {
        // Only one preemption order breaks this instance: B must checksum, then A store before D's DMA.
        Exploration.Result r = Exploration.run(new PctExplorer(3), new Runner(CATALOG, "none"),
                ScenarioSource.parse("mmap A: store@0x0+1=0x11; B: fsync"), 1, 20_000, true);
        assertFalse(r.holds(), "PCT must reach the race in the one-store instance");
    }

    @Test
    void findsTheSeedRace_andStatesItsGuaranteeWhenNothingFails() {
        Exploration.Result found = Exploration.run(new PctExplorer(3), new Runner(CATALOG, "none"),
                ScenarioSource.parse("mmap"), 1, 10_000, true);
        assertFalse(found.holds());
        assertEquals(Property.NO_FALSE_EIO, found.violation());
        Exploration.Result holds = Exploration.run(new PctExplorer(3), new Runner(CATALOG, "bounce"),
                ScenarioSource.parse("mmap"), 1, 300, true);
        assertTrue(holds.holds());
        assertTrue(holds.summary().guarantee().matches(
                "PCT guarantees p >= 1/\\(n\\*k\\^\\(d-1\\)\\) = 1/\\(\\d\\*\\d+\\^2\\) = \\S+ per schedule for a depth-3 bug in the first k steps .*"),
                holds.summary().guarantee());
    }

    @Test
    void theSameSeed_visitsTheSameSchedules_anotherSeedOthers() {
        assertEquals(schedules(7), schedules(7));
        assertNotEquals(schedules(7), schedules(8));
    }

    @Test
    void theLowerBound_isOneOverNTimesKToTheDMinusOne() {
        assertEquals(1.0 / (4 * 50 * 50), PctExplorer.lowerBound(4, 50, 3), 1e-15);
        assertEquals(1.0 / 4, PctExplorer.lowerBound(4, 50, 1), 1e-15);
    }

    @Test
    void aDepthOutOfRange_isRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PctExplorer(0));
        assertTrue(e.getMessage().contains("1 to 10"), e.getMessage());
    }

    private static List<String> schedules(long seed) {
        List<String> out = new ArrayList<>();
        new PctExplorer(3).explore(new Runner(CATALOG, "bounce"), ScenarioSource.parse("mmap"), seed, 30,
                (n, run) -> out.add(run.scenario() + " " + run.schedule()));
        return out;
    }
}
