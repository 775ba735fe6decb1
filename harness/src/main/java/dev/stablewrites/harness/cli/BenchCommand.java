package dev.stablewrites.harness.cli;

import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.bench.BenchReport;
import dev.stablewrites.harness.bench.Commutation;
import dev.stablewrites.harness.bench.DefaultVerification;
import dev.stablewrites.harness.bench.Throughput;
import dev.stablewrites.harness.bench.TimeToFailure;
import dev.stablewrites.harness.bench.SpeedUp;
import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.WindowExplorer;
import dev.stablewrites.harness.explore.PctExplorer;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.harness.explore.Runner;
import dev.stablewrites.harness.explore.ScenarioSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: schedules per second per strategy, and schedules to first failure per explorer
 * (docs/model.md §9). A measurement, never a verdict: it exits 0 whenever it ran. Everything runs on
 * the calling thread, so the rates are one core's, except the last section, which times one long
 * cell on one thread and on {@code --threads}.
 */
@Command(name = "bench", description = "Measure schedules per second per strategy on one core, schedules to"
        + " first failure of random, PCT, guided and window exploration over many seeds, and the speed-up of one"
        + " long cell on every core.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--scenario", defaultValue = "mmap",
            description = "a scenario id (instances are generated) or a full scenario line (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--strategies", defaultValue = "all",
            description = "strategies to time: all, or ids separated by commas (default: ${DEFAULT-VALUE})")
    String strategies;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the first round of timed schedules; round r takes seed + r"
                    + " (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--schedules", defaultValue = "20000",
            description = "schedules timed per strategy (default: ${DEFAULT-VALUE})")
    int schedules;

    @Option(names = "--warmup", defaultValue = "5000",
            description = "schedules run per strategy before timing, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--failure-strategy", paramLabel = "ID", defaultValue = "none",
            description = "the strategy whose first failure is sought (default: ${DEFAULT-VALUE})")
    String failureStrategy;

    @Option(names = "--seeds", defaultValue = "100",
            description = "seeds 1 to N, one search for the first failure each (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--budget", defaultValue = "100000",
            description = "most schedules per search for the first failure (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "" + PctExplorer.DEFAULT_DEPTH,
            description = "PCT bug depth: d-1 priority change points (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--threads", defaultValue = "0",
            description = "threads for the parallel speed-up (default: one per core)")
    int threads;

    @Option(names = "--speedup-schedules", paramLabel = "N", defaultValue = "100000",
            description = "schedules of the long cell timed on one thread and on --threads; 0 skips it"
                    + " (default: ${DEFAULT-VALUE})")
    int speedupSchedules;

    @Option(names = "--verify-defaults", paramLabel = "KINDS", defaultValue = "",
            description = "also search the default instance of each kind (all, or ids separated by commas)"
                    + " exhaustively with no preemption bound under every strategy timed, on one thread, and"
                    + " time each cell (default: skipped)")
    String verifyDefaults;

    @Option(names = "--verify-budget", paramLabel = "N", defaultValue = "1000000",
            description = "most runs per default-instance search, cut ones included (default: ${DEFAULT-VALUE})")
    int verifyBudget;

    @Option(names = "--commute-samples", paramLabel = "N", defaultValue = "0",
            description = "random runs of the scenario's instance to sample, per strategy: at each sampled decision"
                    + " point every pair of enabled actors is run in both orders and the states compared (how much"
                    + " a partial-order reduction could have to work with); 0: not measured (default: ${DEFAULT-VALUE})")
    int commuteSamples;

    /** Runs of the untimed warm-up search per kind before the default instances are timed. */
    private static final int WARM_UP_RUNS = 20_000;

    @Override
    public Integer call() {
        StrategyCatalog catalog = Lab.catalog();
        List<String> timed = CompareCommand.pick("strategy", strategies, catalog.ids());
        if (!catalog.ids().contains(failureStrategy)) {
            throw new IllegalArgumentException("unknown strategy '" + failureStrategy + "' for --failure-strategy;"
                    + " valid: " + String.join(", ", catalog.ids()));
        }
        ScenarioSource source = ScenarioSource.parse(scenario);
        Lab.positive("schedules", schedules);
        Lab.positive("warm-up", warmup);
        Lab.positive("seeds", seeds);
        Lab.positive("budget", budget);
        Lab.positive("--verify-budget", verifyBudget);
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : Lab.positive("threads", threads);
        if (speedupSchedules < 0) {
            throw new IllegalArgumentException("--speedup-schedules must be 0 or more, not " + speedupSchedules);
        }
        if (commuteSamples < 0) {
            throw new IllegalArgumentException("--commute-samples must be 0 or more, not " + commuteSamples);
        }
        List<dev.stablewrites.core.scenario.ScenarioKind> verifyKinds = verifyDefaults.isBlank() ? List.of()
                : CompareCommand.pick("scenario", verifyDefaults,
                        java.util.Arrays.stream(dev.stablewrites.core.scenario.ScenarioKind.values())
                                .map(dev.stablewrites.core.scenario.ScenarioKind::id).toList())
                        .stream().map(dev.stablewrites.core.scenario.ScenarioKind::byId).toList();
        PctExplorer pct = new PctExplorer(depth);
        String name = scenario.strip();

        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench: scenario %s, random schedules from seeds %d-%d, %d per strategy in %d interleaved rounds"
                + " after %d warm-up, one thread%n%n", source, seed, seed + Throughput.ROUNDS - 1, schedules,
                Throughput.ROUNDS, warmup);
        out.flush();
        List<Runner> runners = timed.stream().map(id -> new Runner(catalog, id)).toList();
        List<Throughput> rates = Throughput.measure(new RandomExplorer(), runners, source, seed, warmup, schedules);
        out.println(BenchReport.throughput(rates));
        out.flush();

        Runner failing = new Runner(catalog, failureStrategy);
        List<TimeToFailure> searches = new ArrayList<>();
        searches.add(TimeToFailure.measure(new RandomExplorer(), failing, source, seeds, budget));
        TimeToFailure pctSearch = TimeToFailure.measure(pct, failing, source, seeds, budget);
        searches.add(pctSearch);
        searches.add(TimeToFailure.measure(new GuidedExplorer(), failing, source, seeds, budget));
        searches.add(TimeToFailure.measure(new WindowExplorer(), failing, source, seeds, budget));
        out.print(BenchReport.timeToFailure(String.format("schedules to first failure: %s on %s, seeds 1-%d, at most %d"
                + " schedules per seed", failureStrategy, name, seeds, budget), searches));
        out.println(guarantee(failing, source, pct, pctSearch, name));
        out.println();
        out.print(BenchReport.targets(name, rates, pctSearch));
        out.flush();
        if (speedupSchedules > 0) {
            // The first strategy timed, whole budget: a long cell that finds nothing to stop at.
            Runner longCell = runners.get(0);
            List<SpeedUp> speedUps = List.of(
                    SpeedUp.measure(new RandomExplorer(), longCell, source, seed, speedupSchedules, workers),
                    SpeedUp.measure(new WindowExplorer(), longCell, source, seed, speedupSchedules, workers),
                    SpeedUp.measure(new ExhaustiveExplorer(5, false), longCell, source, seed, speedupSchedules, workers),
                    SpeedUp.measure(new ExhaustiveExplorer(ExhaustiveExplorer.UNBOUNDED), longCell, source, seed,
                            speedupSchedules, workers));
            out.println();
            out.print(BenchReport.speedUp(String.format("parallel speed-up: %s on %s, one cell, %,d schedules at most,"
                    + " 1 thread against %d", longCell.strategy(), name, speedupSchedules, workers), speedUps));
            out.flush();
        }
        if (verifyDefaults != null && verifyDefaults.isBlank() && spec.commandLine().getParseResult()
                .hasMatchedOption("--verify-defaults")) {
            throw new IllegalArgumentException("--verify-defaults needs kinds: all, or ids separated by commas");
        }
        if (!verifyKinds.isEmpty()) {
            // Each kind searched once first, untimed and cut short, so the JIT has compiled the fingerprint and that
            // kind's paths of the model before the clock starts (otherwise the first strategy pays for it).
            for (dev.stablewrites.core.scenario.ScenarioKind k : verifyKinds) {
                DefaultVerification.warmUp(runners.get(0), k, Math.min(verifyBudget, WARM_UP_RUNS));
            }
            List<DefaultVerification> cells = new ArrayList<>();
            for (Runner r : runners) {
                for (dev.stablewrites.core.scenario.ScenarioKind k : verifyKinds) {
                    cells.add(DefaultVerification.measure(r, k, verifyBudget));
                }
            }
            out.println();
            out.print(BenchReport.defaultVerification(String.format("default instances, every schedule (no preemption"
                    + " bound), state caching, at most %,d runs per cell", verifyBudget), cells));
            out.flush();
        }
        if (commuteSamples > 0) {
            List<Commutation> rows = new ArrayList<>();
            for (Runner r : runners) {
                rows.add(Commutation.measure(r, source.single(), commuteSamples, seed));
            }
            out.println();
            out.print(BenchReport.commutation(String.format("pairs of enabled actors run in both orders at decision"
                    + " points of %,d random runs of %s (seed %d)", commuteSamples, source.single(), seed), rows));
            out.flush();
        }
        return Main.HOLDS;
    }

    /**
     * PCT's promise per schedule beside what it achieved, with {@code n} actors and {@code k} steps
     * from the default-rule run of the scenario's one instance.
     */
    private static String guarantee(Runner runner, ScenarioSource source, PctExplorer pct, TimeToFailure measured,
                                    String name) {
        RunResult plain = runner.replay(source.single(), Schedule.empty(), false);
        int k = (int) plain.costs().steps;
        int n = (int) plain.schedule().choices().chars().distinct().count();
        int d = pct.depth();
        String instance = name.contains(":") ? "the scenario" : name + "'s default instance";
        return String.format(Locale.ROOT, "%s guarantees p >= 1/(n*k^(d-1)) = 1/(%d*%d^%d) = %.2g per schedule for a"
                        + " depth-%d bug in the first k steps (n actors, k steps of the default-rule run of %s);"
                        + " measured %.2g",
                pct.describe(), n, k, d - 1, PctExplorer.lowerBound(n, k, d), d, instance, measured.ratePerSchedule());
    }
}
