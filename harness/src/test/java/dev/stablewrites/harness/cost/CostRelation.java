package dev.stablewrites.harness.cost;

import dev.stablewrites.core.sim.RunResult;
import java.util.function.Predicate;

/**
 * One relation between the cost counters of a run (docs/model.md §7) that follows from a strategy's
 * mechanism, such as "a bounce strategy copies exactly the bytes it submits".
 *
 * @param name       how statistics and failures name it, e.g. {@code bounce: bytesCopied == bytesSubmitted}
 * @param applies    the runs it speaks about (e.g. only runs that completed); the others are not counted
 * @param nonTrivial whether a run gives it something to say (some bytes were submitted, a page was
 *                   made read-only): a relation that held only where it was vacuous proves nothing
 * @param holds      the relation itself
 */
record CostRelation(String name, Predicate<RunResult> applies, Predicate<RunResult> nonTrivial,
                    Predicate<RunResult> holds) {

    /** A relation about every run, whatever its outcome. */
    static CostRelation always(String name, Predicate<RunResult> nonTrivial, Predicate<RunResult> holds) {
        return new CostRelation(name, r -> true, nonTrivial, holds);
    }

    /**
     * A relation about the runs that completed: every actor finished and every daemon drained its
     * work (no deadlock, no exhausted budget, no exception). A run cut short may have a bio in
     * flight, a bounce page not yet freed, a {@code set_memory_rw} still queued.
     */
    static CostRelation whenCompleted(String name, Predicate<RunResult> nonTrivial, Predicate<RunResult> holds) {
        return new CostRelation(name, CostRelations::completed, nonTrivial, holds);
    }
}
