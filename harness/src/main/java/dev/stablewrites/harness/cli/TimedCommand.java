package dev.stablewrites.harness.cli;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import dev.stablewrites.harness.timed.Generic761Check;
import dev.stablewrites.harness.timed.TimedComparison;
import dev.stablewrites.harness.timed.TimedTable;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code timed}: the timed mode alone, at any size, with what it cost the JVM to run it. */
@Command(name = "timed", description = "Run realistic workloads in timed mode: makespan, write latency and stalls, CPU by"
        + " category, memory, I/O amplification and how often the race struck, per strategy.")
final class TimedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Mixin
    SettingsChoice settings;

    @CommandLine.Mixin
    TimedOptions timed;

    @Option(names = "--strategies", defaultValue = "all", description = "all, or strategy ids separated by commas")
    String strategies;

    @Option(names = "--threads", paramLabel = "N", description = "runs side by side (default: one per core)")
    Integer threads;

    @Option(names = "--options", paramLabel = "OPTIONS", defaultValue = "", description = "scenario options for every"
            + " run, e.g. 'integrity=fs-crc32c' or 'device=raid1 integrity=none' (page=, interval=, integrity=, device=);"
            + " without it generic-761 runs on each configuration with a published result")
    String options;

    @CommandLine.Mixin
    RunTimeoutOption runTimeout;

    @Override
    public Integer call() {
        var catalog = settings.catalog();
        List<String> ids = CompareCommand.pick("strategy", strategies, catalog.ids());
        CostModel model = timed.costModel();
        if (options.contains(":")) {
            throw new IllegalArgumentException("--options takes scenario options only (page=, interval=, integrity=,"
                    + " device=), not actor operations");
        }
        Geometry geometry = options.isBlank() ? Geometry.DEFAULT
                : dev.stablewrites.core.scenario.Scenario.parse("buffered-write " + options.strip()).geometry();
        List<Workload> asked = timed.workloads(geometry);
        // Without --options, generic-761 is the reality check over its published configurations.
        boolean check761 = options.isBlank() && asked.stream().anyMatch(x -> x.kind() == WorkloadKind.GENERIC_761);
        List<Workload> workloads = asked.stream().filter(x -> !check761 || x.kind() != WorkloadKind.GENERIC_761).toList();
        int workers = Lab.threads(threads);
        int runs = ids.size() * (workloads.size() + (check761 ? Generic761Check.configurations().size() : 0));
        Progress progress = Progress.onTerminal(runs, "timed runs");
        long wall0 = System.nanoTime();
        TimedComparison comparison = CompareCommand.withIntegrityFromDevice(new TimedComparison(catalog, geometry, model,
                workers, runTimeout.duration()), options).withPartialProgress(progress::advance);
        int sideBySide = comparison.sideBySide(asked, runs);
        List<TimedResult> results = comparison.run(ids, workloads);
        List<TimedResult> check = check761 ? Generic761Check.run(catalog, model, ids, timed.seed, workers,
                runTimeout.duration(), progress::step) : List.of();
        String generic761 = check761 ? Generic761Check.render(check, ids.size()) : null;
        long wall = System.nanoTime() - wall0;
        progress.clear();
        PrintWriter w = spec.commandLine().getOut();
        if (!results.isEmpty()) {
            w.print(TimedTable.render(model.summary(), results, Map.of()));
        }
        if (generic761 != null) {
            w.print((results.isEmpty() ? "timed mode: " + model.summary() + "\n\n" : "\n") + generic761);
        }
        // What running it cost this JVM: the scaling figures of the timed mode (not simulated time).
        w.printf("%nran in %.1f s wall, %d run(s) side by side; peak heap %d MiB%n", wall / 1e9, sideBySide,
                peakHeapMiB());
        w.flush();
        List<TimedResult> all = new java.util.ArrayList<>(results);
        all.addAll(check);
        String none = noneRan(all);
        if (none != null) {
            spec.commandLine().getErr().println("stablewrites: " + none);
        }
        return none == null ? Main.HOLDS : Main.NOT_RUN;
    }

    /**
     * Null when at least one run ran; else the one line that says none did and why the first did
     * not. A table of "did not run" rows is not a result, and a script must not take it for one.
     */
    static String noneRan(List<TimedResult> results) {
        if (results.stream().anyMatch(TimedResult::ran)) {
            return null;
        }
        return "no timed run ran; " + (results.isEmpty() ? "none was asked for" : results.get(0).strategy() + " on "
                + results.get(0).workload().kind().id() + ": " + results.get(0).outcome());
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
