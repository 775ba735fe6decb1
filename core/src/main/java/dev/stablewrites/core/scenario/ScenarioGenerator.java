package dev.stablewrites.core.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws scenario instances of one kind within small bounds (docs/model.md §5): each writer performs 1
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

    /**
     * Where a generated buffered-write file ends at the start, besides a whole page: empty (the first
     * write allocates the block), at an interval boundary, inside an interval. A write past it extends
     * the file, so generated instances include appends.
     */
    private static final int[] FILE_SIZES = {0, 0x200, 0x104};

    /** One instance, drawn from {@code random}. */
    public Scenario next(SplittableRandom random) {
        Map<Character, List<Op>> ops = new LinkedHashMap<>();
        for (ScenarioKind.Slot slot : kind.slots()) {
            ops.put(slot.id(), opsFor(slot.role(), random));
        }
        Geometry g = geometry;
        // Drawn after the operations, so the instances of other kinds stay what they were.
        if (kind == ScenarioKind.BUFFERED_WRITE && geometry.fileSize() == geometry.pageSize() && random.nextInt(2) == 0) {
            g = geometry.withFileSize(Math.min(FILE_SIZES[random.nextInt(FILE_SIZES.length)], geometry.pageSize() / 2));
        }
        return new Scenario(kind, g, ops);
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
            case DIO_WRITER -> {
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    ops.add(Op.of(OpType.DIO));
                }
            }
            case JOURNAL_COMMIT -> {
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    ops.add(Op.of(OpType.COMMIT));
                    if (random.nextInt(3) == 0) {
                        ops.add(Op.of(OpType.CHECKPOINT)); // log full: write the logged buffer home
                    }
                }
            }
            case KJOURNALD -> {
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    ops.add(Op.of(OpType.COMMIT));
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
