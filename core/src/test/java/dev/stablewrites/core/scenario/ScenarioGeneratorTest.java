package dev.stablewrites.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.sched.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guards the generator's bounds: every drawn instance is valid, printable, replayable and really changes data. */
class ScenarioGeneratorTest {

    private static final int INSTANCES = 500;
    private static final long SEED = 0x5CE7A210L;
    private static final Set<Integer> LENGTHS = Set.of(1, 8, 16, 32, 64);

    private static List<Scenario> draw(ScenarioKind kind, Geometry g, long seed, int n) {
        ScenarioGenerator gen = new ScenarioGenerator(kind, g);
        SplittableRandom random = new SplittableRandom(seed);
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gen.next(random));
        }
        return out;
    }

    @org.junit.jupiter.api.Test
    void generatedBufferedWrites_includeAppends_fromAnEmptyFileAndFromInsideAnInterval() {
        Set<Integer> sizes = new java.util.TreeSet<>();
        int appends = 0;
        for (Scenario s : draw(ScenarioKind.BUFFERED_WRITE, Geometry.DEFAULT, SEED, INSTANCES)) {
            sizes.add(s.geometry().fileSize());
            for (Op op : s.opsOf('A')) {
                appends += op.offset() + op.length() > s.geometry().fileSize() ? 1 : 0;
            }
        }
        assertEquals(Set.of(0, 0x104, 0x200, 4096), sizes);
        assertTrue(appends > INSTANCES / 4, "writes past i_size: " + appends);
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void generatedInstances_areValid_andParseBackToEqualValues(ScenarioKind kind) {
        for (Scenario s : draw(kind, Geometry.DEFAULT, SEED, INSTANCES)) {
            assertEquals(kind, s.kind());
            // A generated buffered-write file may start short of a page, so that its writes append.
            assertEquals(Geometry.DEFAULT, s.geometry().withFileSize(Geometry.DEFAULT.pageSize()));
            // the constructor validates: rebuilding from the parts must not throw and must be equal
            assertEquals(s, new Scenario(s.kind(), s.geometry(), s.ops()));
            Scenario back = Scenario.parse(s.toString());
            assertEquals(s, back, s::toString);
            assertEquals(s.toString(), back.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void eachActor_getsOnlyOperationsOfItsRole(ScenarioKind kind) {
        for (Scenario s : draw(kind, Geometry.DEFAULT, SEED, INSTANCES)) {
            assertEquals(kind.slots().size(), s.ops().size(), s.toString());
            for (ScenarioKind.Slot slot : kind.slots()) {
                for (Op op : s.opsOf(slot.id())) {
                    assertTrue(slot.role().ops().contains(op.type()), () -> slot.id() + " " + op + " in " + s);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void writers_perform1To6DataOps_withFreshValuesThatFitThePage(ScenarioKind kind) {
        checkWriters(kind, Geometry.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void writers_fitTheSmallestAndLargestPage(ScenarioKind kind) {
        checkWriters(kind, new Geometry(512, 512, Integrity.NONE, DeviceKind.DISK));
        checkWriters(kind, new Geometry(65536, 4096, Integrity.NVME_CRC64, DeviceKind.RAID1));
    }

    private static void checkWriters(ScenarioKind kind, Geometry g) {
        TreeSet<Integer> counts = new TreeSet<>();
        int writerSlots = 0;
        for (ScenarioKind.Slot slot : kind.slots()) {
            if (slot.role().kind() == Actor.Kind.WRITER) {
                writerSlots++;
            }
        }
        assertTrue(writerSlots > 0, "every kind has a writer");
        for (Scenario s : draw(kind, g, SEED, INSTANCES)) {
            assertEquals(s, Scenario.parse(s.toString()));
            for (ScenarioKind.Slot slot : kind.slots()) {
                if (slot.role().kind() != Actor.Kind.WRITER) {
                    continue;
                }
                List<Op> ops = s.opsOf(slot.id());
                assertTrue(ops.size() >= 1 && ops.size() <= ScenarioGenerator.MAX_WRITER_OPS,
                        () -> ops.size() + " in " + s);
                counts.add(ops.size());
                int previous = -1;
                for (Op op : ops) {
                    assertTrue(op.type().writesData(), () -> op + " in " + s);
                    assertTrue(op.value() >= 1 && op.value() <= 255, () -> op + " in " + s);
                    assertNotEquals(previous, op.value(), () -> "consecutive equal values in " + s);
                    previous = op.value();
                    assertTrue(LENGTHS.contains(op.length()), () -> op + " in " + s);
                    assertTrue(op.offset() >= 0 && op.offset() + op.length() <= g.pageSize(), () -> op + " in " + s);
                    assertEquals(0, op.offset() % 8, () -> op + " in " + s);
                }
            }
        }
        assertEquals(1, counts.first(), "no writer with a single op in " + INSTANCES);
        assertEquals(ScenarioGenerator.MAX_WRITER_OPS, counts.last(), "no writer with the most ops in " + INSTANCES);
        assertEquals(6, ScenarioGenerator.MAX_WRITER_OPS);
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void syncers_perform1Or2Passes_endingWithFsync(ScenarioKind kind) {
        boolean hasSyncer = kind.slots().stream().anyMatch(s -> s.role() == Role.SYNCER);
        TreeSet<Integer> counts = new TreeSet<>();
        boolean sawFlush = false;
        for (Scenario s : draw(kind, Geometry.DEFAULT, SEED, INSTANCES)) {
            for (ScenarioKind.Slot slot : kind.slots()) {
                if (slot.role() != Role.SYNCER) {
                    continue;
                }
                List<Op> ops = s.opsOf(slot.id());
                assertTrue(ops.size() == 1 || ops.size() == 2, () -> ops + " in " + s);
                assertEquals(Op.of(OpType.FSYNC), ops.get(ops.size() - 1), s::toString);
                counts.add(ops.size());
                sawFlush |= ops.get(0).type() == OpType.FLUSH;
            }
        }
        if (hasSyncer) {
            assertEquals(Set.of(1, 2), counts);
            assertTrue(sawFlush, "a flusher pass never drawn in " + INSTANCES);
        } else {
            assertTrue(counts.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void directWritersAndCommits_perform1To3Ops(ScenarioKind kind) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (Scenario s : draw(kind, Geometry.DEFAULT, SEED, INSTANCES)) {
            for (ScenarioKind.Slot slot : kind.slots()) {
                OpType expected = switch (slot.role()) {
                    case DIO_WRITER -> OpType.DIO;
                    case JOURNAL_COMMIT -> OpType.COMMIT;
                    default -> null;
                };
                if (expected == null) {
                    continue;
                }
                // jbd2's thread may also checkpoint after a commit; the commits are what is counted.
                List<Op> ops = s.opsOf(slot.id()).stream().filter(op -> op.type() != OpType.CHECKPOINT).toList();
                assertTrue(ops.size() >= 1 && ops.size() <= 3, () -> ops + " in " + s);
                for (Op op : ops) {
                    assertEquals(Op.of(expected), op, s::toString);
                }
                counts.add(ops.size());
            }
        }
        if (kind == ScenarioKind.ODIRECT || kind == ScenarioKind.JOURNAL) {
            assertEquals(Set.of(1, 2, 3), counts);
        } else {
            assertTrue(counts.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(ScenarioKind.class)
    void sameSeed_givesTheSameSequence_differentSeedAnotherOne(ScenarioKind kind) {
        List<Scenario> a = draw(kind, Geometry.DEFAULT, SEED, 50);
        List<Scenario> b = draw(kind, Geometry.DEFAULT, SEED, 50);
        List<Scenario> c = draw(kind, Geometry.DEFAULT, SEED + 1, 50);

        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(new TreeSet<>(a.stream().map(Scenario::toString).toList()).size() > 40,
                "too few distinct instances");
    }
}
