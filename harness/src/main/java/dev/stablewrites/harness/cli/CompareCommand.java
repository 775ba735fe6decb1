package dev.stablewrites.harness.cli;

import dev.stablewrites.core.fault.FaultKind;
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
import dev.stablewrites.harness.timed.Generic761Check;
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
import dev.stablewrites.harness.history.History;
import dev.stablewrites.harness.history.HistoryTable;
import dev.stablewrites.harness.history.KernelEra;
import dev.stablewrites.harness.report.html.HistoryPage;
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
            description = "scenario options for every cell, e.g. 'integrity=nvme-crc64 device=raid1'"
                    + " or 'device=raid1 raid1-integrity=per-leg'")
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

    @Option(names = "--faults", defaultValue = "flip", paramLabel = "KIND", description = "the faulty component of the"
            + " second matrix, \"with faults\": flip, stray, wire, media, or none to skip it (default: ${DEFAULT-VALUE})")
    String faults;

    @Option(names = "--fault-seed", defaultValue = "1", description = "seed of every cell with faults (default:"
            + " ${DEFAULT-VALUE})")
    long faultSeed;

    @Option(names = "--fault-budget", defaultValue = "5000", description = "most schedules per cell with faults"
            + " (default: ${DEFAULT-VALUE})")
    int faultBudget;

    @Option(names = "--kernels", paramLabel = "ERAS", description = "all, or kernel releases separated by commas"
            + " (see list): the history table, each release's composed strategies on every scenario, instead of"
            + " the strategies x scenarios matrix")
    String kernels;

    @Option(names = "--verify", paramLabel = "SCOPE",
            description = "verify every cell: every instance within SCOPE data operations, each explored exhaustively"
                    + " within --bound preemptions (the explorer verify; no schedule budget unless --budget is given)")
    Integer verify;

    @Option(names = "--threads", paramLabel = "N", description = "cells run side by side, and threads per cell; the"
            + " output is the same for any number (default: one per core)")
    Integer threads;

    @CommandLine.Mixin
    RunTimeoutOption runTimeout;

    @CommandLine.Mixin
    ShrinkTimeOption shrinkTime;

    @Override
    public Integer call() {
        if (out != null) {
            OutDir.check(out); // now, not after a comparison that could not be written
        }
        if (!Set.of("table", "json", "csv", "html").contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; valid: " + FORMATS);
        }
        if (format.equals("html") && out == null) {
            throw new IllegalArgumentException("--format html writes a page and its CSV files: give --out DIR");
        }
        StrategyCatalog catalog = settings.catalog();
        if (kernels != null) {
            return history(catalog);
        }
        List<String> strategyIds = pick("strategy", strategies, catalog.ids(), catalog::contains);
        List<String> kinds = pick("scenario", scenarios,
                Arrays.stream(ScenarioKind.values()).map(ScenarioKind::id).toList());
        List<String> cellsScenarios = new ArrayList<>();
        for (String k : kinds) {
            String line = options.isBlank() ? k : k + " " + options.strip();
            if (line.contains(":")) {
                throw new IllegalArgumentException("--options takes scenario options only (page=, interval=, "
                        + "integrity=, device=), not actor operations");
            }
            if (line.contains("faults=")) {
                throw new IllegalArgumentException("--options takes no faults=: the first matrix runs without faults,"
                        + " and --faults KIND chooses the second's (valid: " + FaultKind.validIds() + ")");
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
        FaultKind faultKind = FaultKind.byId(faults);
        if (faultKind == null) {
            throw new IllegalArgumentException("unknown fault kind '" + faults + "' for --faults; valid: "
                    + FaultKind.validIds());
        }
        Lab.positive("fault-budget", faultBudget);
        if (explorer instanceof VerifyExplorer && !spec.commandLine().getParseResult().hasMatchedOption("--budget")) {
            budget = Integer.MAX_VALUE; // a verification runs to the end of its scope unless told otherwise
        }
        Duration timeout = runTimeout.duration();
        int workers = Lab.threads(threads);
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
        // generic-761 runs as its own reality check, per published configuration, with every default run.
        boolean check761 = runTimed && strategyIds.contains("none") && (timed.workloads.strip().equals("all")
                || checked.stream().anyMatch(x -> x.kind() == dev.stablewrites.core.timed.WorkloadKind.GENERIC_761));
        List<Workload> workloads = runTimed ? checked.stream()
                .filter(x -> x.kind() != dev.stablewrites.core.timed.WorkloadKind.GENERIC_761).toList() : List.of();
        Progress progress = Progress.onTerminal(strategyIds.size() * (cellsScenarios.size() + workloads.size()),
                "cells and timed runs");
        List<Cell> cells = new Comparison(catalog, explorer, seed, budget, timeout, workers)
                .withProgress(progress::step).withShrinkTime(shrinkTime.duration()).run(strategyIds, cellsScenarios);
        // The second matrix: the same cells with a faulty component, judged by NO_SILENT_CORRUPTION alone.
        List<Cell> faultCells = List.of();
        String faultsHeader = null;
        if (faultKind != FaultKind.NONE) {
            List<String> faultScenarios = cellsScenarios.stream().map(c -> c + " faults=" + faultKind.id()).toList();
            faultCells = new Comparison(catalog, explorer, faultSeed, faultBudget, timeout, workers)
                    .withShrinkTime(shrinkTime.duration()).run(strategyIds, faultScenarios);
            faultsHeader = String.format("with faults: faults=%s, %s; explorer %s, seed %d, at most %d schedules per"
                    + " cell; a cell FAILS where a read would return bytes no writer wrote without an error",
                    faultKind.id(), faultKind.description(), explorer.describe(), faultSeed, faultBudget);
        }
        List<Cell> faultCellsByKind = new ArrayList<>();
        for (Cell c : faultCells) {
            faultCellsByKind.add(c.named(c.scenario().replace(" faults=" + faultKind.id(), "")));
        }
        List<TimedResult> timedResults = runTimed
                ? withIntegrityFromDevice(new TimedComparison(catalog, geometry, model, workers, timeout), options)
                        .withPartialProgress(progress::advance).run(strategyIds, workloads)
                : List.of();
        // The second reality check, generic/761: with no mitigation, the kernels the test reported on, and
        // with btrfs's 6.15 fallback, the one it reported passing.
        List<String> strategies761 = Generic761Check.strategies(catalog);
        String generic761 = check761
                ? Generic761Check.render(Generic761Check.run(catalog, model, strategies761, timed.seed, workers, timeout,
                        () -> { }), strategies761.size())
                : null;
        String replay = Lab.jarCommand() + " replay";
        PrintWriter w = spec.commandLine().getOut();
        if (format.equals("html")) {
            Map<String, String> traces = new LinkedHashMap<>();
            for (Cell c : cells) {
                if (c.verdict() != Verdict.HOLDS) {
                    traces.put(c.strategy() + " on " + c.scenario(), c.counterexample() == null ? c.reason()
                            : Lab.annotateReplayLines(CounterexampleReport.render(c.counterexample(), replay
                                    + " --strategy " + c.strategy() + settings.replayOptions(), false)));
                }
            }
            Map<String, String> faultTraces = new LinkedHashMap<>();
            for (Cell c : faultCellsByKind) {
                if (c.verdict() != Verdict.HOLDS) {
                    faultTraces.put(c.strategy() + " on " + c.scenario(), c.counterexample() == null ? c.reason()
                            : Lab.annotateReplayLines(CounterexampleReport.render(c.counterexample(), replay
                                    + " --strategy " + c.strategy() + settings.replayOptions(), false)));
                }
            }
            write(out.resolve("compare.csv"), CompareCsv.render(cells, faultCells));
            write(out.resolve("timed.csv"), TimedCsv.render(timedResults));
            write(out.resolve("index.html"), HtmlReport.render(header, cells, traces, faultsHeader, faultCellsByKind,
                    faultTraces, timedResults, runTimed ? model.summary() : "", generic761));
            w.println("compare: wrote " + out.resolve("index.html") + ", with compare.csv and timed.csv beside it");
            w.flush();
            return Main.HOLDS;
        }
        String text = switch (format) {
            case "json" -> CompareJson.render(cells, faultsHeader == null ? null : faultKind.id(), faultSeed,
                    faultBudget, faultCells, replay, settings.replayOptions());
            case "csv" -> CompareCsv.render(cells, faultCells);
            default -> Lab.annotateReplayLines(CompareTable.render(header, cells, replay, settings.replayOptions())
                    + "\n" + (faultsHeader == null ? "" : CompareTable.render(faultsHeader, faultCellsByKind, replay,
                            settings.replayOptions()) + "\n"))
                    + CostTable.render(cells)
                    + (runTimed ? "\n" + TimedTable.render(model.summary(), timedResults,
                            CostTable.verdictSummary(cells)) : "")
                    + (generic761 != null ? "\n" + generic761 : "");
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
            throw new IllegalArgumentException("cannot write " + file + ": " + IoErrors.reason(e));
        }
    }

    /**
     * {@code all}, or the listed names in the order given, each checked against {@code valid}. A
     * list that names {@code all} among others ({@code all,none}) means all: every name in it is
     * still checked, since a typo beside {@code all} is still a typo.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    /** {@code --kernels}: the history table of the named eras, as text or CSV. */
    private Integer history(StrategyCatalog catalog) {
        List<String> eraIds = KernelEra.all().stream().map(KernelEra::id).toList();
        List<String> picked = pick("kernel", kernels, eraIds);
        List<KernelEra> eras = KernelEra.all().stream().filter(e -> picked.contains(e.id())).toList();
        for (KernelEra era : eras) {
            catalog.create(era.strategy()); // a composition that cannot be made fails now, in one line
        }
        Explorer explorer = explorerChoice.create("guided");
        Lab.positive("budget", budget);
        int workers = Lab.threads(threads);
        Comparison comparison = new Comparison(catalog, explorer, seed, budget, runTimeout.duration(), workers);
        Map<History.Geometry, List<History.Row>> rows = new History(comparison).run(eras);
        String header = String.format("compare --kernels: %d kernel releases x %d scenarios x %d geometries, explorer %s,"
                + " seed %d, at most %d schedules per cell", eras.size(), ScenarioKind.values().length,
                History.GEOMETRIES.size(), explorer.describe(), seed, budget);
        String text = switch (format) {
            case "csv" -> HistoryTable.csv(rows);
            case "json" -> HistoryTable.json(rows);
            case "html" -> HistoryPage.render(header, rows);
            default -> HistoryTable.render(header, rows);
        };
        if (out != null) {
            write(out.resolve("history." + (format.equals("table") ? "txt" : format)), text);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        }
        return Main.HOLDS;
    }

    static List<String> pick(String what, String list, List<String> valid) {
        return pick(what, list, valid, valid::contains);
    }

    /** As {@link #pick(String, String, List)}, also taking names {@code known} accepts (composed strategies). */
    static List<String> pick(String what, String list, List<String> valid, java.util.function.Predicate<String> known) {
        if (list.strip().equals("all")) {
            return valid;
        }
        Set<String> picked = new LinkedHashSet<>();
        boolean all = false;
        for (String raw : list.split(",", -1)) {
            String name = raw.strip();
            if (name.equals("all")) {
                all = true;
                continue;
            }
            if (!known.test(name)) {
                throw new IllegalArgumentException((name.isEmpty() ? "empty " + what + " name" : "unknown " + what
                        + " '" + name + "'") + " in '" + list + "'; valid: all, " + String.join(", ", valid));
            }
            if (!picked.add(name)) {
                throw new IllegalArgumentException(what + " '" + name + "' is listed twice in '" + list + "'");
            }
        }
        return all ? valid : new ArrayList<>(picked);
    }

    /**
     * Unless the scenario options name an integrity, each timed workload's disk says whether there are
     * tuples to make (SATA has no PI); {@code integrity=...} asked for is kept, as a what-if.
     */
    static TimedComparison withIntegrityFromDevice(TimedComparison c, String options) {
        boolean asked = java.util.Arrays.stream(options.strip().split("\\s+")).anyMatch(o -> o.startsWith("integrity="));
        return asked ? c : c.withIntegrityFromDevice();
    }
}
