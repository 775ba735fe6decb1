package dev.stablewrites.harness.compare;

import dev.stablewrites.core.cost.Costs;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison as CSV (RFC 4180), one row per cell, for a spreadsheet: the verdict columns of
 * the JSON, the shrunk counterexample's scenario and schedule, every §7 counter per schedule run, then
 * what a HOLDS is worth (strength: verified or sampled, and its words).
 */
public final class CompareCsv {
    private CompareCsv() {
    }

    public static String render(List<Cell> cells) {
        return render(cells, List.of());
    }

    /**
     * The cells, then the cells of the matrix with faults: the same columns, their scenario carrying
     * its {@code faults=} option, so a row says which matrix it belongs to.
     */
    public static String render(List<Cell> cells, List<Cell> faultCells) {
        List<String> costNames = new ArrayList<>(new Costs().asMap().keySet());
        StringBuilder sb = new StringBuilder(
                "strategy,scenario,verdict,violation,schedulesExplored,schedulesToFailure,counterexampleScenario,"
                        + "counterexampleSchedule");
        costNames.forEach(n -> sb.append(',').append(n));
        sb.append(",strength,strengthText");
        sb.append("\r\n");
        List<Cell> all = new ArrayList<>(cells);
        all.addAll(faultCells);
        for (Cell c : all) {
            sb.append(field(c.strategy())).append(',').append(field(c.scenario())).append(',')
                    .append(c.verdict()).append(',')
                    .append(c.violation() == null ? "" : c.violation().name()).append(',')
                    .append(c.schedulesExplored()).append(',')
                    .append(c.schedulesToFailure() == null ? "" : c.schedulesToFailure()).append(',')
                    .append(c.counterexample() == null ? "" : field(c.counterexample().scenario().toString()))
                    .append(',')
                    .append(c.counterexample() == null ? "" : c.counterexample().schedule().encode());
            for (String n : costNames) {
                Double v = c.costs().get(n);
                sb.append(',').append(v == null ? "" : CompareJson.number(v));
            }
            String kind = VerdictText.kind(c);
            sb.append(',').append(kind == null ? "" : kind).append(',')
                    .append(kind == null ? "" : field(VerdictText.full(c)));
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** A field, quoted when it holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
