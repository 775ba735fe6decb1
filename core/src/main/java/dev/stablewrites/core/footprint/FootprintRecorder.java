package dev.stablewrites.core.footprint;

import dev.stablewrites.core.state.NotState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what an actor's steps read and write, as they run. Once {@link FootprintAgent#enable} is
 * called, the model's classes (and every strategy's) are rewritten: each field access, array element
 * access and call on a JDK collection first calls one of the static methods here. They do nothing
 * unless this thread has a {@link Recording} open and the scheduler is inside an actor's step, so the
 * scheduler's own look at who is runnable, and the harness's listeners, are never part of a step.
 *
 * <p>Left out, on purpose: final fields (no step writes them), fields and types marked {@link NotState}
 * (no step reads them), and objects a step makes (no other step can have touched them before).
 */
public final class FootprintRecorder {
    private static final long CHUNK_BASE = -2;
    /** Recordings open on any thread: the one check every instrumented access makes first. */
    private static volatile int open;
    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();
    private static final Map<String, Integer> FIELD_IDS = new ConcurrentHashMap<>();
    private static final List<String> FIELD_NAMES = new ArrayList<>(List.of("?"));
    /** Per field id as named in the code: the id it is recorded under, -1 to leave it out, 0 not decided yet. */
    private static volatile int[] canonical = new int[256];
    /** Per recorded field id: the class that declares it (the object a static access is recorded on). */
    private static final Map<Integer, Class<?>> DECLARING = new ConcurrentHashMap<>();
    private static final ClassValue<Boolean> NOT_STATE_TYPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(NotState.class);
        }
    };

    private FootprintRecorder() {
    }

    /** Starts recording on this thread; only the steps the scheduler runs are recorded. */
    public static Recording open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a footprint recording is already open on this thread");
        }
        Recording r = new Recording();
        CURRENT.set(r);
        synchronized (FootprintRecorder.class) {
            open++;
        }
        return r;
    }

    /**
     * The scheduler enters an actor's step: recording resumes if open here. Returns whether it was
     * off, for {@link #exitStep}.
     */
    public static boolean enterStep() {
        if (open == 0) {
            return false;
        }
        Recording r = CURRENT.get();
        if (r == null || r.inStep) {
            return false;
        }
        r.inStep = true;
        return true;
    }

    /** The scheduler leaves the step (or calls out to a listener): recording pauses. */
    public static void exitStep(boolean entered) {
        if (entered) {
            CURRENT.get().inStep = false;
        }
    }

    /** A number for a field, assigned when a class is rewritten. */
    static int fieldId(String owner, String name) {
        String key = owner.replace('/', '.') + "." + name;
        return FIELD_IDS.computeIfAbsent(key, k -> {
            synchronized (FIELD_NAMES) {
                FIELD_NAMES.add(k);
                return FIELD_NAMES.size() - 1;
            }
        });
    }

    /** A part's name, for messages: {@code Class.field}, {@code [64k..]} or {@code *}. */
    public static String partName(long part) {
        if (part == Footprint.WHOLE) {
            return "*";
        }
        if (part < 0) {
            long chunk = CHUNK_BASE - part;
            return "[" + chunk * 64 + ".." + (chunk * 64 + 63) + "]";
        }
        synchronized (FIELD_NAMES) {
            String f = FIELD_NAMES.get((int) part);
            return f.substring(f.lastIndexOf('.', f.lastIndexOf('.') - 1) + 1);
        }
    }

    private static Recording active() {
        if (open == 0) {
            return null;
        }
        Recording r = CURRENT.get();
        return r != null && r.inStep ? r : null;
    }

    // ---- called by rewritten bytecode ----------------------------------------------------------

    public static void getField(Object o, int field) {
        Recording r = active();
        if (r != null && o != null) {
            int id = recorded(o.getClass(), field);
            if (id > 0) {
                r.add(o, id, false);
            }
        }
    }

    public static void putField(Object o, int field) {
        Recording r = active();
        if (r != null && o != null) {
            int id = recorded(o.getClass(), field);
            if (id > 0) {
                r.add(o, id, true);
            }
        }
    }

    /** A static field: recorded on its declaring class, whichever subclass the code named. */
    public static void getStatic(Class<?> owner, int field) {
        Recording r = active();
        if (r != null) {
            int id = recorded(owner, field);
            if (id > 0) {
                r.add(DECLARING.get(id), id, false);
            }
        }
    }

    public static void putStatic(Class<?> owner, int field) {
        Recording r = active();
        if (r != null) {
            int id = recorded(owner, field);
            if (id > 0) {
                r.add(DECLARING.get(id), id, true);
            }
        }
    }

    public static void arrayLoad(Object array, int index) {
        Recording r = active();
        if (r != null && array != null) {
            r.add(array, CHUNK_BASE - (index >>> 6), false);
        }
    }

    public static void arrayStore(Object array, int index) {
        Recording r = active();
        if (r != null && array != null) {
            r.add(array, CHUNK_BASE - (index >>> 6), true);
        }
    }

    /** A call on a JDK object (a collection, a bit set, a builder) that only reads it. */
    public static void callReads(Object receiver) {
        Recording r = active();
        if (r != null && receiver != null) {
            r.add(r.base(receiver), Footprint.WHOLE, false);
        }
    }

    /**
     * A call on a JDK object that may change it. A map entry whose map is not known (reached other than
     * through an iterator this step made) makes the step conflict with every other: its map is unknown.
     */
    public static void callWrites(Object receiver) {
        Recording r = active();
        if (r != null && receiver != null) {
            Object base = r.base(receiver);
            if (base == receiver && receiver instanceof Map.Entry) {
                r.opaque = true;
            }
            r.add(base, Footprint.WHOLE, true);
        }
    }

    /**
     * An argument of a call into the JDK: a collection, map, bit set, iterator, builder or array passed
     * is read whole (strings and boxed values cannot change; model objects record their own reads).
     */
    public static void argument(Object arg) {
        Recording r = active();
        if (r != null && arg != null && (arg instanceof Collection || arg instanceof Map || arg instanceof BitSet
                || arg instanceof Iterator || arg instanceof Map.Entry || arg instanceof StringBuilder
                || arg.getClass().isArray())) {
            r.add(r.base(arg), Footprint.WHOLE, false);
        }
    }

    /** The first argument of a JDK helper that changes it ({@code Collections.sort}, {@code Arrays.fill}). */
    public static void argumentWritten(Object arg) {
        Recording r = active();
        if (r != null && arg != null) {
            r.add(r.base(arg), Footprint.WHOLE, true);
        }
    }

    /** An iterator, view or entry of {@code base}: calls on it are calls on {@code base}. */
    public static void derived(Object result, Object base) {
        Recording r = active();
        if (r != null && result != null && base != null) {
            r.bases.put(result, r.base(base));
        }
    }

    /** What an iterator's {@code next} handed back: a map's entry counts as the map; anything else as itself. */
    public static void derivedEntry(Object result, Object iterator) {
        if (result instanceof Map.Entry) {
            derived(result, iterator);
        }
    }

    /** {@code length} elements of {@code array} from {@code from}, read or written by a JDK call. */
    public static void range(Object array, int from, int length, boolean write) {
        Recording r = active();
        if (r != null && array != null && length > 0 && from >= 0) {
            for (int c = from >>> 6; c <= (from + length - 1) >>> 6; c++) {
                r.add(array, CHUNK_BASE - c, write);
            }
        }
    }

    /** {@code System.arraycopy}, recorded by the ranges it reads and writes. */
    public static void arraycopy(Object src, int srcPos, Object dst, int dstPos, int length) {
        Recording r = active();
        if (r != null && src != null && dst != null && length > 0) {
            for (int c = srcPos >>> 6; c <= (srcPos + length - 1) >>> 6; c++) {
                r.add(src, CHUNK_BASE - c, false);
            }
            for (int c = dstPos >>> 6; c <= (dstPos + length - 1) >>> 6; c++) {
                r.add(dst, CHUNK_BASE - c, true);
            }
        }
        System.arraycopy(src, srcPos, dst, dstPos, length);
    }

    // ---- what is left out ----------------------------------------------------------------------

    /**
     * The id to record a field access under, or 0 to leave it out. One field has one id whichever class
     * the code named it through ({@code Sub.x} and {@code Base.x} are the same field): its declaring class's.
     */
    private static int recorded(Class<?> type, int field) {
        if (NOT_STATE_TYPE.get(type)) {
            return 0;
        }
        int[] v = canonical;
        if (field < v.length && v[field] != 0) {
            return Math.max(v[field], 0);
        }
        return decide(type, field);
    }

    private static synchronized int decide(Class<?> type, int field) {
        String name;
        synchronized (FIELD_NAMES) {
            name = FIELD_NAMES.get(field);
        }
        String simple = name.substring(name.lastIndexOf('.') + 1);
        String owner = name.substring(0, name.lastIndexOf('.'));
        Class<?> named = type;
        while (named != null && !named.getName().equals(owner)) {
            named = named.getSuperclass();
        }
        Field f = declared(named != null ? named : type, simple);
        int id;
        if (f == null) {
            id = field; // not found by reflection: recorded as named, which is safe for one name
        } else if (Modifier.isFinal(f.getModifiers()) || f.isAnnotationPresent(NotState.class)
                || NOT_STATE_TYPE.get(f.getDeclaringClass())) {
            id = -1;
        } else {
            id = fieldId(f.getDeclaringClass().getName(), f.getName());
            DECLARING.put(id, f.getDeclaringClass());
        }
        if (id > 0 && !DECLARING.containsKey(id)) {
            DECLARING.put(id, type);
        }
        int[] v = canonical;
        v = Arrays.copyOf(v, Math.max(v.length, field + 1));
        v[field] = id;
        canonical = v;
        return Math.max(id, 0);
    }

    private static Field declared(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // a superclass declares it
            }
        }
        return null;
    }

    /**
     * One thread's recording: {@link #take} hands over what the steps since the last take touched.
     * Close it when done, on the thread that opened it.
     */
    public static final class Recording implements AutoCloseable {
        private boolean inStep;
        private Object[] objects = new Object[64];
        private long[] parts = new long[64];
        private boolean[] written = new boolean[64];
        private int size;
        final IdentityHashMap<Object, Object> bases = new IdentityHashMap<>();
        /** Something was touched that cannot be named: the footprint conflicts with every other. */
        boolean opaque;
        private boolean closed;

        private Recording() {
        }

        void add(Object o, long part, boolean write) {
            if (size == objects.length) {
                objects = Arrays.copyOf(objects, size * 2);
                parts = Arrays.copyOf(parts, size * 2);
                written = Arrays.copyOf(written, size * 2);
            }
            objects[size] = o;
            parts[size] = part;
            written[size] = write;
            size++;
        }

        Object base(Object o) {
            Object b = bases.get(o);
            return b == null ? o : b;
        }

        /** What the steps since the last take (or the open) read and wrote; starts afresh. */
        public Footprint take() {
            Map<Object, long[]> reads = new IdentityHashMap<>();
            Map<Object, long[]> writes = new IdentityHashMap<>();
            for (int i = 0; i < size; i++) {
                Map<Object, long[]> into = written[i] ? writes : reads;
                long[] have = into.get(objects[i]);
                if (have == null) {
                    into.put(objects[i], new long[] {parts[i]});
                } else if (Arrays.binarySearch(have, parts[i]) < 0) {
                    into.put(objects[i], Footprint.mergeSorted(have, new long[] {parts[i]}));
                }
            }
            Arrays.fill(objects, 0, size, null);
            size = 0;
            boolean wasOpaque = opaque;
            opaque = false;
            if (wasOpaque) {
                return new Footprint(reads, writes, true);
            }
            return reads.isEmpty() && writes.isEmpty() ? Footprint.EMPTY : new Footprint(reads, writes, false);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            CURRENT.remove();
            synchronized (FootprintRecorder.class) {
                open--;
            }
        }
    }
}
