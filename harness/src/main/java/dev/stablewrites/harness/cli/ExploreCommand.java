package dev.stablewrites.harness.cli;

import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.Exploration;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.explore.VerifyExplorer;
import dev.stablewrites.harness.explore.Watchdog;
import dev.stablewrites.harness.report.CounterexampleReport;
import dev.stablewrites.harness.report.ExplorationReport;
import dev.stablewrites.harness.shrink.Shrinker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code explore}: search schedules for a counterexample, shrink it and print it. */
@Command(name = "explore", description = "Search schedules of a scenario under a strategy for a property violation.")
final class ExploreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Mixin
    StrategyChoice choice;

    @CommandLine.Mixin
    ExplorerChoice explorerChoice;

    @Option(names = "--scenario", required = true,
            description = "a scenario id (instances are generated; exhaustive takes its default instance) or a full"
                    + " scenario line (that instance)")
    String scenario;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the exploration (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--budget", defaultValue = "10000", description = "most schedules to run (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--threads", defaultValue = "0",
            description = "threads the exploration runs its schedules on; the output is the same for any"
                    + " number (default: one per core)")
    int threads;

    @CommandLine.Mixin
    RunTimeoutOption runTimeout;

    @Override
    public Integer call() {
        String id = choice.id();
        ScenarioSource source = ScenarioSource.parse(scenario);
        Explorer explorer = explorerChoice.create("random");
        Lab.positive("budget", budget);
        if (explorer instanceof VerifyExplorer && !spec.commandLine().getParseResult().hasMatchedOption("--budget")) {
            budget = Integer.MAX_VALUE; // a verification runs to the end of its scope unless told otherwise
        }
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : Lab.positive("threads", threads);
        Duration timeout = runTimeout.duration();
        PrintWriter out = spec.commandLine().getOut();
        // An exhaustive search takes one instance, not generated ones: name the one it takes.
        Object shown = explorer instanceof ExhaustiveExplorer ? "'" + source.single() + "'" : source;
        if (explorer instanceof VerifyExplorer v) {
            shown = "every instance of " + source.single().kind().id() + " within scope " + v.scope();
        }
        out.printf("explore: strategy %s, scenario %s, explorer %s, seed %d, %s%n", id, shown,
                explorer.describe(), seed, budget == Integer.MAX_VALUE ? "no budget" : "budget " + budget);
        Optional<Integer> status = Watchdog.run(timeout, beat -> explore(out, id, source,
                explorer, new Runner(choice.catalog(), id).withThreads(workers).withHeartbeat(beat)));
        if (status.isEmpty()) {
            out.printf("FAILS TERMINATES: a run did not end within %d s of wall-clock time: a strategy hook that never"
                    + " returns to the simulation%n", runTimeout.seconds);
            return Main.FOUND;
        }
        return status.get();
    }

    /** The exploration itself, on the watchdog's thread; prints as it goes. */
    private int explore(PrintWriter out, String id, ScenarioSource source, Explorer explorer, Runner runner) {
        Exploration.Result result = Exploration.run(explorer, runner, source, seed, budget, true);
        if (result.holds()) {
            out.printf("HOLDS: %s%n", result.summary().claim());
            out.printf("verdict: HOLDS (%s)%n", result.strength().text());
            if (result.summary().guarantee() != null) {
                out.println(result.summary().guarantee());
            }
            out.println(ExplorationReport.coverage(result));
            return Main.HOLDS;
        }
        out.printf("FAILS %s (found after %d schedules explored)%n", result.firstFailure().failure(),
                result.schedulesToFailure());
        out.println(ExplorationReport.firstFailure(result));
        out.println(ExplorationReport.coverage(result));
        Shrinker.Shrunk shrunk;
        try {
            shrunk = new Shrinker(runner, source::shrink).shrink(result.firstFailure());
        } catch (Shrinker.NotReproducible e) {
            out.println(e.getMessage());
            return Main.FOUND;
        }
        out.println();
        out.print(CounterexampleReport.render(shrunk, Lab.jarCommand() + " replay " + choice.replayOptions(), true));
        return Main.FOUND;
    }
}
