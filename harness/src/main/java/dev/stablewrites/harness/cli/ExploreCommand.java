package dev.stablewrites.harness.cli;

import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.ExploreResult;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.report.TraceRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code explore}: search schedules for a counterexample and print it. */
@Command(name = "explore", description = "Search schedules of a scenario under a strategy for a property violation.")
final class ExploreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Mixin
    StrategyChoice choice;

    @Option(names = "--scenario", required = true,
            description = "a scenario id (instances are generated) or a full scenario line (that instance)")
    String scenario;

    @Option(names = "--explorer", defaultValue = "random", description = "random (pct and exhaustive come later)")
    String explorer;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the exploration (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--budget", defaultValue = "10000", description = "most schedules to run (default: ${DEFAULT-VALUE})")
    int budget;

    @Override
    public Integer call() {
        StrategyCatalog catalog = choice.catalog();
        String id = choice.id();
        ScenarioSource source = ScenarioSource.parse(scenario);
        if (!explorer.equals("random")) {
            throw new IllegalArgumentException("unknown explorer '" + explorer + "'; valid: random");
        }
        Lab.positive("budget", budget);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("explore: strategy %s, scenario %s, explorer %s, seed %d, budget %d%n", id, source, explorer, seed,
                budget);
        ExploreResult result = new RandomExplorer(catalog).explore(id, source, seed, budget);
        if (result.holds()) {
            out.printf("HOLDS: no property failed in %d schedules%n", result.schedulesExplored());
            return Main.HOLDS;
        }
        RunResult ce = result.counterexample();
        out.printf("FAILS %s (found after %d schedules explored)%n%n", ce.failure(), result.schedulesToFailure());
        out.print(TraceRenderer.render(ce));
        out.println();
        out.println("schedule: " + ce.schedule().encode());
        out.printf("replay:   %s replay %s --scenario '%s' --schedule %s%n", Lab.jarCommand(), choice.replayOptions(),
                ce.scenario(), ce.schedule().encode());
        return Main.FOUND;
    }
}
