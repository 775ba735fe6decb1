package dev.stablewrites.harness.compare;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.harness.explore.Strength;
import dev.stablewrites.harness.shrink.Shrinker;
import java.util.Map;

/**
 * One strategy × scenario of a comparison.
 *
 * @param strategy           strategy id
 * @param scenario           the scenario as given (a kind id, with options if any)
 * @param verdict            what was found
 * @param violation          the property a counterexample violates, or null
 * @param reason             one line: the failure, why the cell was skipped, or what holding means here
 * @param schedulesExplored  schedules run
 * @param schedulesToFailure the number of the first failing schedule, or null
 * @param counterexample     the shrunk counterexample, or null (none, the strategy hung, or the failure did
 *                           not reproduce)
 * @param verified           whether the explorer ran every schedule of its space (exhaustive, within its bound)
 * @param costs              the §7 counters per schedule run (the bounce-page peak: the highest); null
 *                           values when no schedule ran
 * @param coverage           where writes were attempted and landed over the schedules run
 * @param strength           for a HOLDS, how strong it is (verified within a scope, or sampled); null
 *                           otherwise
 */
public record Cell(String strategy, String scenario, Verdict verdict, Property violation, String reason,
                   int schedulesExplored, Integer schedulesToFailure, Shrinker.Shrunk counterexample,
                   boolean verified, Map<String, Double> costs, Coverage coverage, Strength strength) {

    /** A cell whose strength follows from {@code verified} alone (no scope or bound known). */
    public Cell(String strategy, String scenario, Verdict verdict, Property violation, String reason,
                int schedulesExplored, Integer schedulesToFailure, Shrinker.Shrunk counterexample,
                boolean verified, Map<String, Double> costs, Coverage coverage) {
        this(strategy, scenario, verdict, violation, reason, schedulesExplored, schedulesToFailure, counterexample,
                verified, costs, coverage, verdict != Verdict.HOLDS ? null : verified
                        ? new Strength(true, "every schedule explored", null, schedulesExplored)
                        : Strength.sampled(schedulesExplored));
    }

    /** The same cell under another scenario name (the faulty matrix names its columns by kind, as the first). */
    public Cell named(String newScenario) {
        return new Cell(strategy, newScenario, verdict, violation, reason, schedulesExplored, schedulesToFailure,
                counterexample, verified, costs, coverage);
    }

    /** The table's text for this cell: {@code HOLDS}, {@code FAILS(NO_FALSE_EIO)} or {@code SKIPPED}. */
    public String label() {
        return verdict == Verdict.FAILS ? "FAILS(" + violation + ")" : verdict.name();
    }
}
