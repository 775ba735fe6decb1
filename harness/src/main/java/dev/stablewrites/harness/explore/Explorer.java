package dev.stablewrites.harness.explore;

/**
 * A way of choosing the schedules (and scenario instances) to run. Every explorer is seeded: the
 * same seed, budget and source visit the same runs in the same order.
 */
public interface Explorer {
    /** The id the CLI knows it by. */
    String id();

    /** One line saying how it explores, with its parameters. */
    String describe();

    /**
     * Runs up to {@code budget} schedules, telling {@code visitor} about each, until the budget is
     * spent, the explorer has nothing left to try, or the visitor says stop.
     *
     * @return what the explorer can say about the schedules it ran as a whole
     */
    Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget, RunVisitor visitor);
}
