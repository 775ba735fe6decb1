package dev.stablewrites.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws scenario instances of one kind within small bounds (DESIGN.md §4): each writer performs 1
 * to 6 operations, each a run of 1 to 64 bytes at a generated offset with a value different from
 * the one before it, so every store really changes the page; a syncer performs 1 or 2 passes, a
 * direct writer or journal 1 to 3.
 */
public final class ScenarioGenerator {
    /** Most data operations a writer performs (enough to exhaust a retry limit of 3). */
    public static final int MAX_WRITER_OPS = 6;
    private static final int[] LENGTHS = {1, 8, 8, 16, 32, 64};

    private final ScenarioKind kind;
    private final Geometry geometry;

    public ScenarioGenerator(ScenarioKind kind, Geometry geometry) {
        this.kind = kind;
        this.geometry = geometry;
    }

    /** One instance, drawn from {@code random}. */
    public Scenario next(SplittableRandom random) {
        Map<Character, List<Op>> ops = new LinkedHashMap<>();
        for (ScenarioKind.Slot slot : kind.slots()) {
            ops.put(slot.id(), opsFor(slot.role(), random));
        }
        return new Scenario(kind, geometry, ops);
    }

    private List<Op> opsFor(Role role, SplittableRandom random) {
        List<Op> ops = new ArrayList<>();
        switch (role) {
            case SYNCER -> {
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    // A flusher pass before the last fsync; the last pass is always an fsync.
                    ops.add(Op.of(i < n - 1 && random.nextInt(4) == 0 ? OpType.FLUSH : OpType.FSYNC));
                }
            }
            case DIO_WRITER, JOURNAL_COMMIT -> {
                int n = 1 + random.nextInt(3);
                OpType type = role == Role.DIO_WRITER ? OpType.DIO : OpType.COMMIT;
                for (int i = 0; i < n; i++) {
                    ops.add(Op.of(type));
                }
            }
            default -> {
                OpType type = role.ops().iterator().next();
                int n = 1 + random.nextInt(MAX_WRITER_OPS);
                int previous = 0;
                for (int i = 0; i < n; i++) {
                    int length = LENGTHS[random.nextInt(LENGTHS.length)];
                    int offset = random.nextInt((geometry.pageSize() - length) / 8 + 1) * 8;
                    int value;
                    do {
                        value = 1 + random.nextInt(255);
                    } while (value == previous);
                    previous = value;
                    ops.add(Op.data(type, offset, length, value));
                }
            }
        }
        return ops;
    }
}
