package dev.stablewrites.core.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recorder sees what a step reads and writes, field by field, by 64-element chunks of arrays,
 * and collections whole (through their iterators and entries too); it leaves out final and
 * {@code @NotState} fields, and records nothing outside a step. A gap here is a pair of steps the
 * reduction would take for independent when their order matters.
 */
@Tag("footprints") // rewrites the model's classes: a fork of its own (parent pom)
class FootprintRecorderTest {
    @BeforeAll
    static void rewriteTheModel() {
        assertTrue(FootprintAgent.enable(), "the build's tests run with -javaagent (the parent pom's argLine)");
    }

    /** What {@code step} touched, recorded as the scheduler records an actor's step. */
    private static Footprint of(Runnable step) {
        try (FootprintRecorder.Recording r = FootprintRecorder.open()) {
            boolean entered = FootprintRecorder.enterStep();
            try {
                step.run();
            } finally {
                FootprintRecorder.exitStep(entered);
            }
            return r.take();
        }
    }

    private static Set<String> reads(Footprint f, Object o) {
        return parts(f::forEachRead, o);
    }

    private static Set<String> writes(Footprint f, Object o) {
        return parts(f::forEachWrite, o);
    }

    /** The names of the parts of {@code o} that one side (reads or writes) of a footprint lists. */
    private static Set<String> parts(java.util.function.Consumer<java.util.function.BiConsumer<Object, long[]>> side,
                                     Object o) {
        Set<String> out = new HashSet<>();
        side.accept((obj, parts) -> {
            if (obj == o) {
                for (long p : parts) {
                    out.add(FootprintRecorder.partName(p));
                }
            }
        });
        return out;
    }

    @Test
    void fields_areReadAndWrittenByName() {
        Sample s = new Sample(7);
        assertEquals(Set.of("Sample.counter"), reads(of(s::readCounter), s));
        Footprint bump = of(s::bump);
        assertEquals(Set.of("Sample.counter"), reads(bump, s));
        assertEquals(Set.of("Sample.counter"), writes(bump, s));
        assertTrue(bump.conflictsWith(of(s::readCounter)), "a write and a read of one field");
        assertFalse(of(s::readCounter).conflictsWith(of(s::readCounter)), "two reads");
    }

    @Test
    void finalAndNotStateFields_areLeftOut() {
        Sample s = new Sample(7);
        assertTrue(of(s::readFixed).isEmpty(), "no step writes a final field");
        assertTrue(of(s::note).isEmpty(), "no step reads a @NotState field");
    }

    @Test
    void arrays_areTouchedBy64ElementChunks() {
        Sample s = new Sample(0);
        Footprint low = of(() -> s.store(3, (byte) 1));
        Footprint high = of(() -> s.store(200, (byte) 1));
        assertEquals(Set.of("[0..63]"), writes(low, s.data));
        assertEquals(Set.of("[192..255]"), writes(high, s.data));
        assertFalse(low.conflictsWith(high), "stores to different chunks of one page");
        assertTrue(low.conflictsWith(of(() -> s.store(60, (byte) 2))), "stores to one chunk");
        byte[] from = new byte[100];
        Footprint copy = of(() -> s.copyIn(from, 50, 100));
        assertEquals(Set.of("[0..63]", "[64..127]", "[128..191]"), writes(copy, s.data));
        assertEquals(Set.of("[0..63]", "[64..127]"), reads(copy, from));
        assertTrue(copy.conflictsWith(low), "arraycopy by its ranges: [50, 150) meets [0, 64)");
        assertFalse(copy.conflictsWith(high), "and misses [192, 256)");
    }

    @Test
    void collections_areWhole_throughIteratorsAndEntriesToo() {
        Sample s = new Sample(0);
        s.list.add(1);
        s.map.put("a", 1);
        Footprint sum = of(s::sumList);
        assertEquals(Set.of("*"), reads(sum, s.list), "a for-each loop reads the list it walks");
        Footprint append = of(() -> s.append(2));
        assertEquals(Set.of("*"), writes(append, s.list));
        assertTrue(sum.conflictsWith(append));
        Footprint doubled = of(s::doubleEach);
        assertEquals(Set.of("*"), writes(doubled, s.map), "Entry.setValue writes the map");
        assertEquals(Set.of("*"), reads(of(s::sizeThroughView), s.list), "an unmodifiable view reads its list");
        List<Integer> other = new ArrayList<>(List.of(5));
        Footprint addAll = of(() -> s.copyListFrom(other));
        assertEquals(Set.of("*"), reads(addAll, other), "a collection handed to the JDK is read");
        assertTrue(addAll.conflictsWith(of(() -> Sample.addTo(other, 3))), "reading it whole meets a later add");
    }

    @Test
    void aWholeObjectRead_meetsEveryChunk_evenBesideChunks() {
        Sample s = new Sample(0);
        Footprint mixed = of(() -> {
            s.store(0, (byte) 1);
            s.cloneData(); // reads data whole: [0..63] and * on one array
        });
        assertTrue(mixed.conflictsWith(of(() -> s.store(200, (byte) 2))), "* is not first among chunk parts");
    }

    @Test
    void oneField_oneName_whicheverClassTheCodeNamedItThrough() {
        SampleSub s = new SampleSub();
        assertTrue(of(s::bumpThroughSub).conflictsWith(of(s::readCounter)), "Sub.counter is Sample.counter");
    }

    @Test
    void staticFields_andChecksums_andArraysHandedToTheJdk() {
        assertTrue(of(Sample::bumpShared).named(Map.of()).conflictsWith(of(Sample::readShared).named(Map.of())),
                "a static field is recorded on its class, which keeps its name in every run");
        Sample s = new Sample(0);
        Footprint crc = of(s::readWithChecksum);
        assertEquals(Set.of("[64..127]"), reads(crc, s.data), "update(buf, 64, 64) reads those bytes only");
        assertFalse(crc.conflictsWith(of(() -> s.store(0, (byte) 1))));
        assertTrue(crc.conflictsWith(of(() -> s.store(100, (byte) 1))));
        Object[] into = new Object[4];
        assertEquals(Set.of("*"), writes(of(() -> s.listToArray(into)), into), "toArray(T[]) writes its argument");
        assertTrue(of(s::cloneData).conflictsWith(of(() -> s.store(255, (byte) 1))), "an array's clone() reads it");
        assertTrue(of(s::describe).conflictsWith(of(() -> s.append(3))), "string concatenation reads the list");
    }

    @Test
    void whatCannotBeNamed_conflictsWithEverything() {
        Sample s = new Sample(0);
        s.map.put("a", 1);
        Footprint entries = of(s::setEveryValue);
        assertTrue(entries.isOpaque(), "an entry reached through forEach: its map is not known");
        assertTrue(entries.conflictsWith(of(s::readCounter)));
        List<Integer> from = new ArrayList<>(List.of(1, 2));
        assertEquals(Set.of("*"), writes(of(() -> s.addAllThroughMethodReference(from)), s.list),
                "list::add captured by a lambda this step runs");
    }

    @Test
    void constructors_recordWhatExistedBefore() {
        List<Integer> joined = new ArrayList<>();
        assertEquals(Set.of("*"), writes(of(() -> new Joiner(joined)), joined));
        assertEquals(Set.of("*"), reads(of(() -> new SizedSample(joined)), joined), "read for super(from.size())");
    }

    @Test
    void anObjectTwoEntriesShare_hasOneNumber_whicheverEntryIsWalkedFirst() {
        int seenBoth = 0;
        for (int i = 0; i < 40; i++) {
            // The same state built twice: two entries of a set reach one object at different depths, and
            // the set's order follows identity hashes, so it differs between the two (as between runs).
            Sample one = new Sample(0);
            Sample two = new Sample(0);
            Object[] first = sharedBySetEntries(one);
            Object[] second = sharedBySetEntries(two);
            assertEquals(dev.stablewrites.core.state.StateFingerprint.numbering(first).get(one),
                    dev.stablewrites.core.state.StateFingerprint.numbering(second).get(two));
            seenBoth++;
        }
        assertEquals(40, seenBoth);
    }

    private static Object[] sharedBySetEntries(Sample shared) {
        java.util.Set<Object> set = new java.util.HashSet<>();
        set.add(new ArrayList<>(List.of(shared)));
        set.add(new ArrayList<>(List.of(new Sample(1), shared)));
        return new Object[] {set};
    }

    @Test
    void nothingIsRecorded_outsideAStep() {
        Sample s = new Sample(0);
        try (FootprintRecorder.Recording r = FootprintRecorder.open()) {
            s.bump();
            assertTrue(r.take().isEmpty(), "the scheduler's scans between steps are not a step");
        }
        assertFalse(FootprintRecorder.enterStep(), "no recording open: nothing to enter");
    }

    @Test
    void named_comparesFootprintsOfTwoRuns_byNumber() {
        Sample first = new Sample(0);
        Sample second = new Sample(0);
        Map<Object, Integer> one = new IdentityHashMap<>(Map.of(first, 1, first.data, 2));
        Map<Object, Integer> two = new IdentityHashMap<>(Map.of(second, 1, second.data, 2));
        Footprint a = of(first::bump).named(one);
        Footprint b = of(second::readCounter).named(two);
        assertTrue(a.conflictsWith(b), "the same object, by number, in two runs");
        Footprint c = of(() -> second.store(1, (byte) 1)).named(two);
        assertFalse(a.conflictsWith(c));
        second.cells.put("k", new int[1]);
        Map<Object, Integer> numbers = dev.stablewrites.core.state.StateFingerprint.numbering(second);
        assertTrue(of(() -> second.bumpCell("k")).named(numbers).conflictsWith(of(() -> second.readCell("k")).named(numbers)),
                "a value only an unordered map reaches still has a number");
        Footprint made = of(() -> new Sample(1).bump()).named(one);
        assertTrue(made.isEmpty(), "an object the step made has no number: no earlier step touched it");
        assertSame(Footprint.EMPTY, of(() -> { }));
    }
}
