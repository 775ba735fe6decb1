package dev.stablewrites.harness.history;

import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.harness.compare.Cell;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the history: a verdict table per geometry, each era's costs, and what each era fixed. */
public final class HistoryTable {
    private HistoryTable() {
    }

    /** The text tables, as {@code compare --kernels} prints them. */
    public static String render(String header, Map<History.Geometry, List<History.Row>> rows) {
        StringBuilder sb = new StringBuilder(header).append("\n");
        for (Map.Entry<History.Geometry, List<History.Row>> e : rows.entrySet()) {
            sb.append("\n").append(e.getKey().title()).append("\n");
            sb.append(String.format("%-8s %-36s", "kernel", "strategies"));
            for (ScenarioKind k : ScenarioKind.values()) {
                sb.append(String.format(" %-22s", k.id()));
            }
            sb.append("\n");
            for (History.Row r : e.getValue()) {
                sb.append(String.format("%-8s %-36s", r.era().id(), r.era().strategy()));
                for (Cell c : r.cells()) {
                    sb.append(String.format(" %-22s", c == null ? "- (no ext3)" : c.label()));
                }
                sb.append("\n");
            }
        }
        List<History.Row> first = rows.values().iterator().next();
        sb.append("\neach era's costs on ").append(rows.keySet().iterator().next().title())
                .append(", per schedule run, averaged over its scenarios\n");
        List<String> counters = List.of("bytesCopied", "bytesChecksummed", "writerStallSteps", "tlbFlushes", "steps");
        sb.append(String.format("%-8s", "kernel"));
        counters.forEach(n -> sb.append(String.format(" %18s", n)));
        sb.append("\n");
        for (History.Row r : first) {
            sb.append(String.format("%-8s", r.era().id()));
            for (String n : counters) {
                double sum = 0;
                int count = 0;
                for (Cell c : r.cells()) {
                    if (c != null && c.costs() != null && c.costs().get(n) != null) {
                        sum += c.costs().get(n);
                        count++;
                    }
                }
                sb.append(String.format(Locale.ROOT, " %18s", count == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f",
                        sum / count)));
            }
            sb.append("\n");
        }
        sb.append("\nwhat each release fixed, and what it left open\n");
        for (History.Row r : first) {
            KernelEra era = r.era();
            sb.append(String.format("%-8s (%d) fixed: %s; open: %s%n         from: %s%n", era.id(), era.year(),
                    era.fixed(), era.open(), era.sources()));
        }
        return sb.toString();
    }

    /**
     * The history as one JSON object: {@code kernels}, each release's definition, and {@code results},
     * one element per cell ({@code verdict} {@code ABSENT} where the release had no ext3).
     */
    public static String json(Map<History.Geometry, List<History.Row>> rows) {
        StringBuilder sb = new StringBuilder("{\n  \"kernels\": [");
        String sep = "\n";
        for (History.Row r : rows.values().iterator().next()) {
            KernelEra e = r.era();
            sb.append(sep).append("    {\"kernel\": ").append(str(e.id())).append(", \"year\": ").append(e.year())
                    .append(", \"strategies\": ").append(str(e.strategy())).append(", \"options\": ")
                    .append(str(e.options())).append(", \"raid1Options\": ").append(str(e.raid1Options()))
                    .append(", \"hasExt3\": ").append(e.hasExt3()).append(", \"fixed\": ").append(str(e.fixed()))
                    .append(", \"open\": ").append(str(e.open())).append(", \"sources\": ").append(str(e.sources()))
                    .append('}');
            sep = ",\n";
        }
        sb.append("\n  ],\n  \"results\": [");
        sep = "\n";
        for (Map.Entry<History.Geometry, List<History.Row>> g : rows.entrySet()) {
            for (History.Row r : g.getValue()) {
                for (int i = 0; i < r.cells().size(); i++) {
                    Cell c = r.cells().get(i);
                    sb.append(sep).append("    {\"kernel\": ").append(str(r.era().id())).append(", \"geometry\": ")
                            .append(str(g.getKey().options().isEmpty() ? "t10-dif-type1" : g.getKey().options()))
                            .append(", \"scenario\": ").append(str(ScenarioKind.values()[i].id()))
                            .append(", \"verdict\": ").append(str(c == null ? "ABSENT" : c.verdict().name()))
                            .append(", \"violation\": ").append(c == null || c.violation() == null ? "null"
                                    : str(c.violation().name()))
                            .append(", \"schedulesExplored\": ").append(c == null ? "null" : c.schedulesExplored())
                            .append('}');
                    sep = ",\n";
                }
            }
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String str(String s) {
        return dev.stablewrites.harness.compare.CompareJson.str(s);
    }

    /** One CSV row per cell: kernel, geometry, scenario, strategy, verdict, violation, schedules. */
    public static String csv(Map<History.Geometry, List<History.Row>> rows) {
        StringBuilder sb = new StringBuilder("kernel,geometry,scenario,strategies,verdict,violation,schedulesExplored\r\n");
        for (Map.Entry<History.Geometry, List<History.Row>> e : rows.entrySet()) {
            for (History.Row r : e.getValue()) {
                for (int i = 0; i < r.cells().size(); i++) {
                    Cell c = r.cells().get(i);
                    sb.append(r.era().id()).append(',').append(e.getKey().options().isEmpty() ? "t10-dif-type1"
                                    : e.getKey().options()).append(',').append(ScenarioKind.values()[i].id()).append(',')
                            .append(r.era().strategy()).append(',')
                            .append(c == null ? "ABSENT" : c.verdict()).append(',')
                            .append(c == null || c.violation() == null ? "" : c.violation()).append(',')
                            .append(c == null ? "" : String.valueOf(c.schedulesExplored())).append("\r\n");
                }
            }
        }
        return sb.toString();
    }
}
