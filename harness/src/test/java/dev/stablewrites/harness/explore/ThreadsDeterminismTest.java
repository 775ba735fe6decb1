package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every explorer visits the same runs in the same order, and finds the same first failure, with
 * one worker thread or several: what an exploration finds must never depend on the machine.
 */
class ThreadsDeterminismTest {
    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    @ParameterizedTest(name = "{0}: {1} on {2}, budget {3}")
    @CsvSource(delimiter = '|', textBlock = """
        random     | bounce           | mmap    | 1500
        weighted   | none             | odirect | 400
        guided     | recheck-resubmit | journal | 1200
        window     | recheck-resubmit | mmap    | 2500
        pct        | bounce           | mmap    | 1500
        exhaustive | bounce           | mmap    | 5000
        exhaustive | bounce           | journal | 700
        exhaustive | none             | mmap    | 5000
        exhaustive-unbounded | bounce | mmap-2proc   | 1000000
        exhaustive-unbounded | bounce | ext3-ordered | 3000
        """)
    void theSameRunsInTheSameOrder_forAnyNumberOfThreads(String explorer, String strategy, String scenario,
                                                       int budget) {
        List<String> one = visited(explorer, strategy, scenario, budget, 1);
        assertFalse(one.isEmpty());
        for (int threads : new int[] {2, 3}) {
            assertEquals(one, visited(explorer, strategy, scenario, budget, threads), threads + " threads");
        }
    }

    @ParameterizedTest(name = "{0}: {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
        window     | recheck-resubmit | mmap
        random     | none             | mmap
        exhaustive | none             | odirect
        exhaustive-unbounded | stable-pages | ext3-ordered
        """)
    void theFirstFailureIsTheLowestNumbered_notTheFirstToFinish(String explorer, String strategy, String scenario) {
        Exploration.Result one = Exploration.run(create(explorer), new Runner(CATALOG, strategy),
                ScenarioSource.parse(scenario), 1, 20_000, true);
        assertFalse(one.holds());
        Exploration.Result three = Exploration.run(create(explorer), new Runner(CATALOG, strategy).withThreads(3),
                ScenarioSource.parse(scenario), 1, 20_000, true);
        assertEquals(one.schedulesToFailure(), three.schedulesToFailure());
        assertEquals(one.schedulesExplored(), three.schedulesExplored());
        assertEquals(one.firstFailure().schedule(), three.firstFailure().schedule());
        assertEquals(one.firstFailure().scenario(), three.firstFailure().scenario());
        assertEquals(one.coverage(), three.coverage());
        assertEquals(one.costs().asMap(), three.costs().asMap());
    }

    @org.junit.jupiter.api.Test
    void workersGiveResultsInTheJobsOrder_andRethrowWhatAJobThrew() {
        try (Workers w = new Workers(3)) {
            List<Supplier<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                jobs.add(() -> n * n);
            }
            List<Integer> out = w.map(jobs);
            for (int i = 0; i < 100; i++) {
                assertEquals(i * i, out.get(i));
            }
            List<Supplier<Integer>> bad = List.of(() -> 1, () -> {
                throw new IllegalStateException("job 2");
            });
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> w.map(bad));
            assertTrue(e.getMessage().contains("job 2"));
        }
    }

    private static List<String> visited(String explorer, String strategy, String scenario, int budget, int threads) {
        List<String> out = new ArrayList<>();
        Runner runner = new Runner(CATALOG, strategy);
        try (Workers w = new Workers(threads)) {
            Exploration.Summary s = create(explorer).explore(runner.withWorkers(w), ScenarioSource.parse(scenario), 5,
                    budget, (n, run) -> {
                        out.add(n + " " + run.scenario() + " " + run.schedule() + " " + run.holds());
                        return true;
                    });
            out.add(s.claim() + " " + s.complete());
        }
        return out;
    }

    private static Explorer create(String id) {
        return switch (id) {
            case "random" -> new RandomExplorer();
            case "weighted" -> RandomExplorer.weighted();
            case "guided" -> new GuidedExplorer();
            case "window" -> new WindowExplorer();
            case "pct" -> new PctExplorer(3);
            case "exhaustive" -> new ExhaustiveExplorer(3);
            case "exhaustive-unbounded" -> new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED);
            default -> throw new IllegalArgumentException(id);
        };
    }
}
