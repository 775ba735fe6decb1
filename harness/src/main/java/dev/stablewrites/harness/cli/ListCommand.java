package dev.stablewrites.harness.cli;

import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.strategy.StrategyCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: the strategies and scenarios, one line each. */
@Command(name = "list", description = "List strategies, scenarios, explorers, timed workloads, settings and integrity"
        + " profiles.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StrategyCatalog catalog = Lab.catalog(); // before any output: a broken defaults file stops here
        out.println("strategies:");
        for (String id : catalog.ids()) {
            out.printf("  %-20s %s%n", id, describe(catalog, id));
        }
        out.println("scenarios:");
        for (ScenarioKind k : ScenarioKind.values()) {
            out.printf("  %-20s %s%n", k.id(), k.description());
        }
        out.println("explorers (--explorer on explore and compare):");
        ExplorerChoice.EXPLORERS.forEach((id, what) -> out.printf("  %-20s %s%n", id, what));
        out.println("timed workloads (--workloads on compare and timed):");
        for (dev.stablewrites.core.timed.WorkloadKind k : dev.stablewrites.core.timed.WorkloadKind.values()) {
            out.printf("  %-20s %s%n", k.id(), k.description());
        }
        out.println("settings (defaults; override one with --set key=value on compare, explore and replay):");
        catalog.settings().asMap().forEach((key, value) -> out.printf("  %-34s %s%n", key, value));
        out.println("integrity profiles (scenario option integrity=):");
        for (Integrity i : Integrity.values()) {
            out.printf("  %-20s %s%n", i.id(), i.description());
        }
        out.println("fault kinds (scenario option faults=; compare --faults for its matrix with faults):");
        for (dev.stablewrites.core.fault.FaultKind f : dev.stablewrites.core.fault.FaultKind.values()) {
            out.printf("  %-20s %s%n", f.id(), f.description());
        }
        out.println("kernel releases (compare --kernels; a strategy id may compose parts per path, a+b):");
        for (dev.stablewrites.harness.history.KernelEra e : dev.stablewrites.harness.history.KernelEra.all()) {
            out.printf("  %-20s %d: %s%s%s%n", e.id(), e.year(), e.strategy(),
                    e.options().isBlank() ? "" : ", " + e.options(), e.hasExt3() ? "" : ", no ext3");
        }
        return Main.HOLDS;
    }

    /** The strategy's description, or why it cannot be created: one broken module must not hide the rest. */
    private static String describe(StrategyCatalog catalog, String id) {
        try {
            return catalog.create(id).description();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "(unusable: " + e.getMessage() + ")";
        }
    }
}
