package dev.stablewrites.harness.report.html;

import static dev.stablewrites.harness.report.html.Html.esc;

import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A counterexample drawn as the race it is: plain SVG, one lane per actor, time to the right, each
 * step a box named by its kernel function. The DMA window (from {@code submit_bio} to its
 * {@code bio_endio}) is shaded across every lane; a store that lands inside it is outlined and the
 * step where a property failed is filled red. A last lane shows the page after each step (flags,
 * PTEs, direct map), and every box carries the step's detail and page state as its tooltip.
 *
 * <p>Nothing runs in the browser: the picture is made here, deterministically (the same run gives
 * the same bytes), and reads from a file without a server. Classes on the elements
 * ({@code lane}, {@code step}, {@code dma-window}, {@code store-in-window}, {@code violation},
 * {@code page-state}) and {@code data-step} attributes make it checkable by a DOM query.
 */
public final class Swimlanes {
    /** Steps drawn at most; a longer run (a shrink that gave up) shows its beginning and says so. */
    static final int MAX_STEPS = 400;
    private static final int LABEL = 190;
    private static final int TOP = 44;
    private static final int COL = 138;
    private static final int BOX = 130;
    private static final int LANE = 44;
    private static final int PAGE_LANE = 56;
    private static final Pattern LANDS = Pattern.compile("^\\d+ bytes of 0x");

    private Swimlanes() {
    }

    /** A DMA window: the indexes (into the steps drawn) of its submit_bio and its bio_endio (-1: not in view). */
    record Window(int submit, int endio) {
    }

    /** The SVG of {@code run}, up to and including the step where its first property failed. */
    public static String svg(RunResult run) {
        List<TraceEvent> steps = shown(run);
        Violation first = run.violations().isEmpty() ? null : run.violations().get(0);
        Map<Character, String> actors = new TreeMap<>();
        for (TraceEvent e : steps) {
            actors.putIfAbsent(e.actor(), e.actorName());
        }
        List<Character> lanes = new ArrayList<>(actors.keySet());
        List<Window> windows = windows(steps);
        int width = LABEL + steps.size() * COL + 16;
        int pageTop = TOP + lanes.size() * LANE;
        int height = pageTop + PAGE_LANE + 30;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swimlanes\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc("the counterexample as swimlanes: " + steps.size() + " steps of " + lanes.size()
                        + " actors")).append("\">\n");
        sb.append("<style>").append(STYLE).append("</style>\n");
        // Lanes first, then the windows over them, then the boxes over both.
        for (int i = 0; i < lanes.size(); i++) {
            int y = TOP + i * LANE;
            sb.append("<g class=\"lane\" data-actor=\"").append(lanes.get(i)).append("\"><rect class=\"lane-bg")
                    .append(i % 2 == 0 ? "" : " odd").append("\" x=\"0\" y=\"").append(y).append("\" width=\"")
                    .append(width).append("\" height=\"").append(LANE).append("\"/><text class=\"lane-label\" x=\"8\" y=\"")
                    .append(y + LANE / 2 + 4).append("\">").append(esc(lanes.get(i) + "  " + actors.get(lanes.get(i))))
                    .append("</text></g>\n");
        }
        sb.append("<g class=\"lane page\"><rect class=\"lane-bg page\" x=\"0\" y=\"").append(pageTop)
                .append("\" width=\"").append(width).append("\" height=\"").append(PAGE_LANE)
                .append("\"/><text class=\"lane-label\" x=\"8\" y=\"").append(pageTop + 20)
                .append("\">page after the step</text><text class=\"lane-sub\" x=\"8\" y=\"").append(pageTop + 36)
                .append("\">flags, PTEs, direct map</text></g>\n");
        int n = 0;
        for (Window w : windows) {
            n++;
            int from = w.submit < 0 ? 0 : w.submit;
            int to = w.endio < 0 ? steps.size() - 1 : w.endio;
            int x = LABEL + from * COL - 3;
            int wd = (to - from) * COL + BOX + 6;
            sb.append("<g class=\"dma-window\" data-from-step=\"").append(steps.get(from).step())
                    .append("\" data-to-step=\"").append(steps.get(to).step()).append("\"><rect x=\"").append(x)
                    .append("\" y=\"").append(TOP - 6).append("\" width=\"").append(wd).append("\" height=\"")
                    .append(pageTop + PAGE_LANE - TOP + 6).append("\"/><text x=\"").append(x + 4).append("\" y=\"")
                    .append(TOP - 10).append("\">").append(esc("DMA window" + (windows.size() > 1 ? " " + n : "")
                            + ": submit_bio #" + steps.get(from).step() + (w.endio < 0 ? " \u2192 (after this view)"
                            : " \u2192 bio_endio #" + steps.get(to).step()))).append("</text></g>\n");
        }
        // Step numbers along the top.
        for (int i = 0; i < steps.size(); i++) {
            sb.append("<text class=\"step-no\" x=\"").append(LABEL + i * COL + BOX / 2).append("\" y=\"16\">#")
                    .append(steps.get(i).step()).append("</text>\n");
        }
        String previousState = null;
        for (int i = 0; i < steps.size(); i++) {
            TraceEvent e = steps.get(i);
            int x = LABEL + i * COL;
            int y = TOP + lanes.indexOf(e.actor()) * LANE + 5;
            boolean inWindow = insideAny(windows, i);
            boolean lands = LANDS.matcher(e.detail()).find();
            boolean violates = first != null && first.step() == e.step();
            StringBuilder cls = new StringBuilder("step");
            if (lands) {
                cls.append(inWindow ? " store-in-window" : " store");
            }
            if (violates) {
                cls.append(" violation");
            }
            if (e.function().equals("submit_bio") || e.function().equals("bio_endio")) {
                cls.append(" bio");
            }
            String tip = "#" + e.step() + " " + e.actor() + " (" + e.actorName() + "): " + e.function()
                    + (e.detail().isEmpty() ? "" : "\n" + e.detail())
                    + (lands && inWindow ? "\nthe store lands inside the DMA window: the device reads it after"
                            + " the checksum was computed" : "")
                    + (violates ? "\n" + first.property() + ": " + first.message() : "")
                    + "\npage after: " + e.pageState();
            sb.append("<g class=\"").append(cls).append("\" data-step=\"").append(e.step()).append("\" data-actor=\"")
                    .append(e.actor()).append("\" data-function=\"").append(esc(e.function())).append("\"><title>")
                    .append(esc(tip)).append("</title><rect x=\"").append(x).append("\" y=\"").append(y)
                    .append("\" width=\"").append(BOX).append("\" height=\"").append(LANE - 10)
                    .append("\" rx=\"4\"/><text x=\"").append(x + 6).append("\" y=\"").append(y + 14).append("\">")
                    .append(esc(clip(e.function(), 18))).append("</text><text class=\"sub\" x=\"").append(x + 6)
                    .append("\" y=\"").append(y + 27).append("\">").append(esc(clip(marker(e, lands, inWindow,
                            violates, first), 22))).append("</text></g>\n");
            boolean changed = !e.pageState().equals(previousState);
            previousState = e.pageState();
            sb.append("<g class=\"page-state").append(changed ? "" : " same").append("\" data-step=\"")
                    .append(e.step()).append("\"><title>").append(esc("page after #" + e.step() + ": "
                            + e.pageState())).append("</title>");
            int line = 0;
            for (String part : stateLines(e.pageState())) {
                sb.append("<text x=\"").append(x + 4).append("\" y=\"").append(pageTop + 16 + 14 * line++)
                        .append("\">").append(esc(clip(part, 23))).append("</text>");
            }
            sb.append("</g>\n");
        }
        int more = run.trace().size() - steps.size();
        sb.append("<text class=\"more\" x=\"8\" y=\"").append(height - 8).append("\">")
                .append(esc(more == 0 ? "" : "then " + more + " more step(s) to the end of the run, not drawn"))
                .append("</text>\n</svg>");
        return sb.toString();
    }

    /** The second line of a box: what the reader should see at a glance. */
    private static String marker(TraceEvent e, boolean lands, boolean inWindow, boolean violates, Violation first) {
        if (violates) {
            return "^ " + first.property();
        }
        if (lands && inWindow) {
            return "\u270e lands in the window";
        }
        if (lands) {
            return "\u270e store";
        }
        return e.detail();
    }

    /** The steps drawn: up to the first violation (all if none), at most {@link #MAX_STEPS}. */
    static List<TraceEvent> shown(RunResult run) {
        List<TraceEvent> all = run.trace();
        int last = all.size();
        if (!run.violations().isEmpty()) {
            int at = run.violations().get(0).step();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).step() == at) {
                    last = i + 1;
                    break;
                }
            }
        }
        return all.subList(0, Math.min(last, MAX_STEPS));
    }

    /**
     * The DMA windows among {@code steps}: each {@code submit_bio} paired with the first
     * {@code bio_endio} after it not yet paired (the device completes in order).
     */
    static List<Window> windows(List<TraceEvent> steps) {
        List<Window> out = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        List<Integer> openAt = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String f = steps.get(i).function();
            if (f.equals("submit_bio")) {
                open.addLast(i);
                openAt.add(out.size());
                out.add(new Window(i, -1));
            } else if (f.equals("bio_endio") && !open.isEmpty()) {
                int s = open.removeFirst();
                int slot = openAt.remove(0);
                out.set(slot, new Window(s, i));
            }
        }
        return out;
    }

    private static boolean insideAny(List<Window> windows, int i) {
        for (Window w : windows) {
            if (i > w.submit && (w.endio < 0 || i < w.endio)) {
                return true;
            }
        }
        return false;
    }

    /** {@code locked|dirty pte pid1:rw+d dmap rw} as its three parts: flags, PTEs, direct map. */
    static List<String> stateLines(String state) {
        List<String> out = new ArrayList<>();
        int pte = state.indexOf(" pte ");
        int dmap = state.indexOf(" dmap ");
        if (pte < 0 || dmap < pte) {
            out.add(state);
            return out;
        }
        out.add("flags " + state.substring(0, pte).strip());
        out.add(state.substring(pte + 1, dmap).strip());
        out.add(state.substring(dmap + 1).strip());
        return out;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static final String STYLE = """
            .swimlanes text { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11px; fill: #222; }
            .swimlanes .lane-bg { fill: #fbfbfb; }
            .swimlanes .lane-bg.odd { fill: #f1f3f6; }
            .swimlanes .lane-bg.page { fill: #eef4ea; }
            .swimlanes .lane-label { font-weight: 600; }
            .swimlanes .lane-sub, .swimlanes .step-no, .swimlanes .more { fill: #777; font-size: 10px; }
            .swimlanes .step-no { text-anchor: middle; }
            .swimlanes .dma-window rect { fill: #f5a623; fill-opacity: 0.16; stroke: #d48806; stroke-dasharray: 5 3; }
            .swimlanes .dma-window text { fill: #a05a00; font-size: 10px; font-weight: 600; }
            .swimlanes .step rect { fill: #ffffff; stroke: #8a97a8; }
            .swimlanes .step .sub { fill: #666; font-size: 9px; }
            .swimlanes .step.bio rect { fill: #fff4d6; stroke: #d48806; }
            .swimlanes .step.store rect { fill: #e9f1fb; stroke: #5470c6; }
            .swimlanes .step.store-in-window rect { fill: #fde2e2; stroke: #c0392b; stroke-width: 2.5; }
            .swimlanes .step.store-in-window .sub { fill: #a61d1d; font-weight: 600; }
            .swimlanes .step.violation rect { fill: #c0392b; stroke: #7b1010; stroke-width: 2; }
            .swimlanes .step.violation text { fill: #ffffff; font-weight: 600; }
            .swimlanes .step:hover rect { stroke: #000; stroke-width: 2; }
            .swimlanes .page-state text { font-size: 9px; fill: #2d5a1e; }
            .swimlanes .page-state.same text { fill: #9aa79a; }
            """;
}
