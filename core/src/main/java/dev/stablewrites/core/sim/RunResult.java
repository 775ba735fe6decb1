package dev.stablewrites.core.sim;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.kernel.SyscallResult;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;

/**
 * Everything one run produced.
 *
 * @param scenario   what ran
 * @param strategy   under which strategy id
 * @param schedule   the schedule actually taken; replaying it gives this run again
 * @param trace      the visible steps, if tracing was on (empty otherwise)
 * @param violations the properties found false, in the order they were seen
 * @param syscalls   what each system call returned
 * @param costs      the §7 counters
 * @param crash      what kernel code (a strategy's or the model's) threw, with the step where it did,
 *                   or null: a strategy that throws fails its run, it does not take the harness down
 * @param coverage   where writes to the scenario's page were attempted and landed
 */
public record RunResult(Scenario scenario, String strategy, Schedule schedule, List<TraceEvent> trace,
                        List<Violation> violations, List<SyscallResult> syscalls, Costs costs, String crash,
                        Coverage coverage) {

    /** Whether every property held and nothing was thrown. */
    public boolean holds() {
        return violations.isEmpty() && crash == null;
    }

    /** One line saying why the run failed, or null if it held. */
    public String failure() {
        if (!violations.isEmpty()) {
            Violation v = violations.get(0);
            return v.property() + ": " + v.message();
        }
        return crash == null ? null : "EXCEPTION: " + crash;
    }

    /** The first violation, or null. */
    public Violation firstViolation() {
        return violations.isEmpty() ? null : violations.get(0);
    }
}
