package dev.stablewrites.harness.report.html;

import dev.stablewrites.core.timed.TimedResult;
import dev.stablewrites.core.timed.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The ECharts options of the timed charts, as values for {@link Json}: per workload, the write
 * latency and writer stall percentile curves (one series per strategy, log-scale y), CPU time by
 * category (stacked bars) and peak extra memory (bars). A strategy keeps its colour in every chart.
 */
final class Charts {
    /** The percentiles of the curves: HdrHistogram's habit of spreading out the tail. */
    static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.9, 99.99, 100};
    static final List<String> PERCENTILE_LABELS =
            List.of("min", "p50", "p75", "p90", "p95", "p99", "p99.9", "p99.99", "max");
    /** ECharts' default palette, assigned by strategy so a strategy has one colour on the page. */
    private static final List<String> PALETTE = List.of("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de",
            "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc");

    private Charts() {
    }

    /** The results grouped by workload, workloads and strategies in the order first seen. */
    static Map<Workload, List<TimedResult>> byWorkload(List<TimedResult> timed) {
        Map<Workload, List<TimedResult>> out = new LinkedHashMap<>();
        for (TimedResult r : timed) {
            out.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Each strategy's colour, by its first appearance. */
    static Map<String, String> colours(List<TimedResult> timed) {
        Set<String> ids = new LinkedHashSet<>();
        timed.forEach(r -> ids.add(r.strategy()));
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (String id : ids) {
            out.put(id, PALETTE.get(i++ % PALETTE.size()));
        }
        return out;
    }

    /** A histogram's value at each of {@link #PERCENTILES}, in µs; null where zero (a log axis has no 0) or empty. */
    static List<Object> curve(Histogram h) {
        List<Object> out = new ArrayList<>();
        for (double p : PERCENTILES) {
            if (h.getTotalCount() == 0) {
                out.add(null);
                continue;
            }
            long ns = p == 0 ? h.getMinValue() : p == 100 ? h.getMaxValue() : h.getValueAtPercentile(p);
            out.add(ns <= 0 ? null : ns / 1e3);
        }
        return out;
    }

    /** {@link #percentileCurves(String, String, List, Function, Map, String)} saying "no data" when empty. */
    static Map<String, Object> percentileCurves(String title, String subtitle, List<TimedResult> results,
                                                Function<TimedResult, Histogram> histogram,
                                                Map<String, String> colours) {
        return percentileCurves(title, subtitle, results, histogram, colours, "no data");
    }

    /**
     * @param whenEmpty what the chart says when no strategy has a point to draw (no write stalled),
     *                  so that an empty frame is not taken for a chart that failed to draw
     */
    static Map<String, Object> percentileCurves(String title, String subtitle, List<TimedResult> results,
                                                Function<TimedResult, Histogram> histogram,
                                                Map<String, String> colours, String whenEmpty) {
        List<Object> series = new ArrayList<>();
        boolean any = false;
        for (TimedResult r : results) {
            List<Object> curve = curve(histogram.apply(r));
            any |= curve.stream().anyMatch(v -> v != null);
            series.add(map("name", r.strategy(), "type", "line", "data", curve,
                    "color", colours.get(r.strategy()), "symbolSize", 5, "connectNulls", false));
        }
        Map<String, Object> o = base(title, subtitle);
        o.put("tooltip", map("trigger", "axis"));
        o.put("xAxis", map("type", "category", "boundaryGap", false, "data", PERCENTILE_LABELS));
        // A log axis with nothing on it draws a scale of nothing: a plain one, hidden, under the words.
        o.put("yAxis", any ? map("type", "log", "logBase", 10, "name", "\u00b5s (log scale)")
                : map("type", "value", "show", false));
        o.put("series", series);
        if (!any) {
            o.put("graphic", empty(whenEmpty));
        }
        return o;
    }

    /** The words an empty chart shows in its middle. */
    static List<Object> empty(String text) {
        return List.of(map("type", "text", "left", "center", "top", "middle", "silent", true,
                "style", map("text", text, "fontSize", 15, "fill", "#666")));
    }

    static Map<String, Object> cpuByCategory(String title, List<TimedResult> results) {
        Set<String> categories = new LinkedHashSet<>();
        results.forEach(r -> categories.addAll(r.cpuNs().keySet()));
        List<Object> series = new ArrayList<>();
        for (String c : categories) {
            List<Object> data = new ArrayList<>();
            for (TimedResult r : results) {
                Double ns = r.cpuNs().get(c);
                data.add(ns == null ? null : ns / 1e6);
            }
            series.add(map("name", c, "type", "bar", "stack", "cpu", "data", data));
        }
        Map<String, Object> o = base(title, "simulated CPU time, all CPUs");
        if (results.stream().allMatch(r -> r.cpuTotalNs() == 0)) {
            o.put("graphic", empty("no CPU time: no run ran"));
        }
        o.put("tooltip", map("trigger", "axis", "axisPointer", map("type", "shadow")));
        o.put("xAxis", map("type", "category", "data", strategies(results), "axisLabel", map("interval", 0,
                "rotate", results.size() > 5 ? 30 : 0)));
        o.put("yAxis", map("type", "value", "name", "ms"));
        o.put("series", series);
        return o;
    }

    static Map<String, Object> peakMemory(String title, List<TimedResult> results, Map<String, String> colours) {
        List<Object> data = new ArrayList<>();
        for (TimedResult r : results) {
            data.add(map("value", r.peakExtraMemory() / 1024.0, "itemStyle", map("color", colours.get(r.strategy()))));
        }
        Map<String, Object> o = base(title, "bounce pages and other copies held at the peak");
        if (results.stream().allMatch(r -> r.peakExtraMemory() == 0)) {
            o.put("graphic", empty("no extra memory: no strategy held a copy of a page"));
        }
        o.put("tooltip", map("trigger", "axis", "axisPointer", map("type", "shadow")));
        o.put("legend", map("show", false));
        o.put("xAxis", map("type", "category", "data", strategies(results), "axisLabel", map("interval", 0,
                "rotate", results.size() > 5 ? 30 : 0)));
        o.put("yAxis", map("type", "value", "name", "KiB"));
        o.put("series", List.of(map("name", "peak extra memory (KiB)", "type", "bar", "data", data,
                "label", map("show", true, "position", "top"))));
        return o;
    }

    private static List<Object> strategies(List<TimedResult> results) {
        return new ArrayList<>(results.stream().map(TimedResult::strategy).toList());
    }

    /** What every chart shares: no animation (a report, and a screenshot, shows the final state). */
    private static Map<String, Object> base(String title, String subtitle) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("title", map("text", title, "subtext", subtitle, "left", 0, "textStyle", map("fontSize", 14)));
        o.put("legend", map("top", 44, "left", 0, "itemGap", 12));
        o.put("grid", map("left", 8, "right", 24, "top", 116, "bottom", 36, "containLabel", true));
        return o;
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
