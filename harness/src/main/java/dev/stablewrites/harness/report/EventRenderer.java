package dev.stablewrites.harness.report;

import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A traced run told at the grain of docs/model.md §1: one <em>event</em> per stretch in which one actor
 * runs until another takes over, with the kernel functions it went through and what they did. The
 * seed's race reads as its five steps; the numbered step trace gives the detail.
 */
public final class EventRenderer {
    private EventRenderer() {
    }

    /** One actor's consecutive steps. */
    public record Event(char actor, List<TraceEvent> steps) {
        int lastStep() {
            return steps.get(steps.size() - 1).step();
        }
    }

    /**
     * The run's steps grouped into events, in order. The step where the first violation was seen
     * ends its event, so that what follows it is told apart.
     */
    public static List<Event> events(RunResult run) {
        List<Event> out = new ArrayList<>();
        List<TraceEvent> current = new ArrayList<>();
        Violation first = run.firstViolation();
        int cut = first == null ? 0 : first.step();
        for (TraceEvent e : run.trace()) {
            boolean afterCut = !current.isEmpty() && current.get(current.size() - 1).step() == cut;
            if (!current.isEmpty() && (current.get(0).actor() != e.actor() || afterCut)) {
                out.add(new Event(current.get(0).actor(), current));
                current = new ArrayList<>();
            }
            current.add(e);
        }
        if (!current.isEmpty()) {
            out.add(new Event(current.get(0).actor(), current));
        }
        return out;
    }

    /**
     * How many events it takes to reach the first violation: all of them for one seen only after
     * the run (DURABLE, READABLE).
     */
    public static int eventsToViolation(RunResult run) {
        List<Event> events = events(run);
        Violation v = run.firstViolation();
        if (v == null || v.step() == 0) {
            return events.size();
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).lastStep() >= v.step()) {
                return i + 1;
            }
        }
        return events.size();
    }

    public static String render(RunResult run) {
        List<Event> events = events(run);
        int shown = eventsToViolation(run);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            Event ev = events.get(i);
            sb.append(String.format("%3d  %c  %s%n", i + 1, ev.actor(), functions(ev)));
            List<TraceEvent> steps = ev.steps();
            for (int j = 0; j < steps.size(); j++) {
                TraceEvent e = steps.get(j);
                boolean lastOfRun = j + 1 == steps.size() || !steps.get(j + 1).function().equals(e.function());
                if (!e.detail().isEmpty() && lastOfRun) {
                    sb.append("        ").append(e.function()).append(": ").append(e.detail()).append('\n');
                }
            }
            for (Violation v : run.violations()) {
                if (v.step() > (i == 0 ? 0 : events.get(i - 1).lastStep()) && v.step() <= ev.lastStep()) {
                    sb.append("        ^ ").append(v.property()).append(": ").append(v.message()).append('\n');
                }
            }
        }
        if (shown < events.size()) {
            Set<Character> rest = new LinkedHashSet<>();
            int restSteps = 0;
            for (Event ev : events.subList(shown, events.size())) {
                rest.add(ev.actor());
                restSteps += ev.steps().size();
            }
            sb.append(String.format("     (then %d more step(s) by %s to the end of the run)%n", restSteps,
                    rest.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")));
        }
        for (Violation v : run.violations()) {
            if (v.step() == 0 || events.isEmpty() || v.step() > events.get(events.size() - 1).lastStep()) {
                sb.append("      ").append(v.step() == 0 ? "after the run" : "at step " + v.step()).append(": ")
                        .append(v.property()).append(": ").append(v.message()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The event's kernel functions, a repeated one once with its count ({@code dma x8}). */
    private static String functions(Event ev) {
        StringBuilder sb = new StringBuilder();
        List<TraceEvent> steps = ev.steps();
        int i = 0;
        while (i < steps.size()) {
            String f = steps.get(i).function();
            int j = i;
            while (j < steps.size() && steps.get(j).function().equals(f)) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(f).append(j - i > 1 ? " x" + (j - i) : "");
            i = j;
        }
        return sb.toString();
    }
}
