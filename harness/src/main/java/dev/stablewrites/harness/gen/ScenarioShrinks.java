package dev.stablewrites.harness.gen;

import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioGenerator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The one-step-smaller neighbours of a scenario, made one at a time as the shrinker asks for them.
 * A hand-written scenario may hold thousands of operations: making every neighbour up front costs
 * one copy of the operation list per neighbour (6,000 operations: 36 million references before
 * the first run), while a shrinker that succeeds early looks at only a few of them.
 *
 * <p>Order, most aggressive first: for an actor with more operations than a generator ever draws
 * ({@link ScenarioGenerator#MAX_WRITER_OPS}), contiguous halves, then quarters, and so on down to
 * pairs of its operations (as delta debugging does, so that a long list halves in a few
 * successful steps instead of shrinking one operation per round); then one operation fewer for an
 * actor with more than one; then a data operation of one byte; then one at offset 0. Every
 * neighbour is strictly smaller in {@link ScenarioGen#size} order. For a scenario a generator
 * drew, the order is exactly {@link ScenarioGen#candidates}'s before chunks existed, so shrunk
 * counterexamples of generated instances do not change.
 */
public final class ScenarioShrinks implements Iterable<Scenario> {
    private final Scenario scenario;

    private ScenarioShrinks(Scenario scenario) {
        this.scenario = scenario;
    }

    /** The neighbours of {@code s}, made lazily. */
    public static ScenarioShrinks of(Scenario s) {
        return new ScenarioShrinks(s);
    }

    @Override
    public Iterator<Scenario> iterator() {
        // Each edit is a small recipe; the scenario it makes is built only when asked for.
        List<Supplier<Scenario>> edits = new ArrayList<>();
        scenario.ops().forEach((id, ops) -> {
            int n = ops.size();
            if (n <= ScenarioGenerator.MAX_WRITER_OPS) {
                return;
            }
            for (int chunk = n / 2; chunk >= 2; chunk /= 2) {
                for (int start = 0; start < n; start += chunk) {
                    int from = start;
                    int to = Math.min(n, start + chunk);
                    if (to - from < n) {
                        edits.add(() -> scenario.withOps(id, without(ops, from, to)));
                    }
                }
            }
        });
        scenario.ops().forEach((id, ops) -> {
            for (int i = 0; ops.size() > 1 && i < ops.size(); i++) {
                int at = i;
                edits.add(() -> scenario.withOps(id, without(ops, at, at + 1)));
            }
        });
        scenario.ops().forEach((id, ops) -> {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.type().writesData() && op.length() > 1) {
                    int at = i;
                    edits.add(() -> scenario.withOps(id, replace(ops, at, Op.data(op.type(), op.offset(), 1,
                            op.value()))));
                }
            }
        });
        scenario.ops().forEach((id, ops) -> {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.type().writesData() && op.offset() > 0) {
                    int at = i;
                    edits.add(() -> scenario.withOps(id, replace(ops, at, Op.data(op.type(), 0, op.length(),
                            op.value()))));
                }
            }
        });
        Iterator<Supplier<Scenario>> it = edits.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Scenario next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next().get();
            }
        };
    }

    /** Every neighbour, made now: for tests and small scenarios. */
    public List<Scenario> toList() {
        List<Scenario> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    private static List<Op> without(List<Op> ops, int from, int to) {
        List<Op> fewer = new ArrayList<>(ops.size() - (to - from));
        fewer.addAll(ops.subList(0, from));
        fewer.addAll(ops.subList(to, ops.size()));
        return fewer;
    }

    private static List<Op> replace(List<Op> ops, int i, Op op) {
        List<Op> copy = new ArrayList<>(ops);
        copy.set(i, op);
        return copy;
    }
}
