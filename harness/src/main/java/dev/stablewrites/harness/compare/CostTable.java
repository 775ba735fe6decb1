package dev.stablewrites.harness.compare;

import dev.stablewrites.core.cost.Costs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact §7 counters beside the verdicts: one row per cell, each counter the mean per schedule
 * the cell ran (the bounce-page peak: the highest), so a cell that stopped at its first failure
 * compares with one that ran its whole budget.
 */
public final class CostTable {
    private CostTable() {
    }

    public static String render(List<Cell> cells) {
        List<String> names = new ArrayList<>(new Costs().asMap().keySet());
        List<String> head = new ArrayList<>(List.of("strategy", "scenario", "verdict"));
        head.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (Cell c : cells) {
            List<String> row = new ArrayList<>(List.of(c.strategy(), c.scenario(), c.label()));
            for (String n : names) {
                Double v = c.costs().get(n);
                row.add(v == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", v));
            }
            rows.add(row);
        }
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder("exact costs, per schedule run (docs/model.md section 7)\n");
        for (List<String> r : prepend(head, rows)) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String s = r.get(i);
                String pad = " ".repeat(w[i] - s.length());
                l.append(i == 0 ? "" : "  ").append(i < 3 ? s + pad : pad + s);
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Per strategy, its verdicts in a few words: "HOLDS 5/5", or "FAILS 4/5" with the properties. */
    public static Map<String, String> verdictSummary(List<Cell> cells) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> props = new LinkedHashMap<>();
        for (Cell c : cells) {
            int[] n = counts.computeIfAbsent(c.strategy(), k -> new int[2]);
            n[1]++;
            if (c.verdict() == Verdict.FAILS) {
                n[0]++;
                props.computeIfAbsent(c.strategy(), k -> new java.util.TreeSet<>()).add(String.valueOf(c.violation()));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        counts.forEach((s, n) -> out.put(s, n[0] == 0 ? "HOLDS " + n[1] + "/" + n[1]
                : "FAILS " + n[0] + "/" + n[1] + " " + String.join(",", props.get(s))));
        return out;
    }

    private static List<List<String>> prepend(List<String> head, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        return all;
    }
}
