package dev.stablewrites.harness.report.html;

import static dev.stablewrites.harness.report.html.Html.esc;
import static dev.stablewrites.harness.report.html.Html.fixed;
import static dev.stablewrites.harness.report.html.Html.sig;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.compare.Verdict;
import dev.stablewrites.harness.compare.VerdictText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The comparison as one self-contained HTML page (docs/model.md §9, {@code compare --format html}): the
 * verdict matrix, each failure's shrunk trace, the exact §7 costs per cell, the timed results next
 * to each strategy's adversarial verdict, and charts of the timed results drawn by Apache ECharts.
 * Nothing is fetched when the page is opened: the chart library is inlined from its webjar and the
 * chart options are inline JSON. Every name and trace is HTML-escaped, and the page carries no clock
 * or host, so the same input gives the same bytes.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param header    one line describing the run
     * @param cells     the adversarial results, strategies outer and scenarios inner
     * @param traces    each failing cell's shrunk trace, already rendered as text, keyed by
     *                  {@code strategy + " on " + scenario}; a failing cell may have none
     * @param timed     the timed results, one per strategy × workload (may be empty)
     * @param costModel the timed mode's cost model in one line
     */
    public static String render(String header, List<Cell> cells, Map<String, String> traces, List<TimedResult> timed,
                                String costModel) {
        return render(header, cells, traces, null, List.of(), Map.of(), timed, costModel, null);
    }

    /** The page, with {@code generic761} (the second reality check's text, or null) after the timed tables. */
    public static String render(String header, List<Cell> cells, Map<String, String> traces, List<TimedResult> timed,
                                String costModel, String generic761) {
        return render(header, cells, traces, null, List.of(), Map.of(), timed, costModel, generic761);
    }

    /**
     * The page with the second matrix, "with faults": the same cells run with a faulty component
     * ({@code faults=}), judged by {@code NO_SILENT_CORRUPTION} alone, with their counterexamples.
     *
     * @param faultsHeader one line describing the faulty run, or null when there was none
     * @param faultCells   its cells, scenarios named by kind as in the first matrix
     * @param faultTraces  its failing cells' traces, keyed as {@code traces}
     * @param generic761   the second reality check's text, or null
     */
    public static String render(String header, List<Cell> cells, Map<String, String> traces, String faultsHeader,
                                List<Cell> faultCells, Map<String, String> faultTraces, List<TimedResult> timed,
                                String costModel, String generic761) {
        StringBuilder sb = new StringBuilder(1 << 21);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Stable page writes: comparison</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>Stable page writes: comparison</h1>\n<p class=\"run\">")
                .append(esc(header)).append("</p>\n<nav><a href=\"#verdicts\">Verdicts</a> \u00b7 ")
                .append("<a href=\"#counterexamples\">Counterexamples</a> \u00b7 <a href=\"#costs\">Exact costs</a>")
                .append(faultsHeader == null ? "" : " \u00b7 <a href=\"#faults\">With faults</a>")
                .append(" \u00b7 <a href=\"#timed\">Timed results</a> \u00b7 <a href=\"#charts\">Charts</a></nav>\n");
        List<String> anchors = anchors(cells, "fail-");
        verdicts(sb, cells, anchors, "verdicts", "Verdict matrix", "");
        counterexamples(sb, cells, traces, anchors, "counterexamples", "Counterexamples");
        if (faultsHeader != null) {
            List<String> faultAnchors = anchors(faultCells, "fault-fail-");
            verdicts(sb, faultCells, faultAnchors, "faults", "With faults",
                    "<p class=\"run\">" + esc(faultsHeader) + "</p>\n<p>What each fix still catches: the same cells with a"
                            + " faulty component, judged by NO_SILENT_CORRUPTION alone (bytes no writer wrote that a"
                            + " read returns without an error, from a write reported successful).</p>\n");
            counterexamples(sb, faultCells, faultTraces, faultAnchors, "fault-counterexamples",
                    "Counterexamples with faults");
        }
        costs(sb, cells);
        Map<String, Object> options = new LinkedHashMap<>();
        timedTable(sb, cells, timed, costModel);
        if (generic761 != null) {
            sb.append("<section>\n<h3>Reality check: fstests generic/761</h3>\n<pre class=\"reality\">")
                    .append(esc(generic761)).append("</pre>\n</section>\n");
        }
        charts(sb, timed, options);
        sb.append("<script>\n").append(Echarts.script()).append("\n</script>\n")
                .append("<script type=\"application/json\" id=\"chart-options\">").append(Json.write(options))
                .append("</script>\n<script>\n").append(INIT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** {@code can fail: FAILS on 4 of 5 scenarios}, or what else {@code strategy}'s cells say. */
    static String verdictSummary(String strategy, List<Cell> cells) {
        int n = 0;
        int fails = 0;
        int holds = 0;
        for (Cell c : cells) {
            if (c.strategy().equals(strategy)) {
                n++;
                fails += c.verdict() == Verdict.FAILS ? 1 : 0;
                holds += c.verdict() == Verdict.HOLDS ? 1 : 0;
            }
        }
        int skipped = n - fails - holds;
        String more = skipped == 0 || skipped == n ? "" : ", " + skipped + " skipped";
        if (n == 0) {
            return "not explored";
        } else if (fails > 0) {
            return "can fail: FAILS on " + fails + " of " + n + " scenario" + (n == 1 ? "" : "s") + more;
        } else if (holds > 0) {
            return "held: HOLDS on " + holds + " of " + n + " scenario" + (n == 1 ? "" : "s") + more;
        }
        return "no verdict: SKIPPED on " + n + " scenario" + (n == 1 ? "" : "s");
    }

    /** Each cell's anchor in the counterexamples section, by its index in cells; null unless it failed. */
    private static List<String> anchors(List<Cell> cells, String prefix) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Cell c : cells) {
            out.add(c.verdict() == Verdict.FAILS ? prefix + ++n : null);
        }
        return out;
    }

    private static void verdicts(StringBuilder sb, List<Cell> cells, List<String> anchors, String id, String title,
                                 String intro) {
        Set<String> strategies = new LinkedHashSet<>();
        Set<String> scenarios = new LinkedHashSet<>();
        for (Cell c : cells) {
            strategies.add(c.strategy());
            scenarios.add(c.scenario());
        }
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n").append(intro)
                .append("<p>Strategies as rows, scenarios as columns."
                + " <span class=\"v HOLDS\">HOLDS</span>: no property failed in the schedules explored;")
                .append(" <em>verified</em>: every schedule of every instance in the stated scope, within the stated")
                .append(" bound, was run; <em>sampled</em>: a bug the sample missed may remain; <span class=\"v FAILS\">FAILS(PROP)</span>:")
                .append(" a counterexample violates PROP (follow the link for its trace); <span class=\"v SKIPPED\">")
                .append("SKIPPED</span>: no verdict (hover for why).</p>\n");
        if (cells.isEmpty()) {
            sb.append("<p>No cells were explored.</p>\n</section>\n");
            return;
        }
        sb.append("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>strategy</th>");
        scenarios.forEach(s -> sb.append("<th>").append(esc(s)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (String s : strategies) {
            sb.append("<tr><th>").append(esc(s)).append("</th>");
            for (String sc : scenarios) {
                int at = find(cells, s, sc);
                if (at < 0) {
                    sb.append("<td></td>");
                    continue;
                }
                Cell c = cells.get(at);
                sb.append("<td class=\"v ").append(c.verdict().name()).append("\" title=\"")
                        .append(esc(c.verdict() == Verdict.HOLDS ? VerdictText.full(c) + ". " + c.reason() : c.reason()))
                        .append("\">");
                String anchor = anchors.get(at);
                if (anchor != null) {
                    sb.append("<a href=\"#").append(anchor).append("\">").append(esc(VerdictText.brief(c))).append("</a>");
                } else {
                    sb.append(esc(VerdictText.brief(c)));
                }
                sb.append("<span class=\"n\">").append(schedules(c)).append("</span></td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static String schedules(Cell c) {
        if (c.verdict() == Verdict.SKIPPED) {
            return "";
        }
        if (c.schedulesToFailure() != null) {
            return "found at schedule " + c.schedulesToFailure();
        }
        if (c.verdict() == Verdict.HOLDS && c.strength() != null) {
            return c.strength().text();
        }
        return c.schedulesExplored() + (c.verified() ? " schedules, all" : " schedules");
    }

    private static int find(List<Cell> cells, String strategy, String scenario) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).strategy().equals(strategy) && cells.get(i).scenario().equals(scenario)) {
                return i;
            }
        }
        return -1;
    }

    private static void counterexamples(StringBuilder sb, List<Cell> cells, Map<String, String> traces,
                                        List<String> anchors, String id, String title) {
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        if (anchors.stream().allMatch(a -> a == null)) {
            sb.append("<p>No property failed.</p>\n</section>\n");
            return;
        }
        sb.append("<p>Each failure's shrunk counterexample: the race as swimlanes, then the numbered trace (actor,"
                + " kernel function, page state) and the command that replays it.</p>\n");
        for (int i = 0; i < cells.size(); i++) {
            if (anchors.get(i) == null) {
                continue;
            }
            Cell c = cells.get(i);
            String key = c.strategy() + " on " + c.scenario();
            sb.append("<h3 id=\"").append(anchors.get(i)).append("\">").append(esc(key)).append(": <span class=\"v FAILS\">")
                    .append(esc(c.label())).append("</span>")
                    .append(c.schedulesToFailure() == null ? "" : ", found at schedule " + c.schedulesToFailure())
                    .append("</h3>\n<p>").append(esc(c.reason())).append("</p>\n");
            if (c.counterexample() != null) {
                sb.append(race(c.counterexample().run()));
            }
            String trace = traces == null ? null : traces.get(key);
            if (trace == null) {
                sb.append("<p class=\"none\">No trace: the failure has no shrunk counterexample.</p>\n");
            } else {
                sb.append("<pre class=\"trace\">").append(esc(trace.stripTrailing())).append("</pre>\n");
            }
        }
        sb.append("</section>\n");
    }

    /** The counterexample as swimlanes, in a box that scrolls sideways, with how to read it. */
    static String race(dev.stablewrites.core.sim.RunResult run) {
        return "<figure class=\"race\"><div class=\"scroll lanes\">" + Swimlanes.svg(run) + "</div><figcaption>One lane"
                + " per actor, time to the right, each box a step named by its kernel function; shaded: the DMA window"
                + " from submit_bio to bio_endio; outlined red: a store that lands inside it; filled red: the step"
                + " where the property failed. The bottom lane is the page after each step; hover a box for its"
                + " detail.</figcaption></figure>\n";
    }

    private static void costs(StringBuilder sb, List<Cell> cells) {
        List<String> names = new ArrayList<>(new Costs().asMap().keySet());
        sb.append("<section id=\"costs\">\n<h2>Exact costs per schedule</h2>\n<p>The \u00a77 counters of each cell,"
                + " the mean per schedule run (bouncePagesPeak: the highest); \u2013 where no schedule ran.</p>\n");
        if (cells.isEmpty()) {
            sb.append("<p>No cells were explored.</p>\n</section>\n");
            return;
        }
        sb.append("<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th>strategy</th><th>scenario</th><th>verdict</th>"
                + "<th>schedules</th>");
        names.forEach(n -> sb.append("<th>").append(esc(n)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (Cell c : cells) {
            sb.append("<tr><th>").append(esc(c.strategy())).append("</th><td class=\"t\">").append(esc(c.scenario()))
                    .append("</td><td class=\"t v ").append(c.verdict().name()).append("\">").append(esc(c.label()))
                    .append("</td><td>").append(c.schedulesExplored()).append("</td>");
            for (String n : names) {
                sb.append("<td>").append(fixed(c.costs().get(n), 2)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void timedTable(StringBuilder sb, List<Cell> cells, List<TimedResult> timed, String costModel) {
        sb.append("<section id=\"timed\">\n<h2>Timed results</h2>\n<p>Realistic workloads as a discrete-event"
                + " simulation; times are simulated. Cost model: <code>").append(esc(costModel)).append("</code></p>\n");
        if (timed.isEmpty()) {
            sb.append("<p>No timed runs in this report.</p>\n</section>\n");
            return;
        }
        Set<String> categories = new LinkedHashSet<>();
        timed.forEach(r -> categories.addAll(r.cpuNs().keySet()));
        sb.append("<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th rowspan=\"2\">strategy</th>")
                .append("<th rowspan=\"2\">adversarial verdict</th><th rowspan=\"2\">workload</th>")
                .append("<th rowspan=\"2\">outcome</th><th rowspan=\"2\">makespan (ms)</th>")
                .append("<th rowspan=\"2\">writes/s</th><th rowspan=\"2\">MB/s</th>")
                .append("<th colspan=\"3\">write latency</th><th colspan=\"3\">writer stall</th>")
                .append("<th colspan=\"").append(categories.size() + 1).append("\">CPU time by category (ms)</th>")
                .append("<th rowspan=\"2\">peak extra memory (KiB)</th><th rowspan=\"2\">I/O amplification (\u00d7)</th>")
                .append("<th rowspan=\"2\">protection errors</th><th rowspan=\"2\">false EIOs</th>")
                .append("<th rowspan=\"2\">lost pages</th></tr>\n<tr>")
                .append("<th>p50</th><th>p99</th><th>max</th><th>p50</th><th>p99</th><th>max</th>");
        categories.forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
        sb.append("<th>total</th></tr></thead>\n<tbody>\n");
        List<TimedResult> violated = new ArrayList<>();
        for (TimedResult r : timed) {
            String summary = verdictSummary(r.strategy(), cells);
            String cls = summary.startsWith("can fail") ? "FAILS" : summary.startsWith("held") ? "HOLDS" : "SKIPPED";
            boolean completed = r.outcome().equals("completed");
            sb.append("<tr><th>").append(esc(r.strategy())).append("</th><td class=\"t v ").append(cls).append("\">")
                    .append(esc(summary)).append("</td><td class=\"t\" title=\"").append(esc(r.workload().toString()))
                    .append("\">").append(esc(r.workload().kind().id())).append("</td><td class=\"t")
                    .append(completed ? "" : " bad").append("\">").append(esc(r.outcome())).append("</td>")
                    .append(td(sig(r.makespanNs() / 1e6, 4))).append(td(sig(r.writesPerSecond(), 4)))
                    .append(td(sig(r.mbPerSecond(), 4)));
            percentiles(sb, r.writeLatency());
            percentiles(sb, r.writeStall());
            for (String c : categories) {
                Double ns = r.cpuNs().get(c);
                sb.append(td(ns == null ? "\u2013" : sig(ns / 1e6, 4)));
            }
            sb.append(td(sig(r.cpuTotalNs() / 1e6, 4))).append(td(sig(r.peakExtraMemory() / 1024.0, 4)))
                    .append(td(fixed(r.ioAmplification(), 3))).append(count(r.protectionErrors()))
                    .append(count(r.falseEios())).append(count(r.lostPages())).append("</tr>\n");
            if (r.firstViolation() != null) {
                violated.add(r);
            }
        }
        sb.append("</tbody>\n</table></div>\n");
        if (!violated.isEmpty()) {
            sb.append("<h3>First property violated in a timed run</h3>\n<ul class=\"violations\">\n");
            for (TimedResult r : violated) {
                sb.append("<li><b>").append(esc(r.strategy())).append("</b> on ").append(esc(r.workload().kind().id()))
                        .append(": ").append(esc(r.firstViolation())).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        String check = dev.stablewrites.harness.timed.TimedTable.realityCheck(timed);
        if (check != null) {
            sb.append("<h3>Reality check</h3>\n<pre class=\"reality\">").append(esc(check)).append("</pre>\n");
        }
        sb.append("</section>\n");
    }

    private static void percentiles(StringBuilder sb, Histogram h) {
        if (h.getTotalCount() == 0) {
            sb.append(td("\u2013")).append(td("\u2013")).append(td("\u2013"));
            return;
        }
        sb.append(latency(h.getValueAtPercentile(50))).append(latency(h.getValueAtPercentile(99)))
                .append(latency(h.getMaxValue()));
    }

    /** A latency cell in the unit the text table would use (ns, \u00b5s, ms, s), exact nanoseconds on hover. */
    private static String latency(long ns) {
        return "<td title=\"" + ns + " ns\">" + Html.duration(ns) + "</td>";
    }

    private static String td(String text) {
        return "<td>" + text + "</td>";
    }

    /** A count of bad events; negative means not measured here (lost pages under O_DIRECT). */
    private static String count(long n) {
        if (n < 0) {
            return "<td>n/a</td>";
        }
        return n == 0 ? "<td>0</td>" : "<td class=\"bad\">" + n + "</td>";
    }

    private static void charts(StringBuilder sb, List<TimedResult> timed, Map<String, Object> options) {
        sb.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if (timed.isEmpty()) {
            sb.append("<p>No timed runs in this report.</p>\n</section>\n");
            return;
        }
        sb.append("<p>Per workload: the write latency and writer stall distributions as percentile curves (log-scale"
                + " \u00b5s; a zero, such as a write that never slept, is not drawn), CPU time by category and peak"
                + " extra memory. Each strategy keeps one colour.</p>\n");
        Map<String, String> colours = Charts.colours(timed);
        int i = 0;
        for (Map.Entry<Workload, List<TimedResult>> e : Charts.byWorkload(timed).entrySet()) {
            i++;
            Workload w = e.getKey();
            List<TimedResult> rs = e.getValue();
            String id = w.kind().id();
            String key = "w" + i + "-";
            sb.append("<h3>").append(esc(w.toString())).append("</h3>\n<div class=\"charts\">\n");
            chart(sb, options, key + "latency", Charts.percentileCurves("write latency: " + id,
                    "per write operation, by percentile", rs, TimedResult::writeLatency, colours,
                    "no writes: no run completed one"));
            chart(sb, options, key + "stall", Charts.percentileCurves("writer stall: " + id,
                    "time a write slept on writeback or a page lock, by percentile", rs, TimedResult::writeStall, colours,
                    "no stalls: no write slept on writeback or a page lock"));
            chart(sb, options, key + "cpu", Charts.cpuByCategory("CPU time by category: " + id, rs));
            chart(sb, options, key + "memory", Charts.peakMemory("peak extra memory: " + id, rs, colours));
            sb.append("</div>\n");
        }
        sb.append("</section>\n");
    }

    private static void chart(StringBuilder sb, Map<String, Object> options, String key, Map<String, Object> option) {
        options.put(key, option);
        sb.append("<div class=\"chart\" id=\"chart-").append(key).append("\" data-chart=\"").append(key)
                .append("\"></div>\n");
    }

    static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.5em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
            h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
            p.run { font-family: ui-monospace, monospace; color: #444; }
            nav a { color: #1f5fa8; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
            thead th { background: #f2f2f2; }
            tbody th { text-align: left; font-weight: 600; background: #fafafa; }
            table.num td { text-align: right; font-variant-numeric: tabular-nums; }
            table.num td.t { text-align: left; }
            td.v { font-weight: 600; }
            .v.HOLDS { background: #d9f2d9; color: #1d5e1d; }
            .v.FAILS { background: #f8d4d4; color: #8a1c1c; }
            .v.SKIPPED { background: #e6e6e6; color: #555; }
            span.v { padding: 0 0.3em; border-radius: 3px; }
            table.matrix td a { color: inherit; }
            td .n { display: block; font-weight: normal; font-size: 0.8em; color: #666; }
            td.bad { color: #8a1c1c; font-weight: 600; }
            pre.trace { background: #f7f7f7; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto;
                        font-size: 0.85em; line-height: 1.35; }
            p.none { color: #666; font-style: italic; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(620px, 100%), 1fr)); gap: 1em; }
            .scroll { overflow-x: auto; max-width: 100%; }
            .scroll > table { margin: 0; }
            tbody th, td.t { white-space: nowrap; }
            figure.race { margin: 0.6em 0; }
            figure.race figcaption { font-size: 0.85em; color: #555; margin-top: 0.3em; }
            .scroll.lanes { border: 1px solid #ddd; background: #fff; }
            .chart { height: 420px; border: 1px solid #e4e4e4; padding: 0.4em; }
            """;

    /** Draws every chart from the inline options, as SVG, and redraws on resize. */
    private static final String INIT = """
            (function () {
              var options = JSON.parse(document.getElementById('chart-options').textContent);
              var charts = [];
              document.querySelectorAll('div.chart').forEach(function (el) {
                var chart = echarts.init(el, null, {renderer: 'svg'});
                chart.setOption(options[el.getAttribute('data-chart')]);
                charts.push(chart);
              });
              window.addEventListener('resize', function () {
                charts.forEach(function (c) { c.resize(); });
              });
            })();
            """;
}
