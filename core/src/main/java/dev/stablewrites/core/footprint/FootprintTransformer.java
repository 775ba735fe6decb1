package dev.stablewrites.core.footprint;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.Handle;
import org.objectweb.asm.commons.AdviceAdapter;

/**
 * Rewrites a class of the model or of a strategy so each access reports itself to
 * {@link FootprintRecorder} first: field reads and writes, array element loads and stores,
 * {@code System.arraycopy}, and calls on JDK collections (a call that only reads, by its name, is a
 * read of the whole collection; any other call a write; iterators, views and map entries count as
 * their collection; collections and arrays passed to the JDK are read, arrays passed to an instance
 * method written). Constructors are rewritten too: what they touch that existed before is recorded,
 * and what they make is dropped when the footprint is named.
 */
final class FootprintTransformer implements ClassFileTransformer {
    private static final String RECORDER = "dev/stablewrites/core/footprint/FootprintRecorder";
    /** Library and harness code, and the parts of the model that are the run's record, not its state. */
    private static final String[] LEFT_ALONE = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "com/google/",
        "org/apache/", "org/objectweb/", "picocli/", "org/HdrHistogram/", "org/junit/", "org/opentest4j/",
        "org/apiguardian/", "org/checkerframework/", "org/aopalliance/", "jakarta/", "kotlin/", "scala/",
        "org/slf4j/", "dev/stablewrites/harness/", "dev/stablewrites/core/footprint/Footprint",
        "dev/stablewrites/core/state/", "dev/stablewrites/core/trace/", "dev/stablewrites/core/coverage/",
        "dev/stablewrites/core/cost/"};
    /** Calls that hand back an iterator or a view of their receiver. */
    private static final Set<String> DERIVING = Set.of("iterator", "listIterator", "descendingIterator", "keySet",
            "values", "entrySet", "navigableKeySet", "descendingMap", "descendingKeySet", "headMap", "tailMap",
            "subMap", "headSet", "tailSet", "subSet", "descendingSet", "subList", "reversed");
    private static final Set<String> READING = Set.of("get", "getOrDefault", "contains", "containsKey",
            "containsValue", "containsAll", "size", "isEmpty", "peek", "peekFirst", "peekLast", "element", "getFirst",
            "getLast", "first", "last", "indexOf", "lastIndexOf", "equals", "hashCode", "toString", "toArray",
            "nextSetBit", "nextClearBit", "previousSetBit", "previousClearBit", "cardinality", "length", "intValue",
            "longValue", "toLongArray", "toByteArray", "floorKey", "ceilingKey", "higherKey", "lowerKey", "firstKey",
            "lastKey", "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry", "firstEntry", "lastEntry", "charAt",
            "intersects", "stream", "parallelStream", "spliterator", "forEach", "clone", "compareTo", "getKey",
            "getValue", "hasNext", "next", "hasPrevious", "previous", "nextIndex", "previousIndex",
            "forEachRemaining", "subSequence", "codePointAt", "isSet");
    /** JDK helpers that change their first argument. */
    private static final Set<String> WRITING_HELPERS = Set.of("fill", "sort", "parallelSort", "setAll",
            "parallelSetAll", "parallelPrefix", "addAll", "reverse", "shuffle", "swap", "rotate", "replaceAll", "copy");

    static boolean wanted(String className) {
        if (className == null || className.contains("$$Lambda")) {
            return false;
        }
        for (String prefix : LEFT_ALONE) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** A class of the JDK (or an array type): its code is not rewritten, so calls into it are recorded here. */
    static boolean isJdk(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
                || owner.startsWith("sun/") || owner.startsWith("[");
    }

    /** A JDK type whose calls are recorded as reads or writes of the whole receiver. */
    static boolean jdkState(String owner) {
        return owner.startsWith("java/util/") && !owner.startsWith("java/util/function/")
                && !owner.startsWith("java/util/stream/") && !owner.equals("java/util/Objects")
                && !owner.equals("java/util/Optional") && !owner.startsWith("java/util/concurrent/locks/")
                || owner.equals("java/lang/StringBuilder") || owner.equals("java/lang/Iterable");
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (!wanted(className)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new HierarchyFromBytes(loader);
            reader.accept(new Rewriter(writer), ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            // A class the rewriter cannot handle stays as it was; its steps then look empty, which the
            // recorder's self-check (every independent pair commutes) would catch in the model's tests.
            System.err.println("stablewrites footprints: cannot rewrite " + className + ": " + e);
            return null;
        }
    }

    /**
     * Frames are recomputed (the spilled arguments' locals would otherwise leak into later frames), and
     * the common superclass of two types is found from their class files, never by loading a class:
     * loading one while this one is being defined can fail or define it twice.
     */
    private static final class HierarchyFromBytes extends ClassWriter {
        private final ClassLoader loader;

        HierarchyFromBytes(ClassLoader loader) {
            super(COMPUTE_FRAMES);
            this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        }

        @Override
        protected String getCommonSuperClass(String a, String b) {
            java.util.List<String> above = superclasses(a);
            java.util.List<String> others = superclasses(b);
            if (above == null || others == null) {
                return "java/lang/Object"; // an interface: the verifier treats it as Object
            }
            for (String t : others) {
                if (above.contains(t)) {
                    return t;
                }
            }
            return "java/lang/Object";
        }

        /** {@code name} and its superclasses up to Object, or null for an interface. */
        private java.util.List<String> superclasses(String name) {
            java.util.List<String> out = new java.util.ArrayList<>();
            String t = name;
            while (true) {
                out.add(t);
                if (t.equals("java/lang/Object")) {
                    return out;
                }
                ClassReader r = read(t);
                if ((r.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
                    return null;
                }
                t = r.getSuperName();
            }
        }

        /**
         * A class file, found as a resource of the defining loader. One that cannot be read leaves the
         * class being rewritten as it was (the exception reaches {@link #transform}): guessing Object
         * where the merged type is used as itself would not verify.
         */
        private ClassReader read(String name) {
            try (java.io.InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    throw new TypeNotPresentException(name, null);
                }
                return new ClassReader(in);
            } catch (java.io.IOException e) {
                throw new TypeNotPresentException(name, e);
            }
        }
    }

    private static final class Rewriter extends ClassVisitor {
        Rewriter(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            if (name.equals("<clinit>") || (access & Opcodes.ACC_ABSTRACT) != 0 || (access & Opcodes.ACC_NATIVE) != 0) {
                return mv;
            }
            return new Accesses(access, name, desc, mv);
        }
    }

    /**
     * Rewrites one method. In a constructor, before the call to {@code super(..)} {@code this} is
     * uninitialised and the adapter follows the stack to find that call: there, field reads, array
     * accesses and calls without arguments are recorded, but not field writes, calls with arguments or
     * views. A constructor's accesses to the object it makes are dropped when the footprint is named
     * (no number yet); those to objects that exist already (a list it adds to) are recorded like any
     * step's.
     */
    private static final class Accesses extends AdviceAdapter {
        private boolean armed;

        Accesses(int access, String name, String desc, MethodVisitor mv) {
            super(Opcodes.ASM9, mv, access, name, desc);
        }

        @Override
        protected void onMethodEnter() {
            armed = true;
        }

        @Override
        public void visitFieldInsn(int op, String owner, String name, String desc) {
            if (!armed && op == Opcodes.PUTFIELD) {
                super.visitFieldInsn(op, owner, name, desc); // before super(): this may be uninitialised
                return;
            }
            boolean wide = desc.equals("J") || desc.equals("D");
            int id = FootprintRecorder.fieldId(owner, name);
            switch (op) {
                case Opcodes.GETFIELD -> {
                    super.visitInsn(Opcodes.DUP);
                    super.visitLdcInsn(id);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "getField", "(Ljava/lang/Object;I)V", false);
                }
                case Opcodes.PUTFIELD -> {
                    // objectref, value -> objectref, value, objectref
                    if (wide) {
                        super.visitInsn(Opcodes.DUP2_X1);
                        super.visitInsn(Opcodes.POP2);
                        super.visitInsn(Opcodes.DUP_X2);
                    } else {
                        super.visitInsn(Opcodes.SWAP);
                        super.visitInsn(Opcodes.DUP_X1);
                    }
                    super.visitLdcInsn(id);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "putField", "(Ljava/lang/Object;I)V", false);
                }
                case Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> {
                    if (!owner.startsWith("java/")) {
                        super.visitLdcInsn(Type.getObjectType(owner));
                        super.visitLdcInsn(id);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER,
                                op == Opcodes.GETSTATIC ? "getStatic" : "putStatic", "(Ljava/lang/Class;I)V", false);
                    }
                }
                default -> {
                }
            }
            super.visitFieldInsn(op, owner, name, desc);
        }

        @Override
        public void visitInsn(int op) {
            switch (op) {
                case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD, Opcodes.BALOAD,
                        Opcodes.CALOAD, Opcodes.SALOAD -> {
                    super.visitInsn(Opcodes.DUP2);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "arrayLoad", "(Ljava/lang/Object;I)V", false);
                }
                case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
                        Opcodes.SASTORE -> {
                    // array, index, value -> array, index, value after a copy of array, index
                    super.visitInsn(Opcodes.DUP_X2);
                    super.visitInsn(Opcodes.POP);
                    super.visitInsn(Opcodes.DUP2_X1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "arrayStore", "(Ljava/lang/Object;I)V", false);
                }
                case Opcodes.LASTORE, Opcodes.DASTORE -> {
                    super.visitInsn(Opcodes.DUP2_X2);
                    super.visitInsn(Opcodes.POP2);
                    super.visitInsn(Opcodes.DUP2_X2);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "arrayStore", "(Ljava/lang/Object;I)V", false);
                }
                default -> {
                }
            }
            super.visitInsn(op);
        }

        @Override
        public void visitMethodInsn(int op, String owner, String name, String desc, boolean itf) {
            if (!armed && Type.getArgumentTypes(desc).length > 0) {
                // Before super() the adapter follows the stack to find that call; arguments moved to
                // locals would hide from it. Calls with arguments there (super(list.get(0))) go unrecorded.
                super.visitMethodInsn(op, owner, name, desc, itf);
                return;
            }
            if (op == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("arraycopy")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "arraycopy", desc, false);
                return;
            }
            Type[] args = Type.getArgumentTypes(desc);
            if (rangeCall(op, owner, name, desc, args, itf)) {
                return;
            }
            boolean state = jdkState(owner);
            boolean instanceCall = op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE;
            boolean anyReference = false;
            for (Type t : args) {
                anyReference |= t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
            }
            // A JDK object typed as Object, an array's clone(): the receiver may be a collection or array.
            boolean opaqueReceiver = instanceCall && !state && (owner.startsWith("[") || owner.equals("java/lang/Object")
                    || owner.equals("java/lang/Comparable") || owner.equals("java/lang/CharSequence"));
            if (!isJdk(owner) || (op == Opcodes.INVOKESPECIAL && !name.equals("<init>"))
                    || !state && !anyReference && !opaqueReceiver) {
                super.visitMethodInsn(op, owner, name, desc, itf);
                return;
            }
            int[] locals = spill(args);
            // The arguments are in locals now; report each reference one.
            for (int i = 0; i < args.length; i++) {
                if (args[i].getSort() == Type.OBJECT || args[i].getSort() == Type.ARRAY) {
                    mv.visitVarInsn(Opcodes.ALOAD, locals[i]);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, argumentWritten(op, owner, name, args, i)
                            ? "argumentWritten" : "argument", "(Ljava/lang/Object;)V", false);
                }
            }
            int receiver = -1;
            boolean entryStep = state && instanceCall && isEntryStep(owner, name);
            // Before super() a view is not followed: keeping the receiver in a local would hide it from the adapter.
            boolean deriving = armed && state && instanceCall && (DERIVING.contains(name) || entryStep)
                    && Type.getReturnType(desc).getSort() == Type.OBJECT;
            if (state && instanceCall) {
                super.visitInsn(Opcodes.DUP);
                if (deriving) {
                    receiver = newLocal(Type.getType(Object.class));
                    mv.visitVarInsn(Opcodes.ASTORE, receiver);
                    mv.visitVarInsn(Opcodes.ALOAD, receiver);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, READING.contains(name) || DERIVING.contains(name)
                        ? "callReads" : "callWrites", "(Ljava/lang/Object;)V", false);
            } else if (opaqueReceiver) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "argument", "(Ljava/lang/Object;)V", false);
            }
            reload(args, locals);
            super.visitMethodInsn(op, owner, name, desc, itf);
            if (op == Opcodes.INVOKESTATIC && args.length > 0 && args[0].getSort() == Type.OBJECT
                    || op == Opcodes.INVOKESTATIC && args.length > 0 && args[0].getSort() == Type.ARRAY) {
                if (isStaticView(owner, name) && Type.getReturnType(desc).getSort() == Type.OBJECT) {
                    // Collections.unmodifiableSet(s), Arrays.asList(a): calls on the view are calls on s, on a.
                    super.visitInsn(Opcodes.DUP);
                    mv.visitVarInsn(Opcodes.ALOAD, locals[0]);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "derived",
                            "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                }
            }
            if (deriving) {
                super.visitInsn(Opcodes.DUP);
                mv.visitVarInsn(Opcodes.ALOAD, receiver);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, entryStep ? "derivedEntry" : "derived",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
            }
        }

        /**
         * Calls that touch a known range of an array, recorded by its chunks like the loads they stand
         * for: a checksum's {@code update(byte[], off, len)} (the model's CRC-32C) and a byte-array
         * view {@code VarHandle}'s {@code get}/{@code set} at a byte offset (the NVMe CRC-64 reads 8 bytes).
         */
        private boolean rangeCall(int op, String owner, String name, String desc, Type[] args, boolean itf) {
            boolean checksum = op != Opcodes.INVOKESTATIC && owner.startsWith("java/util/zip/") && name.equals("update")
                    && desc.equals("([BII)V");
            boolean view = op == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/invoke/VarHandle")
                    && args.length >= 2 && args[0].getSort() == Type.ARRAY && args[1].getSort() == Type.INT;
            if (!checksum && !view) {
                return false;
            }
            int[] locals = spill(args);
            if (checksum) {
                super.visitInsn(Opcodes.DUP); // the checksum object: its running value changes
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "callWrites", "(Ljava/lang/Object;)V", false);
                mv.visitVarInsn(Opcodes.ALOAD, locals[0]);
                mv.visitVarInsn(Opcodes.ILOAD, locals[1]);
                mv.visitVarInsn(Opcodes.ILOAD, locals[2]);
                super.visitInsn(Opcodes.ICONST_0);
            } else {
                mv.visitVarInsn(Opcodes.ALOAD, locals[0]);
                mv.visitVarInsn(Opcodes.ILOAD, locals[1]);
                super.visitIntInsn(Opcodes.BIPUSH, 8); // at most a long's bytes
                super.visitInsn(name.equals("get") || name.equals("getVolatile") || name.equals("getOpaque")
                        || name.equals("getAcquire") ? Opcodes.ICONST_0 : Opcodes.ICONST_1);
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "range", "(Ljava/lang/Object;IIZ)V", false);
            reload(args, locals);
            super.visitMethodInsn(op, owner, name, desc, itf);
            return true;
        }

        /** Moves a call's arguments off the stack into fresh locals, last first, so each can be reported. */
        private int[] spill(Type[] args) {
            int[] locals = new int[args.length];
            for (int i = args.length - 1; i >= 0; i--) {
                locals[i] = newLocal(args[i]);
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ISTORE), locals[i]);
            }
            return locals;
        }

        /** Puts the spilled arguments back, in order, for the call itself. */
        private void reload(Type[] args, int[] locals) {
            for (int i = 0; i < args.length; i++) {
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), locals[i]);
            }
        }

        /**
         * Whether a JDK call may write its {@code i}-th argument: a helper's first ({@code Arrays.fill},
         * {@code Collections.sort}), a {@code VarHandle}'s target unless it only reads, and any array an
         * instance method is handed ({@code toArray(T[])}, {@code Random.nextBytes}); others are read.
         */
        private static boolean argumentWritten(int op, String owner, String name, Type[] args, int i) {
            if (owner.equals("java/lang/invoke/VarHandle")) {
                return i == 0 && !(name.equals("get") || name.equals("getVolatile") || name.equals("getOpaque")
                        || name.equals("getAcquire"));
            }
            if (op == Opcodes.INVOKESTATIC) {
                return i == 0 && WRITING_HELPERS.contains(name)
                        && (owner.equals("java/util/Arrays") || owner.equals("java/util/Collections"));
            }
            if (op == Opcodes.INVOKESPECIAL) {
                return false; // a constructor (new String(chars), new ArrayList<>(list)) reads what it copies
            }
            // Any array an instance method is handed may be filled (toArray(T[]), getChars, inflate, digest),
            // except what a checksum or a digest is updated with.
            return args[i].getSort() == Type.ARRAY && !(name.equals("update")
                    && (owner.startsWith("java/util/zip/") || owner.startsWith("java/security/")));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... bootstrapArgs) {
            boolean lambda = bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory");
            Type[] args = Type.getArgumentTypes(desc);
            boolean anyReference = false;
            for (Type t : args) {
                anyReference |= t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
            }
            if (!armed || !anyReference || lambda && !capturesJdkState(bootstrapArgs)) {
                super.visitInvokeDynamicInsn(name, desc, bootstrap, bootstrapArgs);
                return;
            }
            // String concatenation and records' equals/hashCode read what they are handed; a method
            // reference to a collection's method (list::add) may write it when called, in this step.
            int[] locals = spill(args);
            for (int i = 0; i < args.length; i++) {
                if (args[i].getSort() == Type.OBJECT || args[i].getSort() == Type.ARRAY) {
                    mv.visitVarInsn(Opcodes.ALOAD, locals[i]);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, lambda ? "argumentWritten" : "argument",
                            "(Ljava/lang/Object;)V", false);
                }
            }
            reload(args, locals);
            super.visitInvokeDynamicInsn(name, desc, bootstrap, bootstrapArgs);
        }

        /** A lambda whose body is a JDK collection's method: what it captures is that collection. */
        private static boolean capturesJdkState(Object[] bootstrapArgs) {
            return bootstrapArgs.length > 1 && bootstrapArgs[1] instanceof Handle h && jdkState(h.getOwner());
        }

        /** A JDK helper that hands back a view of its first argument rather than a copy. */
        private static boolean isStaticView(String owner, String name) {
            return owner.equals("java/util/Collections") && (name.startsWith("unmodifiable")
                    || name.startsWith("synchronized") || name.startsWith("checked"))
                    || owner.equals("java/util/Arrays") && name.equals("asList");
        }

        /**
         * An iterator's step over a map's entries hands back an entry: {@code setValue} on it writes
         * the map. Other elements are objects of their own, named as themselves.
         */
        private static boolean isEntryStep(String owner, String name) {
            return owner.endsWith("Iterator") && (name.equals("next") || name.equals("previous"));
        }
    }
}
