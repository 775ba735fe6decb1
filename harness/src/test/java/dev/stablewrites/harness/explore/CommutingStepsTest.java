package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.harness.gen.ScenarioScope;
import dev.stablewrites.strategies.bounce.BouncePages;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one reduction of the unbounded search, a disk's DMA step taken alone
 * ({@link dev.stablewrites.core.block.Disk#nextStepCommutes}), is sound: searched with and without
 * it, an instance gives the same properties violated and the same set of distinct final states.
 * Checked for every strategy on every instance of the smallest scope of buffered-write, mmap, odirect
 * and journal, every eighth of journal's at scope 2 (with jbd2's shadow wait and with its frozen
 * copy), every sixth of mmap-2proc's, and ext3-ordered's smallest instance under the two strategies
 * that make copies on its path (its unbounded searches take 7 to 39 s each). Where the reduction never
 * took a step, or a writer raced the device and broke its promise (the search is then made again
 * without it), the search kept is the full one, so only it runs.
 */
class CommutingStepsTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    private record Seen(Set<Property> violated, Set<dev.stablewrites.core.state.Fingerprint> finals) {
    }

    @TestFactory
    Stream<DynamicTest> takingDmaStepsFirst_findsWhatTheFullSearchFinds_everyStrategy() {
        Geometry frozen = Scenario.parse("journal jbd2=frozen-copy A: update@0x100+8=0x11; J: commit").geometry();
        List<DynamicTest> tests = new ArrayList<>();
        for (String strategy : CATALOG.ids()) {
            for (ScenarioKind kind : ScenarioKind.values()) {
                if (kind == ScenarioKind.EXT3_ORDERED) {
                    continue;
                }
                List<Scenario> instances = ScenarioScope.instances(kind, Geometry.DEFAULT, 1);
                tests.add(crossCheck(strategy, kind.id(), kind == ScenarioKind.MMAP_2PROC ? every(6, instances)
                        : instances, true));
            }
            // With two updates jbd2 logs a copy of the buffer whatever the strategy, in either mode.
            tests.add(crossCheck(strategy, "journal, scope 2", every(8, ScenarioScope.instances(ScenarioKind.JOURNAL,
                    Geometry.DEFAULT, 2)), true));
            tests.add(crossCheck(strategy, "journal jbd2=frozen-copy, scope 2",
                    every(8, ScenarioScope.instances(ScenarioKind.JOURNAL, frozen, 2)), true));
        }
        // The other integrity profiles: the device checks none (fs-crc32c, none), or another guard.
        for (String profile : List.of("fs-crc32c", "none", "nvme-crc64", "t10-dif-type3")) {
            Geometry g = Scenario.parse("mmap integrity=" + profile + " A: store@0x100+8=0x11; B: fsync").geometry();
            for (String strategy : List.of("none", "stable-pages", "recheck-resubmit")) {
                tests.add(crossCheck(strategy, "mmap integrity=" + profile,
                        ScenarioScope.instances(ScenarioKind.MMAP, g, 1), true));
            }
        }
        Scenario smallest = ScenarioScope.instances(ScenarioKind.EXT3_ORDERED, Geometry.DEFAULT, 1).get(0);
        for (String strategy : List.of("bounce", "snap-stable")) {
            tests.add(crossCheck(strategy, "ext3-ordered", List.of(smallest), true));
        }
        return tests.stream();
    }

    /** @param mustTake whether some instance must have had a step taken first: the check is not empty */
    private static DynamicTest crossCheck(String strategy, String what, List<Scenario> instances, boolean mustTake) {
        return DynamicTest.dynamicTest(strategy + " on " + what, () -> {
            Runner runner = new Runner(CATALOG, strategy);
            long taken = 0;
            for (Scenario instance : instances) {
                StateCachingSearch.Found reduced = search(runner, instance, true);
                assertTrue(reduced.reductionDropped() == null || reduced.takenFirst() == 0,
                        "a search made again keeps no step taken first: " + instance);
                // Only a writer racing the device breaks a promise. With a profile the device checks, a race
                // fails a run, so where every run holds none raced; except under recheck-resubmit, which lets
                // the race happen and resubmits. (Where nothing checks, or stable writes are not required,
                // a race breaks a promise and fails nothing.)
                boolean checked = instance.geometry().integrity().verifiedBy() == VerifiedBy.DEVICE;
                assertTrue(reduced.reductionDropped() == null || !seen(reduced).violated().isEmpty() || !checked
                        || strategy.equals("recheck-resubmit"), "a needless restart: " + instance + ": "
                        + reduced.reductionDropped());
                taken += reduced.takenFirst();
                if (reduced.takenFirst() == 0) {
                    continue; // no choice was skipped: the full search is this one
                }
                StateCachingSearch.Found full = search(runner, instance, false);
                assertEquals(seen(full).violated(), seen(reduced).violated(), "properties violated, " + instance);
                assertEquals(full.finalStates(), reduced.finalStates(), "distinct final states, " + instance);
                assertTrue(reduced.states() < full.states(), "fewer states: " + instance);
            }
            assertTrue(!mustTake || taken > 0, "no step was taken first: the check compared nothing");
        });
    }

    private static List<Scenario> every(int n, List<Scenario> all) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.get(i));
        }
        return out;
    }

    private static StateCachingSearch.Found search(Runner runner, Scenario instance, boolean reduced) {
        StateCachingSearch s = new StateCachingSearch(runner, instance, ExhaustiveExplorer.UNBOUNDED,
                Integer.MAX_VALUE, false);
        StateCachingSearch.Found f = (reduced ? s : s.withoutReduction()).search();
        assertTrue(f.complete());
        return f;
    }

    private static Seen seen(StateCachingSearch.Found f) {
        Set<Property> violated = EnumSet.noneOf(Property.class);
        f.runs().forEach(run -> run.violations().forEach(v -> violated.add(v.property())));
        return new Seen(violated, f.finalStates());
    }

    @Test
    void bounceOnTheDefaultMmap2procInstance_takesTheCopysDmaFirst_andKeepsItsTwelveFinalStates() {
        Runner runner = new Runner(CATALOG, "bounce");
        Scenario instance = Scenario.defaultOf(ScenarioKind.MMAP_2PROC, Geometry.DEFAULT);
        StateCachingSearch.Found reduced = search(runner, instance, true);
        StateCachingSearch.Found full = search(runner, instance, false);
        assertEquals(7_123, reduced.states());
        assertEquals(12_667, full.states());
        assertEquals(0, full.takenFirst());
        assertTrue(reduced.takenFirst() > 0);
        assertEquals(12, reduced.finalStates().size());
        assertEquals(full.finalStates(), reduced.finalStates());
    }

    @Test
    void withAFaultActor_orTwoLegs_nothingIsTakenFirst() {
        // A fault actor flips media bits and arms wire flips; a RAID1 completion compares both legs' media.
        Runner runner = new Runner(CATALOG, "bounce");
        for (String line : List.of("mmap faults=media A: store@0x100+8=0x11; B: fsync",
                "mmap faults=stray A: store@0x100+8=0x11; B: fsync",
                "mmap device=raid1 A: store@0x100+8=0x11; B: fsync")) {
            assertEquals(0, search(runner, Scenario.parse(line), true).takenFirst(), line);
        }
        assertTrue(search(runner, Scenario.parse("mmap A: store@0x100+8=0x11; B: fsync"), true).takenFirst() > 0);
    }

    /**
     * Test-only: bounces like {@code bounce}, and its {@code ->page_mkwrite} "keeps the copy current",
     * changing a byte of interval 3 of every copy still in flight: an interval whose DMA step the
     * search takes alone, so another order of the two would have sent another byte.
     */
    static final class ScribblesOnItsCopy implements Strategy {
        private final BouncePages pages = new BouncePages();
        private final List<Bio> bios = new ArrayList<>();

        @Override
        public String description() {
            return "bounce, and page_mkwrite refreshes the copies in flight";
        }

        @Override
        public void bioIntegrityPrep(BioHook submit, Steps steps) {
            bios.add(submit.bio());
            pages.copy(submit.kernel(), submit.bio(), steps, "blk_queue_bounce", "the bio now carries the copy");
        }

        @Override
        public void bioEndIo(BioCompletion completion, Steps steps) {
            bios.remove(completion.bio());
            pages.release(completion, steps, "bounce_end_io_write");
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            steps.add("refresh the copies", fault.page(), actor -> {
                for (Bio bio : bios) {
                    for (Page copy : pages.copies(bio)) {
                        copy.data()[3 * 512 + 1] ^= 0x5a;
                    }
                }
                return StepResult.DONE;
            });
        }
    }

    static final class ScribbleModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("scribbles-on-its-copy", ScribblesOnItsCopy.class);
        }
    }

    @Test
    void aStrategyChangingItsCopyInFlight_breaksThePromise_andTheSearchIsMadeAgainInFull() {
        Runner runner = new Runner(StrategyCatalog.of(List.of(new ScribbleModule())), "scribbles-on-its-copy");
        Scenario instance = Scenario.parse("mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync");
        StateCachingSearch.Found reduced = search(runner, instance, true);
        StateCachingSearch.Found full = search(runner, instance, false);
        assertNotNull(reduced.reductionDropped());
        assertTrue(reduced.reductionDropped().startsWith("a DMA step of "), reduced.reductionDropped());
        assertTrue(reduced.reductionDropped().contains("changed before its command ended"), reduced.reductionDropped());
        assertEquals(0, reduced.takenFirst(), "the search kept is the full one");
        assertTrue(reduced.discardedRuns() > 0, "the attempt thrown away took runs");
        assertEquals(full.runsSpent() + reduced.discardedRuns(), reduced.runsSpent(),
                "the budget counts the attempt thrown away too");
        assertEquals(full.states(), reduced.states());
        assertEquals(full.finalStates(), reduced.finalStates());
        assertEquals(seen(full).violated(), seen(reduced).violated());
    }

    /** Verification says how many of its instances had to be searched again, and spends their first attempts. */
    @Test
    void verification_countsTheInstancesSearchedAgain_andTheirDiscardedRuns() {
        Runner runner = new Runner(StrategyCatalog.of(List.of(new ScribbleModule())), "scribbles-on-its-copy");
        ScenarioSource source = ScenarioSource.parse("mmap");
        Exploration.Result all = Exploration.run(new VerifyExplorer(1, ExhaustiveExplorer.UNBOUNDED, true, true),
                runner, source, 1, Integer.MAX_VALUE, false);
        String text = all.summary().claim();
        // Each instance stores through the mapping, so each faults while a copy is in flight.
        assertTrue(text.contains("; 12 of 12 instances searched again trying every actor at every step, the first as"
                + " a DMA step of "), text);
        // The budget counts the attempts thrown away: what the kept (full) searches replayed is not enough.
        long kept = 0;
        long discarded = 0;
        for (Scenario instance : ScenarioScope.instances(ScenarioKind.MMAP, Geometry.DEFAULT, 1)) {
            kept += search(runner, instance, false).runsSpent();
            discarded += search(runner, instance, true).discardedRuns();
        }
        assertTrue(discarded > 0);
        VerifyExplorer verify = new VerifyExplorer(1, ExhaustiveExplorer.UNBOUNDED, true, true);
        assertFalse(Exploration.run(verify, runner, source, 1, (int) (kept + 1), false).summary().complete());
        assertTrue(Exploration.run(verify, runner, source, 1, (int) (kept + discarded), false).summary().complete());
    }

    /**
     * A run made ahead on a worker goes on past the state where the search cuts it, and may break a
     * promise there; it counts only where the search on one thread would have reached it.
     */
    @Test
    void whetherAPromiseBroke_isTheSameOnAnyNumberOfThreads() {
        Runner runner = new Runner(StrategyCatalog.of(List.of(new ScribbleModule())), "scribbles-on-its-copy");
        for (String line : List.of("mmap A: store@0x100+8=0x11 store@0x100+8=0x22 store@0x100+8=0x33; B: fsync fsync",
                "mmap-2proc A: store@0x100+8=0x11; B: fsync; C: store@0x1c0+8=0x33")) {
            Scenario instance = Scenario.parse(line);
            StateCachingSearch.Found one = search(runner, instance, true);
            assertNotNull(one.reductionDropped(), "the restart is what may differ: " + line);
            for (int threads : new int[] {2, 3}) {
                try (Workers w = new Workers(threads)) {
                    StateCachingSearch.Found many = new StateCachingSearch(runner.withWorkers(w), instance,
                            ExhaustiveExplorer.UNBOUNDED, Integer.MAX_VALUE, false).search();
                    assertEquals(one.reductionDropped(), many.reductionDropped(), line);
                    assertEquals(one.states(), many.states(), line);
                    assertEquals(one.takenFirst(), many.takenFirst(), line);
                    assertEquals(one.finalStates(), many.finalStates(), line);
                }
            }
        }
    }
}
