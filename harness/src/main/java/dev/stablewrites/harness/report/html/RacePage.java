package dev.stablewrites.harness.report.html;

import static dev.stablewrites.harness.report.html.Html.esc;

import dev.stablewrites.harness.report.CounterexampleReport;
import dev.stablewrites.harness.shrink.Shrinker;

/**
 * One counterexample as a page of its own ({@code explore --format html --out DIR}): the race as
 * swimlanes, then the text trace and the replay line. Self-contained: no script, nothing fetched,
 * so it opens from a file and the same counterexample gives the same bytes.
 */
public final class RacePage {
    private RacePage() {
    }

    /**
     * @param header      what explore ran, in one line
     * @param found       what the exploration found, in one line ("FAILS ... (found after N schedules)")
     * @param shrunk      the shrunk counterexample, or null when nothing failed
     * @param textReport  the counterexample as the text output prints it (or the holds claim)
     */
    public static String render(String header, String found, Shrinker.Shrunk shrunk, String textReport) {
        StringBuilder sb = new StringBuilder(1 << 16);
        String title = shrunk == null ? "Stable page writes: no counterexample"
                : "Stable page writes: " + shrunk.property() + " as a race";
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(HtmlReport.STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"run\">").append(esc(header))
                .append("</p>\n<p>").append(esc(found)).append("</p>\n");
        if (shrunk != null) {
            sb.append("<h2>The race</h2>\n<p>").append(esc(shrunk.run().failure())).append("</p>\n");
            if (!shrunk.complete()) {
                sb.append("<p class=\"none\">").append(esc(CounterexampleReport.gaveUpLine(shrunk))).append("</p>\n");
            }
            sb.append(HtmlReport.race(shrunk.run()));
        }
        sb.append("<h2>").append(shrunk == null ? "What was explored" : "The trace").append("</h2>\n<pre class=\"trace\">")
                .append(esc(textReport.stripTrailing())).append("</pre>\n</body>\n</html>\n");
        return sb.toString();
    }
}
