package dev.stablewrites.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards against a wrong median or p90, and a seed that found nothing being counted as a quick find. */
class TimeToFailureTest {

    @Test
    void percentile_isNearestRank_overEverySeed() {
        TimeToFailure t = new TimeToFailure("x", 100, new int[] {7, 1, 9, 3, 5, 2, 8, 4, 6, 10});
        assertEquals(5, t.percentile(50));
        assertEquals(9, t.percentile(90));
        assertEquals(1, t.min());
        assertEquals(10, t.max());
        assertEquals(10, t.foundCount());
        assertEquals(10.0 / 55, t.ratePerSchedule(), 1e-12);
    }

    @Test
    void aSeedThatFoundNothing_ranksAboveTheBudget() {
        TimeToFailure t = new TimeToFailure("x", 100, new int[] {0, 5, 1, 3});
        assertEquals(3, t.foundCount());
        assertEquals(3, t.percentile(50));
        assertEquals(TimeToFailure.NOT_FOUND, t.percentile(90));
        assertEquals(1, t.min());
        assertEquals(TimeToFailure.NOT_FOUND, t.max());
        assertEquals(3.0 / (100 + 5 + 1 + 3), t.ratePerSchedule(), 1e-12);
    }

    @Test
    void noSeedFoundAnything_everyFigureIsNotFound() {
        TimeToFailure t = new TimeToFailure("x", 10, new int[] {0, 0});
        assertEquals(TimeToFailure.NOT_FOUND, t.min());
        assertEquals(TimeToFailure.NOT_FOUND, t.percentile(50));
        assertEquals(0.0, t.ratePerSchedule());
    }

    @Test
    void render_showsNotFoundAsAboveTheBudget() {
        String table = BenchReport.timeToFailure("title", List.of(new TimeToFailure("pct", 10, new int[] {0, 4})));
        assertTrue(table.lines().anyMatch(l -> l.matches("pct\\s+1/2\\s+4\\s+>10\\s+4\\s+>10\\s+0\\.071")),
                table);
    }
}
