/**
 * The comparison as one self-contained HTML page: the verdict matrix, each failure's shrunk trace,
 * the exact §7 costs, the timed results and their charts. The charts are drawn in the browser by
 * Apache ECharts, read from its webjar on the class path and inlined with the chart options as JSON,
 * so the page needs no network and the JVM no AWT or fonts. Rendering is a pure function of its
 * input: the same results give the same bytes.
 */
package dev.stablewrites.harness.report.html;
