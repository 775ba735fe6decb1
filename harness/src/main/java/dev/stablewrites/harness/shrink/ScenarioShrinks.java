package dev.stablewrites.harness.shrink;

import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-step-smaller neighbours of a scenario, most aggressive first: one operation fewer for an
 * actor that has more than one, then a data operation of one byte, then one at offset 0. Every
 * candidate is strictly smaller in {@link #size}, so shrinking always ends.
 */
public final class ScenarioShrinks {
    private ScenarioShrinks() {
    }

    /** Size order: operations, then bytes written, then the sum of offsets. */
    public static long[] size(Scenario s) {
        long ops = 0;
        long bytes = 0;
        long offsets = 0;
        for (List<Op> list : s.ops().values()) {
            ops += list.size();
            for (Op op : list) {
                bytes += op.length();
                offsets += op.offset();
            }
        }
        return new long[] {ops, bytes, offsets};
    }

    /** Whether {@code a} is smaller than {@code b} in {@link #size} order. */
    public static boolean smaller(Scenario a, Scenario b) {
        return java.util.Arrays.compare(size(a), size(b)) < 0;
    }

    public static List<Scenario> candidates(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        s.ops().forEach((id, ops) -> {
            for (int i = 0; ops.size() > 1 && i < ops.size(); i++) {
                List<Op> fewer = new ArrayList<>(ops);
                fewer.remove(i);
                out.add(s.withOps(id, fewer));
            }
        });
        s.ops().forEach((id, ops) -> {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.type().writesData() && op.length() > 1) {
                    out.add(s.withOps(id, replace(ops, i, Op.data(op.type(), op.offset(), 1, op.value()))));
                }
            }
        });
        s.ops().forEach((id, ops) -> {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.type().writesData() && op.offset() > 0) {
                    out.add(s.withOps(id, replace(ops, i, Op.data(op.type(), 0, op.length(), op.value()))));
                }
            }
        });
        return out;
    }

    private static List<Op> replace(List<Op> ops, int i, Op op) {
        List<Op> copy = new ArrayList<>(ops);
        copy.set(i, op);
        return copy;
    }
}
