package dev.stablewrites.harness.gen;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioGenerator;
import dev.stablewrites.core.scenario.ScenarioKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenario instances of one kind, drawn within the bounds of docs/model.md §5 by
 * {@link ScenarioGenerator} (1 to 6 operations per writer, generated offsets, lengths and values),
 * and shrunk towards the smallest instance: one operation fewer for an actor that has more than
 * one, then a data operation of one byte, then one at offset 0, most aggressive first. Every
 * shrink is strictly smaller in {@link #size}, so shrinking always ends.
 */
public final class ScenarioGen implements Gen<Scenario> {
    private final ScenarioGenerator generator;

    public ScenarioGen(ScenarioKind kind, Geometry geometry) {
        this.generator = new ScenarioGenerator(kind, geometry);
    }

    @Override
    public Scenario next(SplittableRandom random) {
        return generator.next(random);
    }

    @Override
    public List<Scenario> shrink(Scenario s) {
        return candidates(s);
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

    /**
     * The one-step-smaller neighbours of {@code s}, most aggressive first, all made now; the
     * shrinker takes them lazily from {@link ScenarioShrinks}, in the same order.
     */
    public static List<Scenario> candidates(Scenario s) {
        return ScenarioShrinks.of(s).toList();
    }
}
