package dev.stablewrites.harness.gen;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.OpType;
import dev.stablewrites.core.scenario.Role;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sched.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instance of a scenario kind within a small scope, for verification under the small-scope
 * hypothesis (most bugs show on small instances): at most {@code scope} data operations in all,
 * each writer doing at least one (so the scope is at least the number of writers); each data operation one of four shapes that differ where the
 * model can tell them apart (its first byte, a run inside the first interval, two bytes across the
 * first interval boundary, the page's last byte, which the device reads last); each syncer one of
 * {@code fsync}, {@code flush fsync} and {@code fsync fsync} (where the sync falls between the
 * stores is the schedules' business); an O_DIRECT writer or a journal one or two submissions. The
 * order is fixed, so instance {@code i} of a scope is always the same.
 */
public final class ScenarioScope {
    private ScenarioScope() {
    }

    /** The four shapes (offset, length) of a data operation on {@code g}. */
    public static List<int[]> shapes(Geometry g) {
        int interval = g.interval();
        return List.of(new int[] {0, 1}, new int[] {interval / 4, 8}, new int[] {interval - 1, 2},
                new int[] {g.pageSize() - 1, 1});
    }

    /** Every instance of {@code kind} on {@code g} within {@code scope} data operations, in a fixed order. */
    public static List<Scenario> instances(ScenarioKind kind, Geometry g, int scope) {
        if (scope < 1) {
            throw new IllegalArgumentException("scope " + scope + " is out of range: at least 1 data operation");
        }
        List<ScenarioKind.Slot> slots = kind.slots();
        List<List<List<Op>>> choices = new ArrayList<>();
        List<Integer> writers = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Role role = slots.get(i).role();
            if (role.kind() == Actor.Kind.WRITER) {
                writers.add(i);
                choices.add(null); // filled per count below
            } else {
                choices.add(otherChoices(role));
            }
        }
        List<Scenario> out = new ArrayList<>();
        for (int[] counts : counts(writers.size(), effective(kind, scope))) {
            List<List<List<Op>>> perSlot = new ArrayList<>(choices);
            for (int w = 0; w < writers.size(); w++) {
                int slot = writers.get(w);
                perSlot.set(slot, dataChoices(slots.get(slot).role(), counts[w], g));
            }
            product(kind, g, slots, perSlot, 0, new LinkedHashMap<>(), out);
        }
        return out;
    }

    /**
     * The scope actually enumerated for {@code scope}: at least one data operation per writer of the
     * kind ({@code mmap-2proc} has two writers, so its least scope is 2).
     */
    public static int effective(ScenarioKind kind, int scope) {
        int writers = (int) kind.slots().stream().filter(s -> s.role().kind() == Actor.Kind.WRITER).count();
        return Math.max(scope, writers);
    }

    /** The number of instances within {@code scope} (as {@link #instances} would list them). */
    public static int count(ScenarioKind kind, Geometry g, int scope) {
        return instances(kind, g, scope).size();
    }

    private static void product(ScenarioKind kind, Geometry g, List<ScenarioKind.Slot> slots,
                                List<List<List<Op>>> perSlot, int i, Map<Character, List<Op>> ops,
                                List<Scenario> out) {
        if (i == slots.size()) {
            out.add(renumber(new Scenario(kind, g, new LinkedHashMap<>(ops))));
            return;
        }
        for (List<Op> choice : perSlot.get(i)) {
            ops.put(slots.get(i).id(), choice);
            product(kind, g, slots, perSlot, i + 1, ops, out);
        }
        ops.remove(slots.get(i).id());
    }

    /** Gives every data operation its own value, 0x11, 0x22, ... in actor order: each store changes the page. */
    private static Scenario renumber(Scenario s) {
        int next = 1;
        Scenario out = s;
        for (Map.Entry<Character, List<Op>> e : s.ops().entrySet()) {
            List<Op> ops = new ArrayList<>();
            for (Op op : e.getValue()) {
                if (op.type().writesData()) {
                    int v = (next * 0x11) & 0xff;
                    ops.add(Op.data(op.type(), op.offset(), op.length(), v == 0 ? 0x5a : v));
                    next++;
                } else {
                    ops.add(op);
                }
            }
            out = out.withOps(e.getKey(), ops);
        }
        return out;
    }

    /** Every way to give {@code writers} writers at least one operation each, at most {@code scope} in all. */
    private static List<int[]> counts(int writers, int scope) {
        List<int[]> out = new ArrayList<>();
        countsFrom(new int[writers], 0, scope, out);
        return out;
    }

    private static void countsFrom(int[] counts, int i, int left, List<int[]> out) {
        if (i == counts.length) {
            out.add(counts.clone());
            return;
        }
        int others = counts.length - i - 1;
        for (int n = 1; n <= left - others; n++) {
            counts[i] = n;
            countsFrom(counts, i + 1, left - n, out);
        }
    }

    /** Every sequence of {@code n} data operations of the writer's type, each of the four shapes. */
    private static List<List<Op>> dataChoices(Role role, int n, Geometry g) {
        OpType type = role.ops().iterator().next();
        List<List<Op>> out = new ArrayList<>();
        out.add(List.of());
        for (int k = 0; k < n; k++) {
            List<List<Op>> longer = new ArrayList<>();
            for (List<Op> prefix : out) {
                for (int[] shape : shapes(g)) {
                    List<Op> ops = new ArrayList<>(prefix);
                    ops.add(Op.data(type, shape[0], shape[1], 1)); // values are given by renumber
                    longer.add(ops);
                }
            }
            out = longer;
        }
        return out;
    }

    private static List<List<Op>> otherChoices(Role role) {
        if (role.ops().contains(OpType.FSYNC)) {
            return List.of(List.of(Op.of(OpType.FSYNC)), List.of(Op.of(OpType.FLUSH), Op.of(OpType.FSYNC)),
                    List.of(Op.of(OpType.FSYNC), Op.of(OpType.FSYNC)));
        }
        OpType type = role.ops().iterator().next();
        return List.of(List.of(Op.of(type)), List.of(Op.of(type), Op.of(type)));
    }
}
