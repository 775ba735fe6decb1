package dev.stablewrites.core.state;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Fingerprints the object graph of a running simulation (TLC-style state caching, Yu, Manolios and
 * Lamport, CHARME 1999): every field reachable from the root except those marked {@link NotState},
 * walked in a fixed order, with shared objects numbered by first visit so that aliasing counts
 * (two PTEs of one page differ from two pages). Pending steps are closures; their captured
 * variables are fields of the lambda's class and are walked like any other, so an actor's program
 * is part of the state with everything it will read.
 *
 * <p>Ordered collections are walked in order; unordered ones (a {@code HashMap}, {@code Set.of})
 * are summed entry by entry, so their iteration order, which may depend on identity hash codes,
 * never reaches the fingerprint. Their entries are summed last, once everything reachable by
 * ordered paths has its number, so an entry that refers to an object the rest of the state holds
 * differs from one holding an equal copy, wherever the collection sits. The limit: an object that
 * only entries of unordered collections reach is numbered within each entry alone, so two entries
 * sharing it look like two holding equal copies. A JDK type it does not know is refused with
 * {@link Unsupported} rather than guessed at.
 */
public final class StateFingerprint {
    /** The state holds something the fingerprint cannot read faithfully. */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;
    private static final long NULL = 0x5BD1E995L;
    private static final long REF = 0x1B873593L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** How an object of a class is read: decided once per class, since every state visits the same classes. */
    private enum Shape { FIELDS, VALUE, ARRAY, OTHER }

    /** A field's type as the walk reads it, decided once. */
    private static final byte REFERENCE = 0, BOOLEAN = 1, INT = 2, LONG = 3, CHAR = 4, BYTE = 5, SHORT = 6,
            DOUBLE = 7, FLOAT = 8;

    /**
     * One class's reading plan. A class read field by field has its fields looked up here, so a JDK
     * class the walk cannot read is refused ({@link Unsupported}) when it is first met, as before.
     */
    private static final class Plan {
        final Shape shape;
        final long name;
        final boolean notState;
        final Field[] fields;
        final byte[] kinds;
        /** Each field's offset for {@link #UNSAFE}, or -1 where only reflection may read it. */
        final long[] offsets;
        /**
         * Per reference field, the class it last held with that class's plan: a field nearly always
         * holds one class, so the table lookup is skipped. One object, so a racing reader sees a pair.
         */
        final LastClass[] lastClass;

        Plan(Class<?> c) {
            shape = c == String.class || c == Integer.class || c == Short.class || c == Byte.class || c == Long.class
                    || c == Character.class || c == Boolean.class || c == Double.class || c == Float.class
                    || Enum.class.isAssignableFrom(c) || c == Class.class ? Shape.VALUE
                    : c.isArray() ? Shape.ARRAY
                    : BitSet.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
                            || Collection.class.isAssignableFrom(c)
                            || java.util.concurrent.atomic.AtomicInteger.class.isAssignableFrom(c)
                            || java.util.concurrent.atomic.AtomicLong.class.isAssignableFrom(c)
                            || java.util.concurrent.atomic.AtomicBoolean.class.isAssignableFrom(c)
                            || c == java.util.Optional.class || c == StringBuilder.class ? Shape.OTHER
                    : Shape.FIELDS;
            name = nameOf(c);
            notState = c.isAnnotationPresent(NotState.class);
            fields = shape == Shape.FIELDS && !notState ? stateFields(c) : new Field[0];
            kinds = new byte[fields.length];
            offsets = new long[fields.length];
            lastClass = new LastClass[fields.length];
            for (int i = 0; i < fields.length; i++) {
                offsets[i] = offsetOf(c, fields[i]);
                Class<?> t = fields[i].getType();
                kinds[i] = !t.isPrimitive() ? REFERENCE : t == boolean.class ? BOOLEAN : t == int.class ? INT
                        : t == long.class ? LONG : t == char.class ? CHAR : t == byte.class ? BYTE
                        : t == short.class ? SHORT : t == double.class ? DOUBLE : FLOAT;
            }
        }
    }

    /**
     * Reads fields without reflection's per-call checks: every state reads the same few hundred
     * fields, and through {@link Field} a fingerprint took a fifth longer or more on Java 17. Null
     * when the JDK does not offer it, or warns when it is used (JDK 24 on, JEP 498); then every field
     * is read through {@link Field}, which from JDK 18 on is method handles underneath (JEP 416).
     */
    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private static sun.misc.Unsafe unsafe() {
        if (Runtime.version().feature() >= 24) {
            return null;
        }
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Where {@code f} of {@code c} lies, or -1: the JDK gives no offset in a lambda's or a record's class. */
    private static long offsetOf(Class<?> c, Field f) {
        if (UNSAFE == null || c.isHidden() || f.getDeclaringClass().isHidden() || f.getDeclaringClass().isRecord()) {
            return -1;
        }
        try {
            return UNSAFE.objectFieldOffset(f);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A class and its plan, as one field last met them. */
    private record LastClass(Class<?> type, Plan plan) {
    }

    /**
     * Plans by class, looked up at every object of every state: open addressing on the class's identity
     * hash, class and plan side by side, copied on write (the classes are few and all met early). Unlike
     * a {@code ClassValue} it keeps every class it has met (a few dozen model classes and their lambdas)
     * for the life of the JVM.
     */
    private static volatile Object[] plans = new Object[2 * 512];
    private static final Object PLANS_LOCK = new Object();

    /** Where open addressing by identity starts looking for {@code o} in a table of {@code mask + 1} slots. */
    private static int slot(Object o, int mask) {
        return System.identityHashCode(o) * 0x61C88647 >>> 7 & mask;
    }

    private static Plan planOf(Class<?> c) {
        Object[] t = plans;
        int mask = (t.length >> 1) - 1;
        for (int i = slot(c, mask); ; i = (i + 1) & mask) {
            Object k = t[2 * i];
            if (k == c) {
                return (Plan) t[2 * i + 1];
            }
            if (k == null) {
                return addPlan(c);
            }
        }
    }

    private static Plan addPlan(Class<?> c) {
        synchronized (PLANS_LOCK) {
            Object[] t = plans;
            int mask = (t.length >> 1) - 1;
            for (int i = slot(c, mask); t[2 * i] != null; i = (i + 1) & mask) {
                if (t[2 * i] == c) {
                    return (Plan) t[2 * i + 1]; // added by another thread meanwhile
                }
            }
            return grownWith(t, c);
        }
    }

    /** A copy of {@code t} with {@code c}'s plan, published; nothing is kept when the plan is refused. */
    private static Plan grownWith(Object[] t, Class<?> c) {
        Plan plan = new Plan(c); // may throw Unsupported for a JDK type the walk cannot read
        int size = 1;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != null) {
                size++;
            }
        }
        Object[] grown = new Object[4 * size > t.length / 2 ? 2 * t.length : t.length];
        int gmask = (grown.length >> 1) - 1;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i] != null) {
                putPlan(grown, gmask, (Class<?>) t[i], t[i + 1]);
            }
        }
        putPlan(grown, gmask, c, plan);
        plans = grown;
        return plan;
    }

    private static void putPlan(Object[] t, int mask, Class<?> c, Object plan) {
        int i = slot(c, mask);
        while (t[2 * i] != null) {
            i = (i + 1) & mask;
        }
        t[2 * i] = c;
        t[2 * i + 1] = plan;
    }

    private static final ClassValue<Long> NAMES = new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> k) {
            return fmix(k.getName().hashCode() * M1 + k.getName().length());
        }
    };

    private final IdMap ids;
    /** The walk this one is an unordered entry of: its objects keep their numbers here; null at the root. */
    private final StateFingerprint parent;
    /** Where this walk's own numbers start, apart from every enclosing walk's. */
    private final int base;
    private StringBuilder dump;
    /** For {@link #numbering}: the objects entries' own walks numbered (null otherwise). */
    private IdentityHashMap<Object, Integer> entryObjects;
    private String path = "";
    /**
     * The root walk's unordered collections, summed only after everything reachable by ordered paths
     * has its number (null in an entry's walk, which sums its own at once).
     */
    private List<Deferred> deferred;

    /** An unordered collection met by the root walk, with where it was met (for the dump). */
    private record Deferred(Object collection, String path) {
    }
    private long h1 = 0x243F6A8885A308D3L;
    private long h2 = 0x13198A2E03707344L;

    /**
     * The root walk's map, one per thread and emptied slot by slot after each walk, instead of a fresh
     * one allocated (and grown) for every state.
     */
    private static final ThreadLocal<IdMap> ROOT_IDS = ThreadLocal.withInitial(() -> new IdMap(1024, true));

    private StateFingerprint(StateFingerprint parent) {
        this.parent = parent;
        this.base = parent == null ? 0 : parent.base + parent.ids.size() + 1_000_000;
        this.ids = parent == null ? rootIds() : new IdMap(16, false);
    }

    /** This thread's root map, or a fresh one while it is in use (a walk inside a walk: none today). */
    private static IdMap rootIds() {
        IdMap m = ROOT_IDS.get();
        if (m.inUse) {
            return new IdMap(1024, false);
        }
        m.inUse = true;
        return m.reset();
    }

    /** Hands this walk's root map back to its thread, empty, so that it keeps no state alive. */
    private void release() {
        if (ids.used != null) {
            ids.reset();
            ids.inUse = false;
        }
    }

    /**
     * Objects already visited and their numbers, by identity: open addressing without boxing, as
     * every object of every state goes through it.
     */
    private static final class IdMap {
        private Object[] keys;
        private int[] values;
        /** The slots in use, so that {@link #reset} touches only those; null in a map that is never reused. */
        private int[] used;
        private int size;
        private boolean inUse;

        IdMap(int capacity, boolean reused) {
            keys = new Object[capacity];
            values = new int[capacity];
            used = reused ? new int[capacity / 2] : null;
        }

        IdMap reset() {
            for (int k = 0; k < size; k++) {
                keys[used[k]] = null;
            }
            size = 0;
            return this;
        }

        /** The number of {@code o}, or -1. */
        int get(Object o) {
            int mask = keys.length - 1;
            for (int i = slot(o, mask); ; i = (i + 1) & mask) {
                Object k = keys[i];
                if (k == o) {
                    return values[i];
                }
                if (k == null) {
                    return -1;
                }
            }
        }

        void put(Object o, int id) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = slot(o, mask);
            while (keys[i] != null && keys[i] != o) {
                i = (i + 1) & mask;
            }
            if (keys[i] == null) {
                if (used != null) {
                    used[size] = i;
                }
                size++;
            }
            keys[i] = o;
            values[i] = id;
        }

        int size() {
            return size;
        }

        private void grow() {
            Object[] oldKeys = keys;
            int[] oldValues = values;
            keys = new Object[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            used = used == null ? null : new int[oldKeys.length];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
    }

    /** The fingerprint of everything reachable from {@code root}. */
    public static Fingerprint of(Object root) {
        StateFingerprint f = new StateFingerprint(null);
        try {
            f.walkRoot(root);
            return new Fingerprint(fmix(f.h1), fmix(f.h2 ^ f.ids.size()));
        } finally {
            f.release();
        }
    }

    /**
     * The number the fingerprint's walk gives each object it reaches by an ordered path: the same
     * state numbers its objects the same way in every run, so a footprint named by these numbers
     * ({@link dev.stablewrites.core.footprint.Footprint#named}) can be compared with one recorded in
     * another run from the same state. Objects only entries of unordered collections reach have the
     * least number any entry's own walk gives them (each entry's walk is the same in every run, and
     * the least does not depend on the order entries are met in): entries share those numbers, which
     * can make two objects one (a conflict too many, never one too few).
     */
    public static IdentityHashMap<Object, Integer> numbering(Object root) {
        StateFingerprint f = new StateFingerprint(null);
        f.entryObjects = new IdentityHashMap<>();
        try {
            f.walkRoot(root);
            IdentityHashMap<Object, Integer> out = f.entryObjects;
            copyInto(f.ids, out);
            return out;
        } finally {
            f.release();
        }
    }

    /** Adds {@code ids}' numbers to {@code out}, keeping the least for an object numbered twice. */
    private static void copyInto(IdMap ids, IdentityHashMap<Object, Integer> out) {
        Object[] keys = ids.keys;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                out.merge(keys[i], ids.values[i], Math::min);
            }
        }
    }

    /**
     * Walks everything reachable by ordered paths first, numbering it, and only then sums the
     * entries of the unordered collections met on the way, in the order they were met: an object an
     * entry shares with the rest of the state has its number by then, wherever the collection sits.
     */
    private void walkRoot(Object root) {
        deferred = new ArrayList<>();
        visit(root);
        for (int i = 0; i < deferred.size(); i++) {
            Deferred d = deferred.get(i);
            path = d.path();
            mix(d.collection() instanceof Map<?, ?> m ? sumEntries(m) : sumElements((Collection<?>) d.collection()));
        }
        path = "";
    }

    /**
     * Every value the fingerprint reads, one {@code path = value} per line: for finding out why two
     * states that should be one are not (a counter that belongs in {@link NotState}).
     */
    public static String dump(Object root) {
        StateFingerprint f = new StateFingerprint(null);
        f.dump = new StringBuilder();
        try {
            f.walkRoot(root);
            return f.dump.toString();
        } finally {
            f.release();
        }
    }

    private void mix(long x) {
        if (dump != null) {
            dump.append(path).append(" = ").append(x).append('\n');
        }
        h1 = Long.rotateLeft(h1 ^ (x * M1), 31) * M2;
        h2 = Long.rotateLeft(h2 + (x ^ M2), 27) * M1 + 0x632BE59BD9B4E019L;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    private int idOf(Object o) {
        int id = ids.get(o);
        return id < 0 && parent != null ? parent.idOf(o) : id;
    }

    private void visit(Object o) {
        if (o == null) {
            mix(NULL);
            return;
        }
        Class<?> c = o.getClass();
        visit(o, c, planOf(c));
    }

    private void visit(Object o, Class<?> c, Plan plan) {
        if (plan.shape == Shape.VALUE) {
            visitValue(o);
            return;
        }
        int seen = idOf(o);
        if (seen >= 0) {
            mix(REF);
            mix(seen);
            return;
        }
        mix(plan.name);
        if (plan.notState) {
            return; // a record of the run, not state: its presence counts, its contents do not
        }
        ids.put(o, base + ids.size());
        if (plan.shape == Shape.FIELDS) {
            visitFields(o, c, plan);
        } else if (plan.shape == Shape.ARRAY) {
            visitArray(o);
        } else if (o instanceof BitSet b) {
            // Its set bits in order, then a terminator: no copy of its words for every state.
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                mix(i);
            }
            mix(-1);
        } else if (o instanceof Map<?, ?> m) {
            visitMap(m);
        } else if (o instanceof Collection<?> col) {
            visitCollection(col);
        } else if (o instanceof java.util.concurrent.atomic.AtomicInteger a) {
            mix(a.get());
        } else if (o instanceof java.util.concurrent.atomic.AtomicLong a) {
            mix(a.get());
        } else if (o instanceof java.util.concurrent.atomic.AtomicBoolean a) {
            mix(a.get() ? 1 : 0);
        } else if (o instanceof java.util.Optional<?> opt) {
            visit(opt.orElse(null));
        } else if (o instanceof StringBuilder sb) {
            mix(sb.toString().hashCode());
            mix(sb.length());
        }
    }

    /** Values compared by content, never by identity: the classes {@link Plan} reads as {@link Shape#VALUE}. */
    private void visitValue(Object o) {
        if (o instanceof String s) {
            mix(s.hashCode());
            mix(s.length());
        } else if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            mix(((Number) o).intValue());
        } else if (o instanceof Long l) {
            mix(l);
        } else if (o instanceof Character ch) {
            mix(ch);
        } else if (o instanceof Boolean b) {
            mix(b ? 3 : 5);
        } else if (o instanceof Double d) {
            mix(Double.doubleToLongBits(d));
        } else if (o instanceof Float fl) {
            mix(Float.floatToIntBits(fl));
        } else if (o instanceof Enum<?> e) {
            mix(planOf(e.getDeclaringClass()).name);
            mix(e.ordinal());
        } else {
            mix(nameOf((Class<?>) o)); // the last of the value classes the plan names
        }
    }

    /** What {@link #mixBytes} compares runs of bytes with, a chunk at a time, to skip them when zero. */
    private static final byte[] ZEROS = new byte[4096];

    /**
     * Pages and media are most of the state by size, and mostly zeros: a scenario stores a few bytes
     * into a page. So only the nonzero 8-byte words are hashed, each with its offset; runs of zeros
     * are skipped by {@link Arrays#mismatch}, which the JIT vectorizes. The two sums over words are
     * order-free, and a word's hash is a bijection of the word for each offset, so equal arrays give
     * equal sums and unequal ones differ but by a 2<sup>-64</sup> chance in each.
     */
    private void mixBytes(byte[] a) {
        int n = a.length;
        long s1 = 0;
        long s2 = 0;
        int i = 0;
        while (i < n) {
            if (i + 8 > n || (long) LONGS.get(a, i) == 0) {
                int chunk = Math.min(n - i, ZEROS.length);
                int m = Arrays.mismatch(a, i, i + chunk, ZEROS, 0, chunk);
                if (m < 0) {
                    i += chunk;
                    continue;
                }
                i = (i + m) & ~7; // the aligned word holding the first nonzero byte
            }
            long w = i + 8 <= n ? (long) LONGS.get(a, i) : tail(a, i);
            s1 += fmix((w ^ 0x632BE59BD9B4E019L) * M1 + i);
            s2 += fmix(Long.rotateLeft(w, 29) * M2 + (long) i * M1 + 1);
            i += 8;
        }
        mix(n);
        mix(s1);
        mix(s2);
    }

    /** The last bytes of {@code a} from {@code i}, fewer than eight, as one word. */
    private static long tail(byte[] a, int i) {
        long w = 0;
        for (int k = a.length - 1; k >= i; k--) {
            w = w << 8 | (a[k] & 0xFF);
        }
        return w;
    }

    private void visitArray(Object o) {
        if (o instanceof byte[] a) {
            mixBytes(a);
        } else if (o instanceof int[] a) {
            mix(a.length);
            for (int x : a) {
                mix(x);
            }
        } else if (o instanceof long[] a) {
            mix(a.length);
            for (long x : a) {
                mix(x);
            }
        } else if (o instanceof boolean[] a) {
            mix(a.length);
            for (boolean x : a) {
                mix(x ? 1 : 0);
            }
        } else if (o instanceof char[] a) {
            mix(a.length);
            for (char x : a) {
                mix(x);
            }
        } else if (o instanceof short[] a) {
            mix(a.length);
            for (short x : a) {
                mix(x);
            }
        } else if (o instanceof Object[] a) {
            mix(a.length);
            for (Object x : a) {
                visit(x);
            }
        } else {
            throw new Unsupported("cannot fingerprint an array of " + o.getClass().getComponentType());
        }
    }

    private void visitCollection(Collection<?> col) {
        mix(col.size());
        if (col instanceof Set<?> && !(col instanceof SortedSet<?>) && !(col instanceof java.util.LinkedHashSet<?>)
                && !(col instanceof java.util.EnumSet<?>)) {
            if (deferred != null) {
                deferred.add(new Deferred(col, path));
            } else {
                mix(sumElements(col));
            }
            return;
        }
        // Lists by index (an array list, an immutable list: an iterator would be an allocation for
        // every walk), the deque through its own class, which the JIT can inline.
        if (col instanceof List<?> list && col instanceof java.util.RandomAccess) {
            for (int i = 0, n = list.size(); i < n; i++) {
                visit(list.get(i));
            }
        } else if (col instanceof java.util.ArrayDeque<?> deque) {
            for (Object e : deque) {
                visit(e);
            }
        } else {
            for (Object e : col) {
                visit(e);
            }
        }
    }

    private void visitMap(Map<?, ?> m) {
        mix(m.size());
        if (m instanceof SortedMap<?, ?> || m instanceof java.util.LinkedHashMap<?, ?>
                || m instanceof java.util.EnumMap<?, ?>) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                visit(e.getKey());
                visit(e.getValue());
            }
            return;
        }
        if (deferred != null) {
            deferred.add(new Deferred(m, path));
        } else {
            mix(sumEntries(m));
        }
    }

    /** The order-free sum of an unordered collection's elements, each walked apart. */
    private long sumElements(Collection<?> col) {
        long sum = 0;
        for (Object e : col) {
            sum += apart(e, null);
        }
        return sum;
    }

    /** The order-free sum of an unordered map's entries, each walked apart. */
    private long sumEntries(Map<?, ?> m) {
        long sum = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sum += apart(e.getKey(), e.getValue());
        }
        return sum;
    }

    /**
     * One entry of an unordered collection, hashed on its own so that the sum over entries does not
     * depend on their order. Objects first met inside it are numbered apart from the rest.
     */
    private long apart(Object key, Object value) {
        StateFingerprint sub = new StateFingerprint(this); // reads this walk's numbers, adds none to them
        sub.visit(key);
        sub.visit(value);
        StateFingerprint root = this;
        while (root.parent != null) {
            root = root.parent;
        }
        if (root.entryObjects != null) {
            copyInto(sub.ids, root.entryObjects);
        }
        return fmix(sub.h1) ^ sub.h2;
    }

    private void visitFields(Object o, Class<?> c, Plan plan) {
        String at = path;
        Field[] fields = plan.fields;
        byte[] kinds = plan.kinds;
        long[] offsets = plan.offsets;
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            if (dump != null) {
                path = at + "/" + c.getSimpleName() + "." + f.getName();
            }
            long off = offsets[i];
            if (off < 0) {
                visitReflectively(o, f, kinds[i]);
                continue;
            }
            switch (kinds[i]) {
                case REFERENCE -> visitField(UNSAFE.getObject(o, off), plan, i);
                case BOOLEAN -> mix(UNSAFE.getBoolean(o, off) ? 1 : 0);
                case INT -> mix(UNSAFE.getInt(o, off));
                case LONG -> mix(UNSAFE.getLong(o, off));
                case CHAR -> mix(UNSAFE.getChar(o, off));
                case BYTE -> mix(UNSAFE.getByte(o, off));
                case SHORT -> mix(UNSAFE.getShort(o, off));
                case DOUBLE -> mix(Double.doubleToLongBits(UNSAFE.getDouble(o, off)));
                default -> mix(Float.floatToIntBits(UNSAFE.getFloat(o, off)));
            }
        }
        path = at;
    }

    /** The value of reference field {@code i} of an object {@code plan} reads, its class's plan cached there. */
    private void visitField(Object v, Plan plan, int i) {
        if (v == null) {
            mix(NULL);
            return;
        }
        Class<?> c = v.getClass();
        LastClass last = plan.lastClass[i];
        Plan p;
        if (last != null && last.type() == c) {
            p = last.plan();
        } else {
            p = planOf(c);
            if (last == null) {
                plan.lastClass[i] = new LastClass(c, p); // the first class met stays: a field that alternates never churns
            }
        }
        visit(v, c, p);
    }

    /** One field read through reflection: a lambda's captured variable or a record's component. */
    private void visitReflectively(Object o, Field f, byte kind) {
        try {
            switch (kind) {
                case REFERENCE -> visit(f.get(o));
                case BOOLEAN -> mix(f.getBoolean(o) ? 1 : 0);
                case INT -> mix(f.getInt(o));
                case LONG -> mix(f.getLong(o));
                case CHAR -> mix(f.getChar(o));
                case BYTE -> mix(f.getByte(o));
                case SHORT -> mix(f.getShort(o));
                case DOUBLE -> mix(Double.doubleToLongBits(f.getDouble(o)));
                default -> mix(Float.floatToIntBits(f.getFloat(o)));
            }
        } catch (IllegalAccessException e) {
            throw new Unsupported("cannot read " + f + ": " + e.getMessage());
        }
    }

    /** The instance fields that are state, superclass first, in declaration order. */
    private static Field[] stateFields(Class<?> c) {
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.google.")) {
            // The JDK's own types are read above through their API or not at all: their fields are
            // sealed off by the module system and their layout is no promise.
            throw new Unsupported("cannot fingerprint a " + name + " in the model state; keep state in fields,"
                    + " arrays, lists, maps or sets, or mark the field @NotState if no step reads it");
        }
        List<Field> out = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            chain.add(0, k);
        }
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(NotState.class)) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException e) {
                    // A model class extending a JDK one inherits fields the module system keeps shut.
                    throw new Unsupported("cannot read " + f + " (a " + c.getName() + " extends a JDK class):"
                            + " mark the field @NotState if no step reads it");
                }
                out.add(f);
            }
        }
        return out.toArray(new Field[0]);
    }

    /**
     * A class's name as a number. A lambda's class is named by where it was spun, which is stable
     * within one JVM, and is all the fingerprint needs: fingerprints are compared, never kept.
     */
    private static long nameOf(Class<?> c) {
        return NAMES.get(c);
    }
}
