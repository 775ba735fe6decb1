package dev.stablewrites.core.footprint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What one or more steps read and wrote: for each object, the parts touched. A part is a field (a
 * positive number, {@link FootprintRecorder#fieldName}), a chunk of 64 elements of an array
 * ({@code -2 - chunk}), or the whole object ({@link #WHOLE}: a JDK collection, whose insides are not
 * told apart). Two footprints conflict when one writes a part the other reads or writes; steps whose
 * footprints do not conflict commute (the self-check in the harness's tests holds the recorder to it).
 */
public final class Footprint {
    /** The whole object. */
    public static final long WHOLE = -1;
    /** Nothing read or written. */
    public static final Footprint EMPTY = new Footprint(new IdentityHashMap<>(), new IdentityHashMap<>(), false);

    /** By identity as recorded; by number once {@link #named}. */
    private final Map<Object, long[]> reads;
    private final Map<Object, long[]> writes;
    /** Touched something it cannot name (a map entry whose map is unknown): conflicts with everything. */
    private final boolean opaque;

    Footprint(Map<Object, long[]> reads, Map<Object, long[]> writes, boolean opaque) {
        this.reads = reads;
        this.writes = writes;
        this.opaque = opaque;
    }

    /** Whether one writes what the other reads or writes (always, if either could not name what it touched). */
    public boolean conflictsWith(Footprint other) {
        return opaque || other.opaque || writesInto(other.reads) || writesInto(other.writes) || other.writesInto(reads);
    }

    /** Whether it touched something it could not name, and so conflicts with every footprint. */
    public boolean isOpaque() {
        return opaque;
    }

    private boolean writesInto(Map<Object, long[]> parts) {
        if (parts.isEmpty()) {
            return false;
        }
        for (Map.Entry<Object, long[]> w : writes.entrySet()) {
            long[] theirs = parts.get(w.getKey());
            if (theirs != null && overlap(w.getValue(), theirs)) {
                return true;
            }
        }
        return false;
    }

    /** Both sorted (chunks, then WHOLE, then fields); WHOLE meets every part. */
    private static boolean overlap(long[] a, long[] b) {
        if (Arrays.binarySearch(a, WHOLE) >= 0 || Arrays.binarySearch(b, WHOLE) >= 0) {
            return true;
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    static long[] mergeSorted(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }

    /**
     * The same footprint with each object replaced by its number in {@code numbers} (the state's
     * {@link dev.stablewrites.core.state.StateFingerprint#numbering} where the steps began), so it can
     * be compared with one named the same way in another run. Objects without a number were made
     * by the steps themselves and are left out: no step before them can have touched them.
     */
    public Footprint named(Map<Object, Integer> numbers) {
        return new Footprint(rename(reads, numbers), rename(writes, numbers), opaque);
    }

    private static Map<Object, long[]> rename(Map<Object, long[]> parts, Map<Object, Integer> numbers) {
        Map<Object, long[]> out = new HashMap<>();
        parts.forEach((o, p) -> {
            Integer n = numbers.get(o);
            if (n != null) {
                out.merge(n, p, Footprint::mergeSorted);
            } else if (o instanceof Class<?> || o instanceof Enum<?>) {
                out.merge(o, p, Footprint::mergeSorted); // a class's statics, an enum constant: one object in every run
            }
        });
        return out;
    }

    public boolean isEmpty() {
        return !opaque && reads.isEmpty() && writes.isEmpty();
    }

    /** Each object read, with its parts (sorted, not to be changed). */
    public void forEachRead(BiConsumer<Object, long[]> action) {
        reads.forEach(action);
    }

    /** Each object written, with its parts (sorted, not to be changed). */
    public void forEachWrite(BiConsumer<Object, long[]> action) {
        writes.forEach(action);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("reads ");
        describe(s, reads);
        s.append("; writes ");
        describe(s, writes);
        return s.toString();
    }

    private static void describe(StringBuilder s, Map<Object, long[]> parts) {
        boolean first = true;
        for (Map.Entry<Object, long[]> e : parts.entrySet()) {
            Object o = e.getKey();
            s.append(first ? "" : ", ").append(o instanceof Integer n ? "#" + n : o.getClass().getSimpleName()).append('{');
            for (int i = 0; i < e.getValue().length; i++) {
                s.append(i == 0 ? "" : " ").append(FootprintRecorder.partName(e.getValue()[i]));
            }
            s.append('}');
            first = false;
        }
    }
}
