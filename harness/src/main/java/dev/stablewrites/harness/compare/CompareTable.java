package dev.stablewrites.harness.compare;

import dev.stablewrites.harness.report.CounterexampleReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The comparison as a kernel engineer reads it first: strategies as rows, scenarios as columns,
 * each cell HOLDS (verified or sampled) or FAILS(violation); how many schedules each cell ran; what
 * each HOLDS is worth; then every failure's
 * shrunk counterexample with the command that replays it.
 */
public final class CompareTable {
    private CompareTable() {
    }

    /**
     * @param header        the first line (what ran, with which explorer, seed and budget)
     * @param replayCommand the command line up to the strategy, e.g. {@code java -jar ... replay}
     * @param setOptions    the {@code --set} options to repeat in each replay line, with a leading space, or empty
     */
    public static String render(String header, List<Cell> cells, String replayCommand, String setOptions) {
        Set<String> strategies = new LinkedHashSet<>();
        Set<String> scenarios = new LinkedHashSet<>();
        for (Cell c : cells) {
            strategies.add(c.strategy());
            scenarios.add(c.scenario());
        }
        StringBuilder sb = new StringBuilder(header).append("\n\n");
        grid(sb, strategies, scenarios, cells, VerdictText::brief);
        sb.append("\nschedules run (for a failure: the one that failed first; \"all\": every schedule within the"
                + " bound)\n");
        grid(sb, strategies, scenarios, cells, c -> c.schedulesToFailure() != null
                ? String.valueOf(c.schedulesToFailure())
                : c.schedulesExplored() + (c.verified() ? " all" : ""));
        strengths(sb, cells);
        for (Cell c : cells) {
            if (c.verdict() == Verdict.HOLDS) {
                continue;
            }
            sb.append("\n== ").append(c.strategy()).append(" on ").append(c.scenario()).append(": ").append(c.label());
            if (c.schedulesToFailure() != null) {
                sb.append(", found at schedule ").append(c.schedulesToFailure());
            }
            sb.append('\n');
            if (c.counterexample() == null) {
                sb.append(c.reason()).append('\n');
                continue;
            }
            sb.append(CounterexampleReport.render(c.counterexample(),
                    replayCommand + " --strategy " + c.strategy() + setOptions, false));
        }
        return sb.toString();
    }

    /** What each HOLDS is worth, one line per cell that holds. */
    private static void strengths(StringBuilder sb, List<Cell> cells) {
        if (cells.stream().noneMatch(c -> c.verdict() == Verdict.HOLDS)) {
            return;
        }
        sb.append("\nverdict strength (verified: every schedule of every instance in the scope was run;"
                + " sampled: a bug the sample missed may remain)\n");
        for (Cell c : cells) {
            if (c.verdict() == Verdict.HOLDS) {
                sb.append(c.strategy()).append(" on ").append(c.scenario()).append(": ").append(VerdictText.full(c))
                        .append('\n');
            }
        }
    }

    private static void grid(StringBuilder sb, Set<String> strategies, Set<String> scenarios, List<Cell> cells,
                             Function<Cell, String> text) {
        int first = "strategy".length();
        for (String s : strategies) {
            first = Math.max(first, s.length());
        }
        int width = 5;
        for (String c : scenarios) {
            width = Math.max(width, c.length());
        }
        for (Cell c : cells) {
            width = Math.max(width, text.apply(c).length());
        }
        String fmt = "%-" + first + "s";
        String col = "  %-" + width + "s";
        StringBuilder head = new StringBuilder(String.format(fmt, "strategy"));
        for (String c : scenarios) {
            head.append(String.format(col, c));
        }
        sb.append(head.toString().stripTrailing()).append('\n');
        for (String s : strategies) {
            StringBuilder line = new StringBuilder(String.format(fmt, s));
            for (String sc : scenarios) {
                Cell cell = cells.stream().filter(c -> c.strategy().equals(s) && c.scenario().equals(sc))
                        .findFirst().orElseThrow();
                line.append(String.format(col, text.apply(cell)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
