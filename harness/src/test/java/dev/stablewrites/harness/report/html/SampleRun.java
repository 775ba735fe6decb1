package dev.stablewrites.harness.report.html;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.TimedSimulation;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.core.timed.WorkloadKind;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.compare.Comparison;
import dev.stablewrites.harness.compare.Verdict;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.report.CounterexampleReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real comparison and timed run, made once per test JVM: three strategies (one that fails,
 * one that holds, one in between) on two scenarios, and the same strategies on two small timed
 * workloads (1 MiB, 300 writes), so the reports are tested on what the model really produces.
 */
public final class SampleRun {
    public static final List<String> STRATEGIES = List.of("none", "bounce", "mkwrite-wait");
    public static final List<String> SCENARIOS = List.of("mmap", "odirect");
    public static final List<WorkloadKind> WORKLOADS = List.of(WorkloadKind.WRITE_SYNC, WorkloadKind.ODIRECT);

    public final List<Cell> cells;
    public final Map<String, String> traces;
    public final List<TimedResult> timed;

    private static SampleRun instance;

    private SampleRun() {
        StrategyCatalog catalog = StrategyCatalog.discover();
        cells = new Comparison(catalog, new GuidedExplorer(), 1, 300, Duration.ofSeconds(30), 2)
                .run(STRATEGIES, SCENARIOS);
        Map<String, String> t = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (c.verdict() == Verdict.FAILS && c.counterexample() != null) {
                t.put(c.strategy() + " on " + c.scenario(), CounterexampleReport.render(c.counterexample(),
                        "java -jar harness/target/stablewrites.jar replay --strategy " + c.strategy(), true));
            }
        }
        traces = t;
        List<TimedResult> r = new ArrayList<>();
        for (String s : STRATEGIES) {
            for (WorkloadKind k : WORKLOADS) {
                r.add(timed(catalog, s, Workload.of(k, 1 << 20, 300, 1)));
            }
        }
        timed = List.copyOf(r);
    }

    public static synchronized SampleRun get() {
        if (instance == null) {
            instance = new SampleRun();
        }
        return instance;
    }

    public static TimedResult timed(StrategyCatalog catalog, String strategy, Workload w) {
        return new TimedSimulation(w, Geometry.DEFAULT, CostModel.defaults(), strategy, catalog.create(strategy)).run();
    }

    public static String header() {
        return "compare: 3 strategies x 2 scenarios, explorer guided, seed 1, at most 300 schedules per cell";
    }
}
