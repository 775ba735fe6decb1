package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.shrink.PreemptionCounter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Guards the bounded exhaustive search against a brute-force enumeration written differently: every
 * schedule, pruned only by an independent count of preemptions, must be visited exactly once.
 */
class ExhaustiveExplorerTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();
    private static final String SMALL = "mmap A: store@0x0+1=0x11; B: fsync";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void visitsExactlyTheSchedulesWithinTheBound_eachOnce(int bound) {
        Runner runner = new Runner(CATALOG, "bounce");
        List<String> visited = new ArrayList<>();
        Exploration.Summary summary = new ExhaustiveExplorer(bound, false).explore(runner, ScenarioSource.parse(SMALL), 1,
                1_000_000, (n, run) -> visited.add(run.schedule().choices()));
        Set<String> expected = bruteForce(runner, Scenario.parse(SMALL), bound);
        assertEquals(expected.size(), visited.size(), "no schedule twice, none missing");
        assertEquals(expected, new HashSet<>(visited));
        assertTrue(summary.complete());
        assertTrue(summary.claim().startsWith("verified up to preemption bound " + bound + ": all " + visited.size()
                + " schedules"), summary.claim());
    }

    @Test
    void aHigherBoundVisitsMore() {
        Runner runner = new Runner(CATALOG, "bounce");
        int[] counts = new int[3];
        for (int b = 0; b < 3; b++) {
            int[] n = {0};
            new ExhaustiveExplorer(b, false).explore(runner, ScenarioSource.parse("mmap"), 1, 1_000_000, (i, run) -> ++n[0] > 0);
            counts[b] = n[0];
        }
        assertTrue(counts[0] < counts[1] && counts[1] < counts[2], java.util.Arrays.toString(counts));
    }

    @Test
    void aBudgetTooSmall_saysTheBoundWasNotCovered() {
        Exploration.Result r = Exploration.run(new ExhaustiveExplorer(2, false), new Runner(CATALOG, "bounce"),
                ScenarioSource.parse("mmap"), 1, 10, false);
        assertEquals(10, r.schedulesExplored());
        assertFalse(r.summary().complete());
        assertTrue(r.summary().claim().contains("budget ran out before preemption bound 2"), r.summary().claim());
    }

    @Test
    void findsTheSeedRaceInTheDefaultInstance_withOnePreemption() {
        Exploration.Result none = Exploration.run(new ExhaustiveExplorer(1), new Runner(CATALOG, "none"),
                ScenarioSource.parse("mmap"), 1, 100_000, true);
        assertFalse(none.holds());
        Exploration.Result zero = Exploration.run(new ExhaustiveExplorer(0), new Runner(CATALOG, "none"),
                ScenarioSource.parse("mmap"), 1, 100_000, true);
        assertTrue(zero.holds(), "without a preemption the writer finishes before fsync starts");
        assertTrue(zero.summary().complete());
    }

    /** Every full schedule, branching at each step past a prefix, pruned when preemptions pass the bound. */
    private static Set<String> bruteForce(Runner runner, Scenario scenario, int bound) {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(""));
        while (!todo.isEmpty()) {
            String prefix = todo.pop();
            List<String> runnableAt = new ArrayList<>();
            Chooser follow = (runnable, count, step, previous) -> {
                StringBuilder ids = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    ids.append(runnable[i].id());
                }
                runnableAt.add(ids.toString());
                if (step < prefix.length()) {
                    return ids.indexOf(String.valueOf(prefix.charAt(step)));
                }
                return Chooser.defaultRule(runnable, count, previous);
            };
            PreemptionCounter counter = new PreemptionCounter(follow);
            RunResult run = runner.run(scenario, counter);
            if (counter.preemptions() > bound) {
                continue; // the default rule never preempts, so the prefix alone went past the bound
            }
            String taken = run.schedule().choices();
            assertTrue(out.add(taken), "brute force met " + taken + " twice");
            for (int i = prefix.length(); i < taken.length(); i++) {
                for (char alt : runnableAt.get(i).toCharArray()) {
                    if (alt != taken.charAt(i)) {
                        todo.push(taken.substring(0, i) + alt);
                    }
                }
            }
        }
        return out;
    }
}
