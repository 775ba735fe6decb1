package dev.stablewrites.harness.cli;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.harness.compare.CostTable;
import dev.stablewrites.harness.compare.Verdict;
import dev.stablewrites.harness.report.CounterexampleReport;
import dev.stablewrites.harness.report.html.HtmlReport;
import dev.stablewrites.harness.timed.TimedComparison;
import dev.stablewrites.harness.timed.TimedCsv;
import dev.stablewrites.harness.timed.TimedTable;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.compare.CompareCsv;
import dev.stablewrites.harness.compare.CompareJson;
import dev.stablewrites.harness.compare.CompareTable;
import dev.stablewrites.harness.compare.Comparison;
import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.ScenarioSource;
import dev.stablewrites.harness.explore.VerifyExplorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compare}: every strategy × scenario, the main job. */
@Command(name = "compare", description = "Explore every strategy on every scenario and print the verdict matrix with"
        + " each failure's shrunk counterexample and the exact costs; then run the timed workloads: what each strategy"
        + " costs and how often the race strikes under realistic timing.")
final class CompareCommand implements Callable<Integer> {
    static final String FORMATS = "table, json, csv, html";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Mixin
    SettingsChoice settings;

    @CommandLine.Mixin
    ExplorerChoice explorerChoice;

    @Option(names = "--strategies", defaultValue = "all", description = "all, or strategy ids separated by commas")
    String strategies;

    @Option(names = "--scenarios", defaultValue = "all", description = "all, or scenario ids separated by commas")
    String scenarios;

    @Option(names = "--options", paramLabel = "'OPT=V ...'", defaultValue = "",
            description = "scenario options for every cell, e.g. 'integrity=nvme-crc64 device=raid1'")
    String options;

    @Option(names = "--seed", defaultValue = "1", description = "seed of every cell's exploration (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--budget", defaultValue = "20000", description = "most schedules per cell (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--format", defaultValue = "table", description = FORMATS + " (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "write compare.txt, .json or .csv into DIR instead of"
            + " printing it; html writes index.html with compare.csv and timed.csv beside it")
    Path out;

    @Option(names = "--no-timed", description = "skip the timed workloads")
    boolean noTimed;

    @CommandLine.Mixin
    TimedOptions timed;

    @Option(names = "--verify", paramLabel = "SCOPE",
            description = "verify every cell: every instance within SCOPE data operations, each explored exhaustively"
                    + " within --bound preemptions (the explorer verify; no schedule budget unless --budget is given)")
    Integer verify;

    @Option(names = "--threads", defaultValue = "0", description = "cells run side by side, and threads per cell; the output is the same for any number"
            + " (default: one per core)")
    int threads;

    @CommandLine.Mixin
    RunTimeoutOption runTimeout;

    @Override
    public Integer call() {
        if (out != null && out.toString().isBlank()) {
            throw new IllegalArgumentException("--out needs a directory");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; it needs a directory");
        }
        if (out != null) {
            try {
                Files.createDirectories(out); // now, not after a comparison that could not be written
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("cannot make the --out directory " + out + ": " + e);
            }
        }
        if (!Set.of("table", "json", "csv", "html").contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; valid: " + FORMATS);
        }
        if (format.equals("html") && out == null) {
            throw new IllegalArgumentException("--format html writes a page and its CSV files: give --out DIR");
        }
        StrategyCatalog catalog = settings.catalog();
        List<String> strategyIds = pick("strategy", strategies, catalog.ids());
        List<String> kinds = pick("scenario", scenarios,
                Arrays.stream(ScenarioKind.values()).map(ScenarioKind::id).toList());
        List<String> cellsScenarios = new ArrayList<>();
        for (String k : kinds) {
            String line = options.isBlank() ? k : k + " " + options.strip();
            if (line.contains(":")) {
                throw new IllegalArgumentException("--options takes scenario options only (page=, interval=, "
                        + "integrity=, device=), not actor operations");
            }
            ScenarioSource.parse(line); // bad options fail here, once, in one line
            cellsScenarios.add(line);
        }
        if (verify != null && explorerChoice.explorer != null && !explorerChoice.explorer.equals("verify")) {
            throw new IllegalArgumentException("--verify is the explorer verify; it cannot be combined with --explorer "
                    + explorerChoice.explorer);
        }
        if (verify != null) {
            explorerChoice.explorer = "verify";
            explorerChoice.scope = verify;
        }
        Explorer explorer = explorerChoice.create("window");
        Lab.positive("budget", budget);
        if (explorer instanceof VerifyExplorer && !spec.commandLine().getParseResult().hasMatchedOption("--budget")) {
            budget = Integer.MAX_VALUE; // a verification runs to the end of its scope unless told otherwise
        }
        Duration timeout = runTimeout.duration();
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : Lab.positive("threads", threads);
        String header = String.format("compare: %d strategies x %d scenarios%s, explorer %s, seed %d, %s%s",
                strategyIds.size(), kinds.size(), options.isBlank() ? "" : " (" + options.strip() + ")",
                explorer.describe(), seed, budget == Integer.MAX_VALUE ? "no schedule budget"
                        : "at most " + budget + " schedules per cell",
                explorer instanceof ExhaustiveExplorer ? "; each kind's default instance (see list)" : "");
        boolean runTimed = !noTimed && (format.equals("table") || format.equals("html"));
        Geometry geometry = dev.stablewrites.core.scenario.Scenario.parse(cellsScenarios.get(0)).geometry();
        // Timed options are checked even when they will not be used: bad input is bad input.
        CostModel model = timed.costModel();
        List<Workload> checked = timed.workloads(geometry);
        List<Workload> workloads = runTimed ? checked : List.of();
        Progress progress = Progress.onTerminal(strategyIds.size() * (cellsScenarios.size() + workloads.size()),
                "cells and timed runs");
        List<Cell> cells = new Comparison(catalog, explorer, seed, budget, timeout, workers)
                .withProgress(progress::step).run(strategyIds, cellsScenarios);
        List<TimedResult> timedResults = runTimed
                ? new TimedComparison(catalog, geometry, model, workers, timeout).withProgress(progress::step)
                        .run(strategyIds, workloads)
                : List.of();
        String replay = Lab.jarCommand() + " replay";
        PrintWriter w = spec.commandLine().getOut();
        if (format.equals("html")) {
            Map<String, String> traces = new LinkedHashMap<>();
            for (Cell c : cells) {
                if (c.verdict() != Verdict.HOLDS) {
                    traces.put(c.strategy() + " on " + c.scenario(), c.counterexample() == null ? c.reason()
                            : CounterexampleReport.render(c.counterexample(), replay + " --strategy " + c.strategy()
                                    + settings.replayOptions(), false));
                }
            }
            write(out.resolve("compare.csv"), CompareCsv.render(cells));
            write(out.resolve("timed.csv"), TimedCsv.render(timedResults));
            write(out.resolve("index.html"), HtmlReport.render(header, cells, traces, timedResults,
                    runTimed ? model.summary() : ""));
            w.println("compare: wrote " + out.resolve("index.html") + ", with compare.csv and timed.csv beside it");
            w.flush();
            return Main.HOLDS;
        }
        String text = switch (format) {
            case "json" -> CompareJson.render(cells, replay, settings.replayOptions());
            case "csv" -> CompareCsv.render(cells);
            default -> CompareTable.render(header, cells, replay, settings.replayOptions()) + "\n"
                    + CostTable.render(cells)
                    + (runTimed ? "\n" + TimedTable.render(model.summary(), timedResults,
                            CostTable.verdictSummary(cells)) : "");
        };
        if (out == null) {
            w.print(text);
            w.flush();
            return Main.HOLDS;
        }
        Path file = out.resolve("compare." + (format.equals("table") ? "txt" : format));
        write(file, text);
        if (runTimed) {
            write(out.resolve("timed.csv"), TimedCsv.render(timedResults));
        }
        w.println("compare: wrote " + file);
        return Main.HOLDS;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("cannot write " + file + " (--out must be a directory or a path one can"
                    + " be made at): " + e);
        }
    }

    /**
     * {@code all}, or the listed names in the order given, each checked against {@code valid}.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    static List<String> pick(String what, String list, List<String> valid) {
        if (list.strip().equals("all")) {
            return valid;
        }
        Set<String> picked = new LinkedHashSet<>();
        for (String raw : list.split(",", -1)) {
            String name = raw.strip();
            if (!valid.contains(name)) {
                throw new IllegalArgumentException((name.isEmpty() ? "empty " + what + " name" : "unknown " + what
                        + " '" + name + "'") + " in '" + list + "'; valid: all, " + String.join(", ", valid));
            }
            if (!picked.add(name)) {
                throw new IllegalArgumentException(what + " '" + name + "' is listed twice in '" + list + "'");
            }
        }
        return new ArrayList<>(picked);
    }
}
