package dev.stablewrites.harness.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.timed.CostModel;
import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.compare.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guards the HTML report's promises: every section and every cell is on the page, it is one file
 * that fetches nothing (the chart library inlined, no http(s) script, style, font or image), each
 * workload has its chart options, text from the model cannot inject markup, and the same input gives
 * the same bytes.
 */
class HtmlReportTest {
    private static final SampleRun RUN = SampleRun.get();
    private static final String COST_MODEL = CostModel.defaults().summary();

    private static String page() {
        return HtmlReport.render(SampleRun.header(), RUN.cells, RUN.traces, RUN.timed, COST_MODEL);
    }

    @Test
    void thePage_hasEverySection_andEveryStrategyAndScenario() {
        String html = page();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.endsWith("</html>\n"));
        for (String id : List.of("verdicts", "counterexamples", "costs", "timed", "charts")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertTrue(html.contains("<h2>Verdict matrix</h2>"));
        assertTrue(html.contains("<h2>Exact costs per schedule</h2>"));
        assertTrue(html.contains("<h2>Timed results</h2>"));
        assertTrue(html.contains(Html.esc(SampleRun.header())));
        assertTrue(html.contains(Html.esc(COST_MODEL)));
        for (String s : SampleRun.STRATEGIES) {
            assertTrue(html.contains("<tr><th>" + s + "</th>"), s);
        }
        for (String c : SampleRun.SCENARIOS) {
            assertTrue(html.contains("<th>" + c + "</th>"), c);
        }
        for (Cell c : RUN.cells) {
            assertTrue(html.contains("class=\"v " + c.verdict().name() + "\""), c.label());
            assertTrue(html.contains(Html.esc(c.label())), c.label());
        }
        for (String counter : new dev.stablewrites.core.cost.Costs().asMap().keySet()) {
            assertTrue(html.contains("<th>" + counter + "</th>"), counter);
        }
        for (String column : List.of("makespan (ms)", "writes/s", "MB/s", "write latency",
                "writer stall", "CPU time by category (ms)", "peak extra memory (KiB)",
                "I/O amplification (\u00d7)", "protection errors", "false EIOs", "lost pages")) {
            assertTrue(html.contains(Html.esc(column)), column);
        }
    }

    @Test
    void everyFailure_hasItsTrace_linkedFromTheMatrix() {
        String html = page();
        long fails = RUN.cells.stream().filter(c -> c.verdict() == Verdict.FAILS).count();
        assertTrue(fails >= 2, "the sample should fail somewhere: " + RUN.cells);
        assertEquals(fails, RUN.traces.size(), "every sample failure shrinks");
        for (int i = 1; i <= fails; i++) {
            assertTrue(html.contains("<a href=\"#fail-" + i + "\">"), "link " + i);
            assertTrue(html.contains("<h3 id=\"fail-" + i + "\">"), "anchor " + i);
        }
        for (String trace : RUN.traces.values()) {
            assertTrue(html.contains(Html.esc(trace.stripTrailing())), trace);
        }
        assertEquals(fails, count(html, "<pre class=\"trace\">"));
        assertEquals(fails, count(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swimlanes\""),
                "each counterexample drawn as swimlanes");
        assertEquals(fails, count(html, "<g class=\"dma-window\""), "each with its DMA window");
    }

    @Test
    void eachTimedRow_standsNextToItsStrategysAdversarialVerdict() {
        String html = page();
        assertTrue(html.contains("can fail: FAILS on 2 of 2 scenarios"), "none fails on both");
        assertTrue(html.contains("held: HOLDS on 2 of 2 scenarios"), "bounce holds on both");
        String timed = html.substring(html.indexOf("<section id=\"timed\">"), html.indexOf("<section id=\"charts\">"));
        for (String s : SampleRun.STRATEGIES) {
            String row = "<tr><th>" + s + "</th><td class=\"t v ";
            assertEquals(SampleRun.WORKLOADS.size(), count(timed, row), row);
        }
        assertEquals(RUN.timed.size(), count(timed, "</td></tr>\n"), "one row per strategy x workload");
    }

    @Test
    void verdictSummary_countsFailsHoldsAndSkips() {
        List<Cell> cells = List.of(cell("a", "x", Verdict.FAILS), cell("a", "y", Verdict.HOLDS),
                cell("a", "z", Verdict.SKIPPED), cell("b", "x", Verdict.HOLDS), cell("c", "x", Verdict.SKIPPED));
        assertEquals("can fail: FAILS on 1 of 3 scenarios, 1 skipped", HtmlReport.verdictSummary("a", cells));
        assertEquals("held: HOLDS on 1 of 1 scenario", HtmlReport.verdictSummary("b", cells));
        assertEquals("no verdict: SKIPPED on 1 scenario", HtmlReport.verdictSummary("c", cells));
        assertEquals("not explored", HtmlReport.verdictSummary("d", cells));
    }

    @Test
    void thePage_fetchesNothing_theChartLibraryIsInlined() {
        String html = page();
        String ours = html.replace(Echarts.script(), ""); // its own strings build SVG and tooltips at run time
        Matcher tag = Pattern.compile("<(script|link|img|iframe|source|embed|object)\\b[^>]*>",
                Pattern.CASE_INSENSITIVE).matcher(ours);
        int scripts = 0;
        while (tag.find()) {
            assertFalse(Pattern.compile("(src|href|data)\\s*=", Pattern.CASE_INSENSITIVE).matcher(tag.group()).find(),
                    "an element that loads something: " + tag.group());
            scripts += tag.group(1).equalsIgnoreCase("script") ? 1 : 0;
        }
        assertEquals(3, scripts, "echarts, the chart options, the code that draws them");
        assertFalse(Pattern.compile("url\\(|@import", Pattern.CASE_INSENSITIVE).matcher(styles(html)).find());
        Matcher external = Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(ours);
        assertFalse(external.find(), () -> "external reference: " + external.group());

        int start = html.indexOf("<script>\n") + "<script>\n".length();
        String inlined = html.substring(start, html.indexOf("\n</script>", start));
        assertTrue(inlined.length() > 500_000, "echarts.min.js is about 1 MB: " + inlined.length());
        assertTrue(inlined.contains("echarts"));
        assertTrue(inlined.contains("Licensed to the Apache Software Foundation"), "its license header stays");
        assertEquals(Echarts.script(), inlined);
    }

    @Test
    void eachWorkload_hasItsFourCharts_withOneSeriesPerStrategy() {
        String html = page();
        String json = chartOptions(html);
        for (int w = 1; w <= SampleRun.WORKLOADS.size(); w++) {
            String id = SampleRun.WORKLOADS.get(w - 1).id();
            for (String chart : List.of("latency", "stall", "cpu", "memory")) {
                String key = "w" + w + "-" + chart;
                assertTrue(html.contains("<div class=\"chart\" id=\"chart-" + key + "\" data-chart=\"" + key + "\">"),
                        key);
                assertTrue(json.contains("\"" + key + "\":{\"animation\":false,\"title\":{\"text\":\""), key);
            }
            assertTrue(json.contains("\"text\":\"write latency: " + id + "\""), id);
            assertTrue(json.contains("\"text\":\"writer stall: " + id + "\""), id);
            assertTrue(json.contains("\"text\":\"CPU time by category: " + id + "\""), id);
            assertTrue(json.contains("\"text\":\"peak extra memory: " + id + "\""), id);
        }
        // A percentile chart has a log axis, or, with nothing to draw (no write stalled), a hidden one and words.
        assertEquals(SampleRun.WORKLOADS.size() * 2, count(json, "\"yAxis\":{\"type\":\"log\"")
                + count(json, "\"yAxis\":{\"type\":\"value\",\"show\":false}"));
        assertEquals(SampleRun.WORKLOADS.size() * 2 * SampleRun.STRATEGIES.size(), count(json, "\"type\":\"line\""));
        assertEquals(SampleRun.WORKLOADS.size(), count(json, "\"stack\":\"cpu\",\"data\":")
                / RUN.timed.get(0).cpuNs().size());
        for (String s : SampleRun.STRATEGIES) {
            assertTrue(json.contains("{\"name\":\"" + s + "\",\"type\":\"line\""), s);
        }
    }

    @Test
    void aPercentileCurve_isInMicroseconds_andLeavesOutZeros() {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int i = 0; i < 98; i++) {
            h.recordValue(0);
        }
        h.recordValue(2_000);
        h.recordValue(5_000_000);
        List<Object> curve = Charts.curve(h);
        assertEquals(Charts.PERCENTILE_LABELS.size(), curve.size());
        assertEquals(null, curve.get(0), "min 0 is not drawn on a log axis");
        assertEquals(null, curve.get(1), "p50");
        assertEquals(2.0, (Double) curve.get(5), 0.01, "p99: 2 µs");
        assertEquals(5000.0, (Double) curve.get(8), 5.0, "max: 5 ms");
        assertTrue(Charts.curve(new org.HdrHistogram.Histogram(3)).stream().allMatch(v -> v == null));
    }

    @Test
    void aChartWithNothingToDraw_saysSo() {
        List<TimedResult> none = new ArrayList<>();
        for (String s : List.of("none", "bounce")) {
            none.add(TimedResult.failed(s, dev.stablewrites.core.timed.Workload.of(
                    dev.stablewrites.core.timed.WorkloadKind.WRITE_SYNC, 1 << 20, 10, 1), "did not run: x"));
        }
        String json = chartOptions(HtmlReport.render("h", List.of(), Map.of(), none, "m"));
        assertTrue(json.contains("\"graphic\":[{\"type\":\"text\",\"left\":\"center\",\"top\":\"middle\",\"silent\":true,"
                + "\"style\":{\"text\":\"no stalls: no write slept on writeback or a page lock\""), json);
        assertTrue(json.contains("\"text\":\"no writes: no run completed one\""), json);
        assertTrue(json.contains("\"text\":\"no extra memory: no strategy held a copy of a page\""), json);
        // The sample's stall chart of write-sync: bounce and none never stall; whether it is empty decides.
        String sample = chartOptions(page());
        boolean anyStall = RUN.timed.stream().anyMatch(r -> r.workload().kind().id().equals("write-sync")
                && r.writeStall().getMaxValue() > 0);
        String stall = sample.substring(sample.indexOf("\"w1-stall\""), sample.indexOf("\"w1-cpu\""));
        assertEquals(!anyStall, stall.contains("no stalls"), stall);
    }

    @Test
    void timedLatencies_useTheTextTablesScaledUnits_withExactNanosecondsOnHover() {
        assertEquals("950 ns", Html.duration(950));
        assertEquals("12.3 \u00b5s", Html.duration(12_345));
        assertEquals("4.57 ms", Html.duration(4_567_000));
        assertEquals("1.50 s", Html.duration(1_500_000_000));
        String html = page();
        String timed = html.substring(html.indexOf("<section id=\"timed\">"), html.indexOf("<section id=\"charts\">"));
        TimedResult r = RUN.timed.get(0);
        long p50 = r.writeLatency().getValueAtPercentile(50);
        assertTrue(timed.contains("<td title=\"" + p50 + " ns\">" + Html.duration(p50) + "</td>"), timed);
        assertFalse(timed.contains("(\u00b5s)"), "no fixed unit in a latency header");
    }

    @Test
    void everyTable_scrollsInsideItsOwnBox() {
        String html = page();
        int tables = count(html, "<table");
        assertEquals(tables, count(html, "<div class=\"scroll\"><table"), "each table in a scrolling box");
        String css = styles(html);
        assertTrue(css.contains(".scroll { overflow-x: auto; max-width: 100%; }"), css);
    }

    @Test
    void theSameInput_givesTheSameBytes() {
        assertEquals(page(), page());
        Map<String, String> reordered = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(RUN.traces.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reordered.put(k, RUN.traces.get(k)));
        assertEquals(page(), HtmlReport.render(SampleRun.header(), RUN.cells, reordered, RUN.timed, COST_MODEL),
                "the traces map's order does not matter");
    }

    @Test
    void textFromTheModel_isEscaped() {
        Cell evil = new Cell("s<i>", "sc\"en&", Verdict.FAILS, Property.NO_FALSE_EIO, "why <script>alert(1)</script>",
                3, 2, null, false, RUN.cells.get(0).costs(), new Coverage());
        String html = HtmlReport.render("run <b>&", List.of(evil), Map.of("s<i> on sc\"en&", "trace <b>& 'x'\n"),
                List.of(), "model <u>");
        assertTrue(html.contains("<pre class=\"trace\">trace &lt;b&gt;&amp; &#39;x&#39;</pre>"), html);
        assertFalse(html.contains("<b>&"));
        assertTrue(html.contains("<p class=\"run\">run &lt;b&gt;&amp;</p>"));
        assertTrue(html.contains("<th>s&lt;i&gt;</th>"));
        assertTrue(html.contains("<th>sc&quot;en&amp;</th>"));
        assertTrue(html.contains("title=\"why &lt;script&gt;alert(1)&lt;/script&gt;\""));
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("<code>model &lt;u&gt;</code>"));
    }

    @Test
    void theGeneric761Check_isItsOwnEscapedSection_andAbsentWithoutOne() {
        String html = HtmlReport.render("h", RUN.cells, RUN.traces, RUN.timed, COST_MODEL,
                "reality check, fstests generic/761 <x>\nintegrity=fs-crc32c  none  16384\n");
        assertTrue(html.contains("<h3>Reality check: fstests generic/761</h3>\n<pre class=\"reality\">reality check,"
                + " fstests generic/761 &lt;x&gt;\nintegrity=fs-crc32c  none  16384\n</pre>"), html);
        assertFalse(page().contains("generic/761"));
    }

    @Test
    void namesInTheChartOptions_cannotCloseTheirScriptElement() {
        String json = Json.write(Map.of("name", "</script><b>&"));
        assertEquals("{\"name\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}", json);
    }

    @Test
    void withoutTimedResultsOrFailures_thePageSaysSo() {
        List<Cell> holding = RUN.cells.stream().filter(c -> c.verdict() == Verdict.HOLDS).toList();
        String html = HtmlReport.render("h", holding, Map.of(), List.of(), "m");
        assertTrue(html.contains("<p>No property failed.</p>"));
        assertTrue(html.contains("<p>No timed runs in this report.</p>"));
        assertEquals("{}", chartOptions(html));
    }

    @Test
    void aFailureWithoutTrace_saysItHasNone() {
        Cell hung = new Cell("x", "y", Verdict.FAILS, Property.TERMINATES, "TERMINATES: a run did not end", 0, null,
                null, false, RUN.cells.get(0).costs(), new Coverage());
        String html = HtmlReport.render("h", List.of(hung), Map.of(), List.of(), "m");
        assertTrue(html.contains("No trace: the failure has no shrunk counterexample."));
    }

    private static Cell cell(String strategy, String scenario, Verdict v) {
        return new Cell(strategy, scenario, v, v == Verdict.FAILS ? Property.NO_FALSE_EIO : null, "r", 1, null, null,
                false, Map.of(), new Coverage());
    }

    private static String chartOptions(String html) {
        String open = "<script type=\"application/json\" id=\"chart-options\">";
        int start = html.indexOf(open) + open.length();
        return html.substring(start, html.indexOf("</script>", start));
    }

    private static String styles(String html) {
        return html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
