package dev.stablewrites.harness.cli;

import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Simulation;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.explore.Watchdog;
import dev.stablewrites.harness.report.TraceRenderer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code replay}: run one schedule and print its trace. */
@Command(name = "replay", description = "Run one (scenario, strategy, schedule) and print its numbered trace.")
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Mixin
    StrategyChoice choice;

    @Option(names = "--scenario", required = true,
            description = "a full scenario line, or a scenario id for its default instance")
    String scenario;

    @Option(names = "--schedule", defaultValue = "",
            description = "encoded schedule, e.g. A5B8A5D9B3 (default: none, the default rule alone decides)")
    String schedule;

    @CommandLine.Mixin
    RunTimeoutOption runTimeout;

    @Override
    public Integer call() {
        Duration timeout = runTimeout.duration();
        StrategyCatalog catalog = choice.catalog();
        String id = choice.id();
        var instance = ScenarioSource.parse(scenario).single();
        Schedule s = Schedule.parse(schedule);
        Simulation sim = new Simulation(instance, id, catalog.create(id)).tracing(true);
        sim.checkActorsOf(s);
        PrintWriter out = spec.commandLine().getOut();
        Optional<RunResult> ran = Watchdog.run(timeout, beat -> sim.run(new ScheduleChooser(s)));
        if (ran.isEmpty()) {
            out.printf("FAILS TERMINATES: the run did not end within %d s of wall-clock time: a strategy hook that"
                    + " never returns to the simulation%n", runTimeout.seconds);
            return Main.FOUND;
        }
        RunResult run = ran.get();
        out.print(TraceRenderer.render(run));
        out.println();
        out.println("schedule: " + run.schedule().encode());
        if (run.holds()) {
            out.println("HOLDS: every property held");
            return Main.HOLDS;
        }
        out.printf("FAILS %s%n", run.failure());
        return Main.FOUND;
    }
}
