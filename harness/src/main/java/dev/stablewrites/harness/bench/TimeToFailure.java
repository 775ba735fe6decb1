package dev.stablewrites.harness.bench;

import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import java.util.Arrays;

/**
 * How many schedules one explorer runs before the first failure, over seeds {@code 1..n}: each
 * seed is an exploration stopped at its first failing schedule or at the budget. Deterministic:
 * the same explorer, strategy, scenario, seeds and budget give the same figures.
 *
 * @param explorer the explorer, as it describes itself
 * @param budget   most schedules per seed
 * @param found    per seed (index 0 is seed 1), the number of the first failing schedule, or 0
 *                 when none failed within the budget
 */
public record TimeToFailure(String explorer, int budget, int[] found) {
    /** What {@link #percentile} returns past the last seed that found a failure. */
    public static final int NOT_FOUND = Integer.MAX_VALUE;

    public TimeToFailure {
        found = found.clone();
    }

    /** Explores with every seed from 1 to {@code seeds}, stopping each at its first failure. */
    public static TimeToFailure measure(Explorer explorer, Runner runner, ScenarioSource source, int seeds,
                                        int budget) {
        int[] found = new int[seeds];
        for (int seed = 1; seed <= seeds; seed++) {
            Exploration.Result r = Exploration.run(explorer, runner, source, seed, budget, true);
            found[seed - 1] = r.schedulesToFailure();
        }
        return new TimeToFailure(explorer.describe(), budget, found);
    }

    /** Per seed, the first failing schedule's number, or 0 (a copy). */
    @Override
    public int[] found() {
        return found.clone();
    }

    /** Seeds explored. */
    public int seeds() {
        return found.length;
    }

    /** Seeds that found a failure within the budget. */
    public int foundCount() {
        return (int) Arrays.stream(found).filter(f -> f > 0).count();
    }

    /**
     * The nearest-rank percentile of schedules to failure, a seed that found nothing ranking above
     * every one that did.
     *
     * @param p from 1 to 100
     * @return the schedule count, or {@link #NOT_FOUND} when the rank falls on a seed that found nothing
     */
    public int percentile(int p) {
        int[] sorted = Arrays.stream(found).map(f -> f > 0 ? f : NOT_FOUND).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The fewest schedules to failure, or {@link #NOT_FOUND} when no seed found one. */
    public int min() {
        return percentile(0);
    }

    /** The most schedules to failure, or {@link #NOT_FOUND} when some seed found none. */
    public int max() {
        return percentile(100);
    }

    /** The measured chance per schedule: failures found over schedules run (1/mean when every seed found one). */
    public double ratePerSchedule() {
        long ran = 0;
        for (int f : found) {
            ran += f > 0 ? f : budget;
        }
        return ran == 0 ? 0 : (double) foundCount() / ran;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeToFailure t && explorer.equals(t.explorer) && budget == t.budget
                && Arrays.equals(found, t.found);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * explorer.hashCode() + budget) + Arrays.hashCode(found);
    }

    @Override
    public String toString() {
        return "TimeToFailure[" + explorer + ", budget " + budget + ", " + Arrays.toString(found) + "]";
    }
}
