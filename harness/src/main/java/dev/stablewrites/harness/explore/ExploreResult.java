package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sim.RunResult;

/**
 * What an exploration found.
 *
 * @param schedulesExplored  how many schedules ran
 * @param counterexample     the first failing run, re-run with its trace, or null if none failed
 * @param schedulesToFailure the number of the schedule that failed first, or 0
 */
public record ExploreResult(int schedulesExplored, RunResult counterexample, int schedulesToFailure) {
    public boolean holds() {
        return counterexample == null;
    }
}
