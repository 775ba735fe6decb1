package dev.stablewrites.core.scenario;

import dev.stablewrites.core.integrity.Integrity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable scenario: its kind, its geometry, and each actor's operations. It prints as one
 * readable line that {@link #parse} reads back, e.g.
 * {@code mmap A: store@0x100+8=0x11 store@0x100+8=0x22; B: fsync}.
 */
public record Scenario(ScenarioKind kind, Geometry geometry, Map<Character, List<Op>> ops) {

    public Scenario {
        for (Character id : ops.keySet()) {
            if (kind.slots().stream().noneMatch(slot -> slot.id() == id)) {
                throw new IllegalArgumentException("scenario " + kind.id() + " has no actor " + id + "; its actors are "
                        + actorIds(kind));
            }
        }
        if (geometry.fileSize() != geometry.pageSize() && !kind.usesPageCache()) {
            throw new IllegalArgumentException("size= is the size of a page-cache file; " + kind.id()
                    + " writes no file page");
        }
        Map<Character, List<Op>> copy = new LinkedHashMap<>();
        for (ScenarioKind.Slot slot : kind.slots()) {
            List<Op> list = ops.get(slot.id());
            if (list == null) {
                throw new IllegalArgumentException("scenario " + kind.id() + " needs operations for actor " + slot.id());
            }
            for (Op op : list) {
                validate(kind, geometry, slot, op);
            }
            copy.put(slot.id(), List.copyOf(list));
        }
        ops = java.util.Collections.unmodifiableMap(copy);
    }

    private static void validate(ScenarioKind kind, Geometry g, ScenarioKind.Slot slot, Op op) {
        if (!slot.role().ops().contains(op.type())) {
            throw new IllegalArgumentException("actor " + slot.id() + " of " + kind.id() + " (" + slot.role().title()
                    + ") cannot " + op.type().word() + "; it can: " + words(slot.role()));
        }
        if (op.type().writesData()) {
            if (op.length() < 1) {
                throw new IllegalArgumentException("impossible size: " + op + " has length 0; an operation writes "
                        + "at least one byte");
            }
            if (op.offset() < 0 || (long) op.offset() + op.length() > g.pageSize()) {
                throw new IllegalArgumentException("impossible size: " + op + " does not fit in a page of "
                        + g.pageSize() + " bytes");
            }
            if (op.value() < 0 || op.value() > 255) {
                throw new IllegalArgumentException("impossible value: " + op + ": a value is one byte, 0x00 to 0xff");
            }
        }
    }

    private static String words(Role role) {
        List<String> w = new ArrayList<>();
        role.ops().forEach(t -> w.add(t.word()));
        return String.join(", ", w);
    }

    private static String actorIds(ScenarioKind kind) {
        StringBuilder sb = new StringBuilder();
        kind.slots().forEach(s -> sb.append(sb.length() == 0 ? "" : ", ").append(s.id()));
        return sb.toString();
    }

    /** The kind's default instance, on the default geometry. */
    public static Scenario defaultOf(ScenarioKind kind) {
        return defaultOf(kind, Geometry.DEFAULT);
    }

    /** The kind's default instance on {@code geometry}. */
    public static Scenario defaultOf(ScenarioKind kind, Geometry geometry) {
        Map<Character, List<Op>> ops = new LinkedHashMap<>();
        for (ScenarioKind.Slot slot : kind.slots()) {
            ops.put(slot.id(), ScenarioParser.parseOps(slot.defaultOps()));
        }
        return new Scenario(kind, geometry, ops);
    }

    /**
     * Reads a scenario: a bare kind id gives its default instance; options ({@code page=},
     * {@code interval=}, {@code integrity=}, {@code device=}, {@code faults=}) and actor groups ({@code A: op op;})
     * may follow.
     *
     * @throws IllegalArgumentException with a one-line message naming the valid choices
     */
    public static Scenario parse(String line) {
        return ScenarioParser.parse(line);
    }

    /** The operations of actor {@code id}. */
    public List<Op> opsOf(char id) {
        return ops.get(id);
    }

    /** The same scenario with other operations for actor {@code id}. */
    public Scenario withOps(char id, List<Op> newOps) {
        Map<Character, List<Op>> m = new LinkedHashMap<>(ops);
        m.put(id, newOps);
        return new Scenario(kind, geometry, m);
    }

    /** The same scenario on another geometry. */
    public Scenario withGeometry(Geometry g) {
        return new Scenario(kind, g, ops);
    }

    /** The same scenario with another integrity profile. */
    public Scenario withIntegrity(Integrity integrity) {
        return withGeometry(geometry.withIntegrity(integrity));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.id()).append(geometry.options());
        String sep = " ";
        for (Map.Entry<Character, List<Op>> e : ops.entrySet()) {
            sb.append(sep).append(e.getKey()).append(':');
            for (Op op : e.getValue()) {
                sb.append(' ').append(op);
            }
            sep = "; ";
        }
        return sb.toString();
    }
}
