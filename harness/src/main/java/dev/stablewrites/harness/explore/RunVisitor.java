package dev.stablewrites.harness.explore;

import dev.stablewrites.core.sim.RunResult;

/** Told about every run an explorer makes, in order; decides whether the exploration goes on. */
@FunctionalInterface
public interface RunVisitor {
    /**
     * @param n   the run's number, from 1
     * @param run what it gave (no trace)
     * @return whether to run the next schedule
     */
    boolean visit(int n, RunResult run);

    /**
     * Whether the first failing run ends the exploration. An explorer that works ahead on several
     * threads (a subtree of an exhaustive search) may then stop its own work at a failure, since
     * nothing after it would be visited.
     */
    default boolean stopsAtFailure() {
        return false;
    }
}
