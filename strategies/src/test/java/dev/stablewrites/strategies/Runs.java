package dev.stablewrites.strategies;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import java.util.stream.Collectors;

/** Replays a hand-written schedule under a strategy found through ServiceLoader, with its trace. */
public final class Runs {
    public static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    private Runs() {
    }

    /** Runs {@code scenario} (a kind id or a full line) under {@code strategy} along {@code schedule}. */
    public static RunResult replay(String strategy, String scenario, String schedule) {
        return replay(CATALOG, strategy, scenario, schedule);
    }

    public static RunResult replay(StrategyCatalog catalog, String strategy, String scenario, String schedule) {
        return new Simulation(Scenario.parse(scenario), strategy, catalog.create(strategy)).tracing(true)
                .run(new ScheduleChooser(Schedule.parse(schedule)));
    }

    /** The visible steps of {@code actor} running {@code function}, in order. */
    public static List<TraceEvent> steps(RunResult r, char actor, String function) {
        return r.trace().stream().filter(e -> e.actor() == actor && e.function().equals(function))
                .collect(Collectors.toList());
    }

    /** The first step of {@code actor} running {@code function}; fails the test if there is none. */
    public static TraceEvent first(RunResult r, char actor, String function) {
        return r.trace().stream().filter(e -> e.actor() == actor && e.function().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + actor + " " + function + " in\n" + dump(r)));
    }

    /** The trace as text, for assertion messages. */
    public static String dump(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : r.trace()) {
            sb.append(String.format("%3d %c %-26s %-60s %s%n", e.step(), e.actor(), e.function(), e.detail(),
                    e.pageState()));
        }
        return sb.append(r.failure() == null ? "HOLDS" : r.failure()).toString();
    }
}
