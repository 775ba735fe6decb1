package dev.stablewrites.core.sim;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import java.util.function.Predicate;

/** Test helpers: run a scenario line under a strategy and a schedule, and search the trace. */
public final class Runs {
    /** Linux before 3.0, inline so core's tests need not depend on the strategies module. */
    public static final Strategy NONE = () -> "no waits (test double of none)";

    private Runs() {
    }

    public static RunResult run(String scenario, Strategy strategy, String schedule) {
        return new Simulation(Scenario.parse(scenario), "test", strategy).tracing(true)
                .run(new ScheduleChooser(Schedule.parse(schedule)));
    }

    /** Index in the trace of the n-th (from 0) event matching, or -1. */
    public static int indexOf(List<TraceEvent> trace, Predicate<TraceEvent> p, int n) {
        for (int i = 0; i < trace.size(); i++) {
            if (p.test(trace.get(i)) && n-- == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Matches events of {@code actor} running {@code function}. */
    public static Predicate<TraceEvent> step(char actor, String function) {
        return e -> e.actor() == actor && e.function().equals(function);
    }

    public static long count(List<TraceEvent> trace, Predicate<TraceEvent> p) {
        return trace.stream().filter(p).count();
    }
}
