package dev.stablewrites.harness.report;

import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.Map;
import java.util.TreeMap;

/** Renders a run as the numbered trace a kernel engineer reads: actor, kernel function, page state. */
public final class TraceRenderer {
    private TraceRenderer() {
    }

    public static String render(RunResult run) {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario: ").append(run.scenario()).append('\n');
        Map<Character, String> actors = new TreeMap<>(); // by id, not by who stepped first
        for (TraceEvent e : run.trace()) {
            actors.putIfAbsent(e.actor(), e.actorName());
        }
        sb.append("actors:  ");
        actors.forEach((id, name) -> sb.append(' ').append(id).append(" = ").append(name).append(';'));
        sb.setLength(sb.length() - 1);
        sb.append("\n\n");
        int fnWidth = 8;
        int detailWidth = 8;
        for (TraceEvent e : run.trace()) {
            fnWidth = Math.max(fnWidth, e.function().length());
            detailWidth = Math.max(detailWidth, Math.min(e.detail().length(), 84));
        }
        String format = "%4s  %-5s  %-" + fnWidth + "s  %-" + detailWidth + "s  %s%n";
        sb.append(String.format(format, "#", "actor", "kernel function", "what happened", "page after"));
        for (TraceEvent e : run.trace()) {
            sb.append(String.format(format, e.step(), e.actor(), e.function(), e.detail(), e.pageState()));
            for (Violation v : run.violations()) {
                if (v.step() == e.step()) {
                    sb.append("        ^ ").append(v.property()).append(": ").append(v.message()).append('\n');
                }
            }
        }
        if (run.crash() != null) {
            sb.append("      thrown: ").append(run.crash()).append('\n');
        }
        int last = run.trace().isEmpty() ? 0 : run.trace().get(run.trace().size() - 1).step();
        for (Violation v : run.violations()) {
            if (v.step() == 0 || v.step() > last) {
                // A step that threw never finished, so it has no line of its own above.
                sb.append("      ").append(v.step() == 0 ? "after the run" : "at step " + v.step()).append(": ")
                        .append(v.property()).append(": ").append(v.message()).append('\n');
            }
        }
        return sb.toString();
    }
}
