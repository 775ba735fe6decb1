package dev.stablewrites.harness.compare;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
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
 * @param counterexample     the shrunk counterexample, or null (none, or the strategy hung before one was shrunk)
 * @param costs              the §7 counters summed over the schedules run
 * @param coverage           where stores landed over the schedules run
 */
public record Cell(String strategy, String scenario, Verdict verdict, Property violation, String reason,
                   int schedulesExplored, Integer schedulesToFailure, Shrinker.Shrunk counterexample,
                   Map<String, Long> costs, Coverage coverage) {

    /** The table's text for this cell: {@code HOLDS}, {@code FAILS(NO_FALSE_EIO)} or {@code SKIPPED}. */
    public String label() {
        return verdict == Verdict.FAILS ? "FAILS(" + violation + ")" : verdict.name();
    }
}
