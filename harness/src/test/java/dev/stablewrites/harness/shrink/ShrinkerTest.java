package dev.stablewrites.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.WindowExplorer;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.gen.ScenarioGen;
import dev.stablewrites.harness.gen.ScenarioShrinks;
import dev.stablewrites.harness.report.CounterexampleReport;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import java.time.Duration;
import dev.stablewrites.harness.report.EventRenderer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Guards that shrinking keeps the property, only ever simplifies, and brings the seed race to §1's five steps. */
class ShrinkerTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    @Test
    void theSeedRace_shrinksToTheFiveStepsOfDesignSection1() {
        for (long seed = 1; seed <= 10; seed++) {
            Shrinker.Shrunk s = shrinkFirstFailure("none", "mmap", seed, new RandomExplorer());
            assertEquals(Property.NO_FALSE_EIO, s.property());
            int events = EventRenderer.eventsToViolation(s.run());
            assertTrue(events <= 8, "seed " + seed + ": " + events + " events\n" + EventRenderer.render(s.run()));
            List<EventRenderer.Event> ev = EventRenderer.events(s.run());
            // A faults in, B checksums and submits, A scribbles, the disk fails the DMA, fsync returns EIO.
            assertEquals("ABADB", ev.subList(0, 5).stream().map(e -> String.valueOf(e.actor())).reduce("", String::concat),
                    "seed " + seed + "\n" + EventRenderer.render(s.run()));
            assertEquals(1, s.preemptions(), "one preemption: B runs between A's fault and A's store");
            assertEquals(1, s.scenario().opsOf('A').size(), "one store is enough: " + s.scenario());
        }
    }

    @ParameterizedTest
    @CsvSource({"none, ext3-ordered", "none, odirect", "mkwrite-wait, odirect", "writeback-then-ro, journal",
            "recheck-resubmit, buffered-write", "none, mmap-2proc"})
    void aShrunkCounterexample_failsTheSameProperty_isNoBigger_andReplaysFromItsSchedule(String strategy,
                                                                                          String scenario) {
        Runner runner = new Runner(CATALOG, strategy);
        Exploration.Result r = Exploration.run(new GuidedExplorer(), runner, ScenarioSource.parse(scenario), 1,
                20_000, true);
        assertFalse(r.holds());
        Shrinker.Shrunk s = new Shrinker(runner, ScenarioGen::candidates).shrink(r.firstFailure());
        assertEquals(r.violation(), s.property());
        assertTrue(s.run().violations().stream().anyMatch(v -> v.property() == s.property()));
        assertFalse(ScenarioGen.smaller(r.firstFailure().scenario(), s.scenario()), "never bigger");
        assertTrue(s.run().costs().steps <= r.firstFailure().costs().steps || ScenarioGen.smaller(s.scenario(),
                r.firstFailure().scenario()), "fewer steps unless the scenario itself shrank");
        RunResult again = runner.replay(s.scenario(), s.schedule(), true);
        assertEquals(s.run().trace(), again.trace(), "the printed schedule replays to the printed trace");
        assertTrue(s.schedule().length() <= again.schedule().length());
    }

    @Test
    void recheckResubmitsFourWindowFailure_shrinksToOneStorePerWindow() {
        // Found by the window explorer at schedule 2,177, on an instance it moved to the last interval.
        Shrinker.Shrunk s = shrinkFirstFailure("recheck-resubmit", "mmap", 1, new WindowExplorer());
        assertTrue(s.preemptions() <= 4, s.preemptions() + " preemptions\n" + EventRenderer.render(s.run()));
        long resubmits = s.run().trace().stream().filter(e -> e.function().equals("submit_bio") && e.actor() == 'K')
                .count();
        assertEquals(3, resubmits, "the limit, exactly");
        assertTrue(EventRenderer.eventsToViolation(s.run()) <= 16, EventRenderer.render(s.run()));
    }

    @Test
    void shrinkingIsDeterministic() {
        Shrinker.Shrunk a = shrinkFirstFailure("none", "buffered-write", 3, new RandomExplorer());
        Shrinker.Shrunk b = shrinkFirstFailure("none", "buffered-write", 3, new RandomExplorer());
        assertEquals(a.scenario(), b.scenario());
        assertEquals(a.schedule(), b.schedule());
        assertEquals(a.run().trace(), b.run().trace());
    }

    /** The case: a hand-written scenario of 6,000 operations ran two minutes and kept 5,789. */
    @Test
    void aSixThousandOperationScenario_shrinksToOneStore_withinTheRunBudget() {
        Scenario big = bigMmapScenario(5_998);
        Runner runner = new Runner(CATALOG, "none");
        RunResult failing = runner.replay(big, Schedule.ofChoices("AAAABBBBBBBBB"), false);
        assertEquals(Property.NO_FALSE_EIO, failing.firstViolation().property());
        Shrinker.Shrunk s = new Shrinker(runner, ScenarioShrinks::of).shrink(failing);
        assertTrue(s.complete(), s.gaveUp());
        assertEquals(Property.NO_FALSE_EIO, s.property());
        assertEquals(1, s.scenario().opsOf('A').size(), s.scenario().toString());
        assertTrue(s.runs() < 2_000, s.runs() + " runs: halving, not one operation per round");
    }

    @Test
    void aShrinkThatReachesItsTimeLimit_stopsThere_andSaysSo() {
        Scenario big = bigMmapScenario(600);
        Runner runner = new Runner(CATALOG, "none");
        RunResult failing = runner.replay(big, Schedule.ofChoices("AAAABBBBBBBBB"), false);
        long[] now = {0};
        // Each look at the clock is a second later: the 5 s limit passes after a few runs.
        Shrinker.Shrunk s = new Shrinker(runner, ScenarioShrinks::of).withTimeLimit(Duration.ofSeconds(5))
                .withClock(() -> now[0] += 1_000_000_000L).shrink(failing);
        assertFalse(s.complete());
        assertTrue(s.gaveUp().startsWith("its time limit of 5 s"), s.gaveUp());
        assertTrue(s.runs() <= 6, s.runs() + " runs after the limit");
        assertTrue(s.run().violations().stream().anyMatch(v -> v.property() == Property.NO_FALSE_EIO),
                "what it returns still fails");
        String report = CounterexampleReport.render(s, "replay", false);
        assertTrue(report.contains("shrinking gave up at its time limit of 5 s"), report);
        assertTrue(report.contains("not necessarily the smallest"), report);
    }

    @Test
    void aShrinkThatRunsToItsEnd_isComplete_andTheReportSaysNothingOfLimits() {
        Shrinker.Shrunk s = shrinkFirstFailure("none", "mmap", 1, new RandomExplorer());
        assertTrue(s.complete());
        assertFalse(CounterexampleReport.render(s, "replay", false).contains("gave up"));
    }

    @Test
    void aShrinkStoppedByItsRunLimit_doesNotPointAtTheTimeOption() {
        Shrinker.Shrunk s = shrinkFirstFailure("none", "mmap", 1, new RandomExplorer());
        Shrinker.Shrunk cut = new Shrinker.Shrunk(s.property(), s.scenario(), s.schedule(), s.run(), s.preemptions(),
                s.runs(), "its limit of 20,000 runs");
        assertEquals("shrinking gave up at its limit of 20,000 runs: the smallest failure found by then, not"
                + " necessarily the smallest there is", CounterexampleReport.gaveUpLine(cut));
    }

    private static Scenario bigMmapScenario(int stores) {
        StringBuilder line = new StringBuilder("mmap A:");
        for (int i = 0; i < stores; i++) {
            line.append(String.format(" store@0x%x+8=0x%02x", (i * 8) % 4096, i % 255 + 1));
        }
        return Scenario.parse(line.append("; B: fsync fsync").toString());
    }

    @Test
    void scheduleEdits_cutDropAndSwapRunsOfOneActor() {
        List<String> c = Shrinker.scheduleCandidates("AABBA");
        assertTrue(c.containsAll(List.of("", "AA", "AABB", "BBA", "AAA", "AABB", "BBAAA", "AAABB", "ABBA")), c.toString());
    }

    private static Shrinker.Shrunk shrinkFirstFailure(String strategy, String scenario, long seed,
                                                      dev.stablewrites.harness.explore.Explorer explorer) {
        Runner runner = new Runner(CATALOG, strategy);
        Exploration.Result r = Exploration.run(explorer, runner, ScenarioSource.parse(scenario), seed, 20_000, true);
        assertFalse(r.holds(), strategy + " on " + scenario + " seed " + seed);
        return new Shrinker(runner, ScenarioGen::candidates).shrink(r.firstFailure());
    }
}
