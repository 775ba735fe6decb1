package dev.stablewrites.harness.report.html;

import static dev.stablewrites.harness.report.html.Html.esc;

import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.harness.compare.Cell;
import dev.stablewrites.harness.history.History;
import dev.stablewrites.harness.history.KernelEra;
import java.util.List;
import java.util.Map;

/**
 * The history as a page of its own ({@code compare --kernels ... --format html --out DIR}): a verdict
 * table per geometry, releases down and scenarios across, each cell colored as the main report's,
 * with the era's definition and sources beside it. Self-contained, no script.
 */
public final class HistoryPage {
    private HistoryPage() {
    }

    public static String render(String header, Map<History.Geometry, List<History.Row>> rows) {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Stable page writes: fifteen years of Linux</title>\n<style>\n").append(HtmlReport.STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Stable page writes: fifteen years of Linux</h1>\n<p class=\"run\">")
                .append(esc(header)).append("</p>\n");
        for (Map.Entry<History.Geometry, List<History.Row>> e : rows.entrySet()) {
            sb.append("<section>\n<h2>").append(esc(e.getKey().title())).append("</h2>\n<div class=\"scroll\"><table>\n")
                    .append("<tr><th>release</th><th>strategies</th>");
            for (ScenarioKind k : ScenarioKind.values()) {
                sb.append("<th>").append(esc(k.id())).append("</th>");
            }
            sb.append("</tr>\n");
            for (History.Row r : e.getValue()) {
                sb.append("<tr><th>").append(esc(r.era().id())).append("</th><td><code>").append(esc(r.era().strategy()))
                        .append("</code></td>");
                for (Cell c : r.cells()) {
                    if (c == null) {
                        sb.append("<td class=\"none\">no ext3</td>");
                    } else {
                        sb.append("<td class=\"v ").append(c.verdict().name()).append("\" title=\"").append(esc(c.reason())).append("\">")
                                .append(esc(c.label())).append("</td>");
                    }
                }
                sb.append("</tr>\n");
            }
            sb.append("</table></div>\n</section>\n");
        }
        sb.append("<section>\n<h2>What each release fixed, and what it left open</h2>\n<dl>\n");
        for (KernelEra era : rows.values().iterator().next().stream().map(History.Row::era).toList()) {
            sb.append("<dt>").append(esc(era.id())).append(" (").append(era.year()).append("): <code>")
                    .append(esc(era.strategy())).append("</code>").append(era.options().isBlank() ? ""
                            : " " + esc(era.options())).append("</dt>\n<dd>fixed: ").append(esc(era.fixed()))
                    .append("<br>open: ").append(esc(era.open())).append("<br>from: ").append(esc(era.sources()))
                    .append("</dd>\n");
        }
        sb.append("</dl>\n</section>\n</body>\n</html>\n");
        return sb.toString();
    }
}
