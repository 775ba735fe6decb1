package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.state.Fingerprint;
import dev.stablewrites.core.state.StateFingerprint;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.harness.gen.ScenarioScope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * State caching is sound: for every strategy and every kind, every instance of a small scope is
 * searched within the same preemption bound with and without caching (the same depth-first search
 * cutting nothing: every schedule run to its end), and both find the same properties violated and
 * the same set of distinct final states (fingerprinted after the run's checks, so violations count). The two kinds with two writers are checked within bound 0 (their
 * smallest scope has 48 and 96 instances; ext3-ordered's take 14 million schedules within bound 1
 * without caching), the others within bound 1; {@link #theDefaultMmap2procInstance_withinBound2}
 * adds two writers and two preemptions for every strategy.
 */
class StateCachingTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    private record Seen(Set<Property> violated, Set<Fingerprint> finals, long runs) {
    }

    @TestFactory
    Stream<DynamicTest> cachingFindsWhatTheFullSearchFinds_everyStrategy_everyKind() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String strategy : CATALOG.ids()) {
            for (ScenarioKind kind : ScenarioKind.values()) {
                int bound = boundFor(kind);
                List<Scenario> instances = ScenarioScope.instances(kind, Geometry.DEFAULT, 1);
                if (kind == ScenarioKind.EXT3_ORDERED) {
                    instances = everyTwelfth(instances);
                }
                List<Scenario> checked = instances;
                tests.add(DynamicTest.dynamicTest(strategy + " on " + kind.id() + " within bound " + bound, () -> {
                    Runner runner = new Runner(CATALOG, strategy);
                    for (Scenario instance : checked) {
                        Seen full = withoutCaching(runner, instance, bound);
                        Seen cached = withCaching(runner, instance, bound);
                        assertEquals(full.violated(), cached.violated(), "properties violated, " + instance);
                        assertEquals(full.finals(), cached.finals(), "distinct final states, " + instance);
                        assertTrue(cached.runs() <= full.runs(), "caching never runs more: " + instance);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Bound 1 where one writer and one syncer make the instances; bound 0 where a journal or a
     * second writer does (the direct-map strategies' kworker steps take journal's uncut search at
     * bound 1 to 787,248 schedules).
     */
    private static int boundFor(ScenarioKind kind) {
        return switch (kind) {
            case BUFFERED_WRITE, MMAP, ODIRECT -> 1;
            default -> 0;
        };
    }

    /** ext3-ordered's 96 smallest instances take 137,000 uncut schedules even within bound 0: 8 of them. */
    private static List<Scenario> everyTwelfth(List<Scenario> all) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 12) {
            out.add(all.get(i));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> theDefaultMmapInstance_withinBound2_isTheChessSearchs() {
        return CATALOG.ids().stream().map(strategy -> DynamicTest.dynamicTest(strategy, () -> {
            Runner runner = new Runner(CATALOG, strategy);
            Scenario instance = Scenario.defaultOf(ScenarioKind.MMAP, Geometry.DEFAULT);
            Seen full = withoutCaching(runner, instance, 2);
            Seen cached = withCaching(runner, instance, 2);
            assertEquals(full.violated(), cached.violated());
            assertEquals(full.finals(), cached.finals());
            // The uncut search is the exhaustive explorer's: as many runs as the CHESS search without caching.
            long[] chess = {0};
            new ExhaustiveExplorer(2, false).explore(runner, ScenarioSource.generated(null, instance,
                    instance.toString()), 1, Integer.MAX_VALUE, (n, run) -> ++chess[0] > 0);
            assertEquals(chess[0], full.runs());
        }));
    }

    private static Seen withoutCaching(Runner runner, Scenario instance, int bound) {
        return seen(new StateCachingSearch(runner, instance, bound, Integer.MAX_VALUE, false).withoutCutting().search());
    }

    private static Seen withCaching(Runner runner, Scenario instance, int bound) {
        return seen(new StateCachingSearch(runner, instance, bound, Integer.MAX_VALUE, false).search());
    }

    private static Seen seen(StateCachingSearch.Found f) {
        assertTrue(f.complete());
        Set<Property> violated = EnumSet.noneOf(Property.class);
        f.runs().forEach(run -> run.violations().forEach(v -> violated.add(v.property())));
        return new Seen(violated, f.finalStates(), f.runs().size());
    }

    @Test
    void theDefaultInstances_areVerifiedWithNoPreemptionBound_andFindTheKnownRaces() {
        Runner none = new Runner(CATALOG, "none");
        Exploration.Result mmap = Exploration.run(new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED), none,
                ScenarioSource.parse("mmap"), 1, 1_000_000, false);
        assertFalse(mmap.holds(), "none's seed race is in the default mmap instance");
        assertTrue(mmap.summary().complete());
        Exploration.Result bounce = Exploration.run(new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED),
                new Runner(CATALOG, "bounce"), ScenarioSource.parse("mmap-2proc"), 1, 1_000_000, true);
        assertTrue(bounce.holds());
        Strength strength = bounce.strength();
        assertTrue(strength.verified());
        assertEquals(null, strength.bound(), "no preemption bound");
        assertTrue(strength.states() > strength.schedules(), strength.text());
        assertTrue(strength.text().endsWith("every schedule (no preemption bound), " + strength.schedules()
                + " schedules, " + strength.states() + " states"), strength.text());
    }

    /**
     * Runs made ahead on workers change nothing the search finds: the same runs in the same order,
     * states, cut runs, final states and completeness as on one thread, with and without a bound,
     * stopping at the first failure, cut by the budget, and with a livelock in the graph. Which runs
     * a worker makes first is timing, so that the workers were used at all is asserted only where
     * the search makes thousands of runs.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} on {1}, bound {2}, budget {3}, stop at failure {4}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        bounce           | mmap-2proc   | -1 | 1000000 | false
        none             | mmap-2proc   | 2  | 1000000 | false
        recheck-resubmit | journal      | -1 | 1000000 | false
        stable-pages     | ext3-ordered | -1 | 1000000 | true
        none             | mmap         | -1 | 1000000 | true
        bounce           | ext3-ordered | -1 | 4000    | false
        spins-in-mkwrite | mmap-2proc   | -1 | 1000000 | false
        """)
    void runsMadeAheadOnWorkers_changeNothingTheSearchFinds(String strategy, String kind, int bound, int budget,
                                                           boolean stopAtFailure) {
        StrategyCatalog catalog = strategy.equals("spins-in-mkwrite") ? StrategyCatalog.of(List.of(new SpinModule()))
                : CATALOG;
        Scenario instance = strategy.equals("spins-in-mkwrite")
                ? Scenario.parse("mmap-2proc A: store@0x100+8=0x11; B: fsync; C: store@0x1c0+8=0x33")
                : Scenario.defaultOf(ScenarioKind.byId(kind), Geometry.DEFAULT);
        int b = bound < 0 ? ExhaustiveExplorer.UNBOUNDED : bound;
        Runner runner = new Runner(catalog, strategy);
        StateCachingSearch.Found one = new StateCachingSearch(runner, instance, b, budget, stopAtFailure).search();
        assertEquals(0, one.madeAhead());
        for (int threads : new int[] {2, 3}) {
            try (Workers w = new Workers(threads)) {
                StateCachingSearch.Found many = new StateCachingSearch(runner.withWorkers(w), instance, b, budget,
                        stopAtFailure).search();
                if (one.runs().size() + one.cutRuns() >= 1000) {
                    assertTrue(many.madeAhead() > 0, "no run was made ahead on " + threads + " threads");
                }
                assertEquals(schedules(one), schedules(many), threads + " threads");
                assertEquals(one.complete(), many.complete());
                assertEquals(one.states(), many.states());
                assertEquals(one.cutRuns(), many.cutRuns());
                assertEquals(one.finalStates(), many.finalStates());
            }
        }
    }

    /**
     * The counts of one search pinned, so that a change both the one-thread and the many-thread
     * paths share cannot pass unseen: the schedules and states {@code bench --verify-defaults} reports.
     */
    @Test
    void theDefaultMmap2procInstance_keepsItsCounts_withAndWithoutABound() {
        StateCachingSearch.Found f = new StateCachingSearch(new Runner(CATALOG, "bounce"),
                Scenario.defaultOf(ScenarioKind.MMAP_2PROC, Geometry.DEFAULT), ExhaustiveExplorer.UNBOUNDED,
                Integer.MAX_VALUE, false).search();
        assertTrue(f.complete());
        // The disk's DMA of bounce copies taken alone (CommutingStepsTest): 408 runs and 12,667 states without it.
        assertEquals(156, f.runs().size());
        assertEquals(7_123, f.states());
        assertEquals(12_450, f.cutRuns()); // 22,836 without
        assertEquals(12, f.finalStates().size());
        // Within a bound, a state reached with fewer preemptions left is searched again.
        StateCachingSearch.Found bounded = new StateCachingSearch(new Runner(CATALOG, "none"),
                Scenario.defaultOf(ScenarioKind.MMAP_2PROC, Geometry.DEFAULT), 2, Integer.MAX_VALUE, false).search();
        assertTrue(bounded.complete());
        assertEquals(157, bounded.runs().size()); // 159 and 3,916 while the order syscalls returned in was state
        assertEquals(3_912, bounded.states());
        assertEquals(1_958, bounded.cutRuns());
        assertEquals(12, bounded.finalStates().size());
    }

    private static List<String> schedules(StateCachingSearch.Found f) {
        List<String> out = new ArrayList<>();
        f.runs().forEach(run -> out.add(run.schedule() + " " + run.holds() + " " + run.violations()));
        return out;
    }

    /** Test-only: {@code ->page_mkwrite} spins forever ({@code cond_resched} in a loop whose condition never holds). */
    static final class SpinsInMkwrite implements Strategy {
        /** Spin steps taken, by every instance: how far runs went into the cycle. */
        static final java.util.concurrent.atomic.AtomicLong SPINS = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public String description() {
            return "page_mkwrite retries forever";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            steps.add("cpu_relax", fault.page(), actor -> {
                SPINS.incrementAndGet();
                actor.yieldCpu();
                return StepResult.SLEEP; // retried, never done
            });
        }
    }

    static final class SpinModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("spins-in-mkwrite", SpinsInMkwrite.class);
        }
    }

    @Test
    void twoTasksSpinningForever_areALivelock_reportedAsTerminates() {
        // Once the others are done, A and C spin in turn for ever: a cycle of states with no way to the
        // end. Caching cuts every run where it comes back to a state, so only the replay that shows the
        // livelock spins until the step budget; the graph shows it.
        Runner runner = new Runner(StrategyCatalog.of(List.of(new SpinModule())), "spins-in-mkwrite");
        SpinsInMkwrite.SPINS.set(0);
        StateCachingSearch.Found f = new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED).searchCaching(runner,
                Scenario.parse("mmap-2proc A: store@0x100+8=0x11; B: fsync; C: store@0x1c0+8=0x33"), 1_000_000,
                false, true);
        assertTrue(f.complete());
        RunResult livelock = f.runs().get(f.runs().size() - 1);
        assertEquals(Property.TERMINATES, livelock.firstViolation().property(), livelock.violations().toString());
        // A run that hits the step budget spins at most that many times; any other run is cut where it
        // comes back to a state, a few spins in (at most one budget's worth of them, all together).
        long spunOut = f.runs().stream().filter(r -> r.violations().stream()
                .anyMatch(v -> v.property() == Property.TERMINATES)).count();
        assertTrue(SpinsInMkwrite.SPINS.get() <= (spunOut + 1) * Simulation.DEFAULT_BUDGET,
                SpinsInMkwrite.SPINS.get() + " spins in " + spunOut + " runs that hit the step budget");
    }

    /** Test-only: keeps a JDK type the fingerprint does not read. */
    static final class KeepsAThreadLocal implements Strategy {
        private final ThreadLocal<Integer> scratch = new ThreadLocal<>();

        @Override
        public String description() {
            return "keeps a ThreadLocal";
        }
    }

    static final class OpaqueModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("keeps-a-thread-local", KeepsAThreadLocal.class);
        }
    }

    @Test
    void aStateTheFingerprintCannotRead_isOneLineOfBadInput_withTheWayAround() {
        Runner runner = new Runner(StrategyCatalog.of(List.of(new OpaqueModule())), "keeps-a-thread-local");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED).searchCaching(runner,
                        Scenario.defaultOf(ScenarioKind.MMAP, Geometry.DEFAULT), 100, false, true));
        assertTrue(e.getMessage().startsWith("state caching cannot read the state of keeps-a-thread-local: cannot"
                + " fingerprint a java.lang.ThreadLocal"), e.getMessage());
        assertTrue(e.getMessage().endsWith("--no-state-caching --bound B"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anUnorderedMap_isOneStateWhateverOrderItWasFilledIn() {
        // "Aa" and "BB" share a hash code, so a HashMap iterates them in the order they went in.
        java.util.Map<String, Integer> ab = new java.util.HashMap<>();
        ab.put("Aa", 1);
        ab.put("BB", 2);
        java.util.Map<String, Integer> ba = new java.util.HashMap<>();
        ba.put("BB", 2);
        ba.put("Aa", 1);
        assertNotEquals(List.copyOf(ab.keySet()), List.copyOf(ba.keySet()), "the two iterate differently");
        assertEquals(StateFingerprint.of(ab), StateFingerprint.of(ba));
        ba.put("Aa", 3);
        assertNotEquals(StateFingerprint.of(ab), StateFingerprint.of(ba), "a value is state");
        int[] first = {1};
        assertNotEquals(StateFingerprint.of(List.of(first, first)), StateFingerprint.of(List.of(first, new int[] {1})),
                "aliasing is state: one array twice is not two equal arrays");
    }

    @Test
    void insideUnorderedCollections_anObjectSeenBefore_keepsItsNumber_evenTwoLevelsDown() {
        int[] x = {1};
        // A set inside a map: the entry's walk and the set's inside it both look the array up in the
        // walk that met it first, so pointing at it differs from holding an equal copy.
        Object shared = List.of(x, java.util.Map.of("k", java.util.Set.of(x)));
        Object copied = List.of(x, java.util.Map.of("k", java.util.Set.of(new int[] {1})));
        assertNotEquals(StateFingerprint.of(shared), StateFingerprint.of(copied));
        assertEquals(StateFingerprint.of(shared), StateFingerprint.of(List.of(x, java.util.Map.of("k",
                java.util.Set.of(x)))), "the same shape again: the same state");
    }

    @Test
    void anEntryPointingAtAnObjectTheStateHoldsAfterIt_isNotAnEntryHoldingACopy() {
        int[] x = {1};
        // The map comes first in the walk and x is only met again after it: its entries are summed
        // once x has its number from the ordered path, so sharing and copying stay apart.
        assertNotEquals(StateFingerprint.of(List.of(java.util.Map.of("k", x), x)),
                StateFingerprint.of(List.of(java.util.Map.of("k", x), new int[] {1})));
        assertNotEquals(StateFingerprint.of(List.of(java.util.Set.of(x), x)),
                StateFingerprint.of(List.of(java.util.Set.of(x), new int[] {1})));
    }

    /** A model class extending a JDK atomic is read as that atomic, not refused for the JDK's fields. */
    static final class Counter extends java.util.concurrent.atomic.AtomicInteger {
    }

    @Test
    void aSubclassOfAnAtomic_isReadByItsValue() {
        Counter one = new Counter();
        Counter two = new Counter();
        assertEquals(StateFingerprint.of(one), StateFingerprint.of(two));
        two.set(1);
        assertNotEquals(StateFingerprint.of(one), StateFingerprint.of(two));
    }

    @Test
    void aWalkThatFailsHalfway_leavesNoNumbersBehindForTheNext() {
        // The root walk's identity map is reused per thread: an object left in it would be read as
        // "seen before" by the next state, a reference instead of its contents.
        int[] x = {1};
        org.junit.jupiter.api.Assertions.assertThrows(StateFingerprint.Unsupported.class,
                () -> StateFingerprint.of(List.of(x, new ThreadLocal<Integer>())));
        assertEquals(StateFingerprint.of(List.of(new int[] {1})), StateFingerprint.of(List.of(x)));
        StateFingerprint.of(List.of(x, x));
        assertEquals(StateFingerprint.of(List.of(new int[] {1})), StateFingerprint.of(List.of(x)));
        // A map grown past its first size is emptied as well.
        List<int[]> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(new int[] {i});
        }
        StateFingerprint.of(many);
        assertEquals(StateFingerprint.of(List.of(new int[] {0})), StateFingerprint.of(List.of(many.get(0))));
    }

    @Test
    void byteArrays_areOneStateByContent_andAnyByteOrTheOrderOfTwoWordsTellsThemApart() {
        // Every length through nine words and every tail, every byte flipped in turn.
        for (int n = 0; n <= 72; n++) {
            byte[] a = new byte[n];
            for (int i = 0; i < n; i++) {
                a[i] = (byte) (i * 7 + 1);
            }
            assertEquals(StateFingerprint.of(a), StateFingerprint.of(a.clone()), "length " + n);
            for (int i = 0; i < n; i++) {
                byte[] b = a.clone();
                b[i] ^= 1;
                assertNotEquals(StateFingerprint.of(a), StateFingerprint.of(b), "length " + n + ", byte " + i);
            }
            // Two words differing only in their top bit: a multiplication never carries it down.
            for (int[] pair : new int[][] {{7, 15}, {7, 39}, {7, 71}}) {
                if (pair[1] < n) {
                    byte[] b = a.clone();
                    b[pair[0]] ^= (byte) 0x80;
                    b[pair[1]] ^= (byte) 0x80;
                    assertNotEquals(StateFingerprint.of(a), StateFingerprint.of(b),
                            "length " + n + ", top bits of bytes " + pair[0] + " and " + pair[1]);
                }
            }
            if (n >= 16) {
                byte[] swapped = a.clone();
                System.arraycopy(a, 0, swapped, 8, 8);
                System.arraycopy(a, 8, swapped, 0, 8);
                assertNotEquals(StateFingerprint.of(a), StateFingerprint.of(swapped), "length " + n + ", words swapped");
            }
        }
    }

    @Test
    void sparseByteArrays_oneNonzeroByteAnywhere_isItsOwnState_pastTheZerosTheWalkSkips() {
        // Pages and media are mostly zeros, which the hash skips a chunk of 4096 at a time: a byte in
        // every place of an array of two chunks and a tail, alone, is a state of its own.
        int n = 2 * 4096 + 13;
        java.util.Set<dev.stablewrites.core.state.Fingerprint> seen = new java.util.HashSet<>();
        assertTrue(seen.add(StateFingerprint.of(new byte[n])));
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[n];
            a[i] = 1;
            assertTrue(seen.add(StateFingerprint.of(a)), "a byte at " + i);
        }
        assertNotEquals(StateFingerprint.of(new byte[4096]), StateFingerprint.of(new byte[4097]), "the length is state");
        byte[] twice = new byte[n];
        twice[5] = 1;
        twice[5000] = 1;
        byte[] once = new byte[n];
        once[5] = 1;
        assertNotEquals(StateFingerprint.of(once), StateFingerprint.of(twice), "a second word after a run of zeros");
    }

    private record Box(int value, Object next) {
    }

    /** One lambda, so one class: closures differing only in what they captured. */
    private static Runnable bump(int[] counter) {
        return () -> counter[0]++;
    }

    @Test
    void recordsAndClosures_areReadByTheirComponentsAndCapturedVariables() {
        // Neither a record's nor a lambda's fields have an offset the fast read may use: both go through reflection.
        assertEquals(StateFingerprint.of(new Box(1, null)), StateFingerprint.of(new Box(1, null)));
        assertNotEquals(StateFingerprint.of(new Box(1, null)), StateFingerprint.of(new Box(2, null)));
        assertNotEquals(StateFingerprint.of(new Box(1, new int[] {1})), StateFingerprint.of(new Box(1, new int[] {2})));
        int[] one = {1};
        int[] two = {2};
        Runnable a = bump(one);
        Runnable b = bump(two);
        assertNotEquals(StateFingerprint.of(a), StateFingerprint.of(b), "what a closure captured is state");
        two[0] = 1;
        assertEquals(StateFingerprint.of(a), StateFingerprint.of(b), "the same captured contents: one state");
    }

    @Test
    void fingerprints_seeWhatAStepReads_andNotTheRecordsOfTheRun() {
        Scenario s = Scenario.parse("mmap A: store@0x100+8=0x11; B: fsync");
        Simulation one = new Simulation(s, "none", CATALOG.create("none"));
        Simulation two = new Simulation(s, "none", CATALOG.create("none"));
        assertEquals(StateFingerprint.of(one), StateFingerprint.of(two), "two fresh systems are one state");
        two.dataPage().data()[0x100] = 0x11;
        assertNotEquals(StateFingerprint.of(one), StateFingerprint.of(two), "a byte of the page is state");
        two.dataPage().data()[0x100] = 0;
        assertEquals(StateFingerprint.of(one), StateFingerprint.of(two), "the same bytes again: the same state");
        assertTrue(StateFingerprint.dump(one).contains("Page.flags"), "the dump names what it read");
        assertFalse(StateFingerprint.dump(one).contains("Costs."), "costs are a record of the run, not state");
    }

}
