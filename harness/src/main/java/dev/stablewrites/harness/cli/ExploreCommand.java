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

    @CommandLine.Mixin
    ShrinkTimeOption shrinkTime;

    @Option(names = "--format", defaultValue = "text", description = "text, or html: the counterexample drawn as"
            + " swimlanes, one actor per lane, with its trace (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "write explore.txt (text) or index.html (html) into DIR"
            + " instead of printing it")
    java.nio.file.Path outDir;

    /** The shrunk counterexample of this run, for the html page; null if none. */
    private Shrinker.Shrunk shrunk;
    /** What the exploration found, in one line, for the html page. */
    private String found = "";

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
        shrinkTime.duration();
        if (!format.equals("text") && !format.equals("html")) {
            throw new IllegalArgumentException("unknown format '" + format + "'; valid: text, html");
        }
        if (format.equals("html") && outDir == null) {
            throw new IllegalArgumentException("--format html writes a page: give --out DIR");
        }
        if (outDir != null) {
            OutDir.check(outDir); // now, not after an exploration that could not be written
        }
        java.io.StringWriter captured = new java.io.StringWriter();
        PrintWriter out = outDir == null ? spec.commandLine().getOut() : new PrintWriter(captured);
        // An exhaustive search takes one instance, not generated ones: name the one it takes.
        Object shown = explorer instanceof ExhaustiveExplorer ? "'" + source.single() + "'" : source;
        if (explorer instanceof VerifyExplorer v) {
            shown = "every instance of " + source.single().kind().id() + " within scope " + v.scope();
        }
        out.printf("explore: strategy %s, scenario %s, explorer %s, seed %d, %s%n", id, shown,
                explorer.describe(), seed, budget == Integer.MAX_VALUE ? "no budget" : "budget " + budget);
        Progress progress = Progress.onTerminal(budget, "schedules");
        int[] shrinkRuns = {-1}; // -1 while exploring; then runs spent shrinking
        Optional<Integer> status;
        try {
            status = Watchdog.run(timeout, beat -> explore(out, id, source, explorer,
                    new Runner(choice.catalog(), id).withThreads(workers).withHeartbeat(() -> {
                        beat.run();
                        if (shrinkRuns[0] >= 0 && ++shrinkRuns[0] % 16 == 0) {
                            progress.note("shrinking the counterexample: " + shrinkRuns[0] + " runs (at most "
                                    + shrinkTime.seconds + " s)");
                        }
                    }), progress, shrinkRuns));
        } finally {
            progress.clear(); // also when the search ran out of heap: its one line must not land on the bar
        }
        int result = status.orElse(Main.FOUND);
        if (status.isEmpty()) {
            found = String.format("FAILS TERMINATES: a run did not end within %d s of wall-clock time: a strategy hook"
                    + " that never returns to the simulation", runTimeout.seconds);
            out.println(found);
        }
        if (outDir != null) {
            out.flush();
            String text = captured.toString();
            String header = text.lines().findFirst().orElse("");
            java.nio.file.Path file = outDir.resolve(format.equals("html") ? "index.html" : "explore.txt");
            String body = format.equals("html") ? dev.stablewrites.harness.report.html.RacePage.render(header, found,
                    shrunk, text.substring(Math.min(text.length(), header.length() + 1))) : text;
            try {
                java.nio.file.Files.writeString(file, body, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot write " + file + ": " + IoErrors.reason(e));
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("explore: wrote " + file + (found.isEmpty() ? "" : "; " + found));
            w.flush();
        }
        return result;
    }

    /** The exploration itself, on the watchdog's thread; prints as it goes. */
    private int explore(PrintWriter out, String id, ScenarioSource source, Explorer explorer, Runner runner,
                        Progress progress, int[] shrinkRuns) {
        int[] drawn = {0};
        Exploration.Result result = Exploration.run(explorer, runner, source, seed, budget, true, n -> {
            progress.advance(n - drawn[0]);
            drawn[0] = n;
        });
        progress.clear();
        if (result.holds()) {
            found = "HOLDS: " + result.summary().claim();
            out.printf("HOLDS: %s%n", result.summary().claim());
            out.printf("verdict: HOLDS (%s)%n", result.strength().text());
            if (result.summary().guarantee() != null) {
                out.println(result.summary().guarantee());
            }
            out.println(ExplorationReport.coverage(result));
            return Main.HOLDS;
        }
        found = String.format("FAILS %s (found after %d schedules explored)", result.firstFailure().failure(),
                result.schedulesToFailure());
        out.println(found);
        out.println(ExplorationReport.firstFailure(result));
        out.println(ExplorationReport.coverage(result));
        Shrinker.Shrunk shrunk;
        out.flush();
        shrinkRuns[0] = 0;
        progress.note("shrinking the counterexample");
        try {
            shrunk = shrinkTime.apply(new Shrinker(runner, source::shrink)).shrink(result.firstFailure());
            this.shrunk = shrunk;
        } catch (Shrinker.NotReproducible e) {
            progress.clear();
            out.println(e.getMessage());
            return Main.FOUND;
        }
        progress.clear();
        out.println();
        out.print(Lab.annotateReplayLines(CounterexampleReport.render(shrunk, Lab.jarCommand() + " replay "
                + choice.replayOptions(), true)));
        return Main.FOUND;
    }
}
