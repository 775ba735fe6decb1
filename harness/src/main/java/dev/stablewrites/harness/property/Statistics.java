package dev.stablewrites.harness.property;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sim.RunResult;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a property check's runs covered, for a test to assert and a user to read: schedules per
 * explorer, failing schedules per property, in which window writes to the page were attempted and
 * landed, and how many schedules attempted at least one write between prep and completion, the
 * window the race lives in.
 */
public final class Statistics {
    private final Map<String, Integer> schedulesByExplorer = new LinkedHashMap<>();
    private final Map<Property, Integer> failingByProperty = new EnumMap<>(Property.class);
    private final Coverage stores = new Coverage();
    private long schedules;
    private long schedulesHittingWindow;
    private long schedulesLandingInWindow;
    private long schedulesWithFault;
    private long steps;

    void count(String explorer, RunResult run) {
        schedulesByExplorer.merge(explorer, 1, Integer::sum);
        schedules++;
        steps += run.costs().steps;
        stores.add(run.coverage());
        if (run.coverage().attempts(StoreWindow.PREP_TO_COMPLETION) > 0) {
            schedulesHittingWindow++;
        }
        if (run.coverage().stores(StoreWindow.PREP_TO_COMPLETION) > 0) {
            schedulesLandingInWindow++;
        }
        if (run.schedule().choices().indexOf(dev.stablewrites.core.fault.FaultActor.ID) >= 0) {
            schedulesWithFault++;
        }
        Set<Property> seen = EnumSet.noneOf(Property.class);
        for (Violation v : run.violations()) {
            if (seen.add(v.property())) {
                failingByProperty.merge(v.property(), 1, Integer::sum);
            }
        }
    }

    /** Schedules in which the fault actor ({@code faults=}) fired. */
    public long schedulesWithFault() {
        return schedulesWithFault;
    }

    /** Schedules run in all. */
    public long schedules() {
        return schedules;
    }

    /** Schedules run by each explorer, in the order they ran. */
    public Map<String, Integer> schedulesByExplorer() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schedulesByExplorer));
    }

    /** Schedules that violated {@code p}. */
    public int failing(Property p) {
        return failingByProperty.getOrDefault(p, 0);
    }

    /** Stores to the page that landed in {@code window}, over every schedule. */
    public long stores(StoreWindow window) {
        return stores.stores(window);
    }

    /** Writes to the page attempted in {@code window}, over every schedule. */
    public long attempts(StoreWindow window) {
        return stores.attempts(window);
    }

    /** Schedules that attempted at least one write between prep and completion. */
    public long schedulesHittingWindow() {
        return schedulesHittingWindow;
    }

    /** Schedules in which at least one store landed between prep and completion. */
    public long schedulesLandingInWindow() {
        return schedulesLandingInWindow;
    }

    /** Mean steps per schedule. */
    public double meanSteps() {
        return schedules == 0 ? 0 : (double) steps / schedules;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(schedules).append(" schedules (");
        String sep = "";
        for (Map.Entry<String, Integer> e : schedulesByExplorer.entrySet()) {
            sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
            sep = ", ";
        }
        sb.append(String.format("), %.1f steps each on average%n", meanSteps()));
        long attempted = 0;
        long landed = 0;
        for (StoreWindow w : StoreWindow.values()) {
            attempted += attempts(w);
            landed += stores(w);
        }
        sb.append("writes attempted:");
        for (StoreWindow w : StoreWindow.values()) {
            sb.append(String.format(" %s %d (%s)%s", w.label(), attempts(w), percent(attempts(w), attempted),
                    w.ordinal() + 1 < StoreWindow.values().length ? "," : ""));
        }
        sb.append("\nstores landed:   ");
        for (StoreWindow w : StoreWindow.values()) {
            sb.append(String.format(" %s %d (%s)%s", w.label(), stores(w), percent(stores(w), landed),
                    w.ordinal() + 1 < StoreWindow.values().length ? "," : ""));
        }
        sb.append(String.format("%nschedules attempting a write between prep and completion: %d (%s); with one landing"
                + " there: %d (%s)%n", schedulesHittingWindow, percent(schedulesHittingWindow, schedules),
                schedulesLandingInWindow, percent(schedulesLandingInWindow, schedules)));
        if (schedulesWithFault > 0) {
            sb.append(String.format("schedules in which the fault actor F fired: %d (%s)%n", schedulesWithFault,
                    percent(schedulesWithFault, schedules)));
        }
        sb.append("failing schedules:");
        if (failingByProperty.isEmpty()) {
            sb.append(" none");
        }
        failingByProperty.forEach((p, n) -> sb.append(String.format(" %s %d (%s)", p, n, percent(n, schedules))));
        return sb.append('\n').toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
    }
}
