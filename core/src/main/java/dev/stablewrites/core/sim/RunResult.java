package dev.stablewrites.core.sim;

import dev.stablewrites.core.cost.Costs;
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
 */
public record RunResult(Scenario scenario, String strategy, Schedule schedule, List<TraceEvent> trace,
                        List<Violation> violations, List<SyscallResult> syscalls, Costs costs) {

    /** Whether every property held. */
    public boolean holds() {
        return violations.isEmpty();
    }

    /** The first violation, or null. */
    public Violation firstViolation() {
        return violations.isEmpty() ? null : violations.get(0);
    }
}
