package dev.stablewrites.harness.compare;

import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.harness.report.CounterexampleReport;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The comparison as the JSON of docs/model.md §9: one object with a {@code results} array, one element per
 * cell; {@code costs} are the §7 counters per schedule run (null when none ran). A counterexample carries, besides its {@code schedule} and {@code steps}, the shrunk
 * {@code scenario} the schedule belongs to and the {@code replay} command, without which it could
 * not be run again. Keys keep one order, so the same comparison prints the same bytes.
 */
public final class CompareJson {
    private CompareJson() {
    }

    public static String render(List<Cell> cells, String replayCommand, String setOptions) {
        return render(cells, null, 0, 0, List.of(), replayCommand, setOptions);
    }

    /**
     * The object with a second key, {@code withFaults}, when a matrix with faults ran: its fault kind,
     * seed, budget and {@code results} (the same elements; each scenario carries its {@code faults=}).
     *
     * @param faults the fault kind's id, or null when no matrix with faults ran (the key is left out)
     */
    public static String render(List<Cell> cells, String faults, long faultSeed, int faultBudget,
                                List<Cell> faultCells, String replayCommand, String setOptions) {
        StringBuilder sb = new StringBuilder("{\n  \"results\": ");
        results(sb, cells, replayCommand, setOptions);
        if (faults != null) {
            sb.append(",\n  \"withFaults\": {\"faults\": ").append(str(faults)).append(", \"property\": ")
                    .append(str("NO_SILENT_CORRUPTION")).append(", \"seed\": ").append(faultSeed)
                    .append(", \"budget\": ").append(faultBudget).append(",\n  \"results\": ");
            results(sb, faultCells, replayCommand, setOptions);
            sb.append('}');
        }
        return sb.append("\n}\n").toString();
    }

    private static void results(StringBuilder sb, List<Cell> cells, String replayCommand, String setOptions) {
        sb.append('[');
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            cell(sb, cells.get(i), replayCommand, setOptions);
        }
        sb.append(cells.isEmpty() ? "]" : "\n  ]");
    }

    private static void cell(StringBuilder sb, Cell c, String replayCommand, String setOptions) {
        sb.append("    {\"strategy\": ").append(str(c.strategy()))
                .append(", \"scenario\": ").append(str(c.scenario()))
                .append(", \"verdict\": ").append(str(c.verdict().name()))
                .append(", \"violation\": ").append(c.violation() == null ? "null" : str(c.violation().name()))
                .append(", \"schedulesExplored\": ").append(c.schedulesExplored())
                .append(", \"schedulesToFailure\": ")
                .append(c.schedulesToFailure() == null ? "null" : c.schedulesToFailure())
                .append(",\n     \"counterexample\": ");
        if (c.counterexample() == null) {
            sb.append("null");
        } else {
            sb.append("{\"scenario\": ").append(str(c.counterexample().scenario().toString()))
                    .append(", \"schedule\": ").append(str(c.counterexample().schedule().encode()))
                    .append(", \"replay\": ").append(str(CounterexampleReport.replayLine(c.counterexample(),
                            replayCommand + " --strategy " + c.strategy() + setOptions)))
                    .append(",\n       \"steps\": [");
            List<TraceEvent> steps = c.counterexample().run().trace();
            for (int i = 0; i < steps.size(); i++) {
                TraceEvent e = steps.get(i);
                sb.append(i == 0 ? "" : ", ").append("{\"actor\": ").append(str(String.valueOf(e.actor())))
                        .append(", \"op\": ").append(str(e.function())).append('}');
            }
            sb.append("]}");
        }
        sb.append(",\n     \"costs\": {");
        Iterator<Map.Entry<String, Double>> it = c.costs().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Double> e = it.next();
            sb.append(str(e.getKey())).append(": ").append(number(e.getValue())).append(it.hasNext() ? ", " : "");
        }
        sb.append("},\n     ");
        strength(sb, c);
        sb.append("}");
    }

    /**
     * What a HOLDS is worth: {@code strength} ("verified" or "sampled", null unless it holds),
     * {@code strengthText} (the words every output prints), and for a verified one its
     * {@code scope}, preemption {@code bound} (null: none) and, from a state-caching search, the
     * distinct {@code states} it went through (null otherwise).
     */
    private static void strength(StringBuilder sb, Cell c) {
        String kind = VerdictText.kind(c);
        sb.append("\"strength\": ").append(kind == null ? "null" : str(kind))
                .append(", \"strengthText\": ").append(kind == null ? "null" : str(VerdictText.full(c)))
                .append(", \"scope\": ").append(kind == null || c.strength().scope() == null ? "null"
                        : str(c.strength().scope()))
                .append(", \"bound\": ").append(kind == null || c.strength().bound() == null ? "null"
                        : String.valueOf(c.strength().bound()))
                .append(", \"states\": ").append(kind == null || c.strength().states() == 0 ? "null"
                        : String.valueOf(c.strength().states()));
    }

    /** A counter as JSON: null, or a number with up to two decimals, the same bytes on every machine. */
    static String number(Double v) {
        if (v == null) {
            return "null";
        }
        String s = new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
        return s;
    }

    /** A JSON string literal (RFC 8259 escapes). */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
