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
import org.objectweb.asm.commons.LocalVariablesSorter;

/**
 * Rewrites a class of the model or of a strategy so each access reports itself to
 * {@link FootprintRecorder} first: field reads and writes, array element loads and stores,
 * {@code System.arraycopy}, and calls on JDK collections (a call that only reads, by its name, is a
 * read of the whole collection; any other call a write; iterators, views and map entries count as
 * their collection; collections and arrays passed to the JDK are read). Constructors are left
 * alone: what a step makes, no other step touched before.
 */
final class FootprintTransformer implements ClassFileTransformer {
    private static final String RECORDER = "dev/stablewrites/core/footprint/FootprintRecorder";
    /** Library and harness code, and the parts of the model that are the run's record, not its state. */
    private static final String[] LEFT_ALONE = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "com/google/",
        "org/apache/", "org/objectweb/", "picocli/", "org/HdrHistogram/", "org/junit/", "org/opentest4j/",
        "org/apiguardian/", "dev/stablewrites/harness/", "dev/stablewrites/core/footprint/Footprint",
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
            ClassWriter writer = new LoaderAwareWriter(loader);
            reader.accept(new Rewriter(writer), ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            // A class the rewriter cannot handle stays as it was; its steps then look empty, which the
            // recorder's self-check (every independent pair commutes) would catch in the model's tests.
            System.err.println("stablewrites footprints: cannot rewrite " + className + ": " + e);
            return null;
        }
    }

    /** Frames are recomputed; the common superclass is looked up through the class's own loader. */
    private static final class LoaderAwareWriter extends ClassWriter {
        private final ClassLoader loader;

        LoaderAwareWriter(ClassLoader loader) {
            super(COMPUTE_FRAMES);
            this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        }

        @Override
        protected String getCommonSuperClass(String a, String b) {
            try {
                Class<?> x = Class.forName(a.replace('/', '.'), false, loader);
                Class<?> y = Class.forName(b.replace('/', '.'), false, loader);
                if (x.isAssignableFrom(y)) {
                    return a;
                }
                if (y.isAssignableFrom(x)) {
                    return b;
                }
                if (x.isInterface() || y.isInterface()) {
                    return "java/lang/Object";
                }
                do {
                    x = x.getSuperclass();
                } while (!x.isAssignableFrom(y));
                return x.getName().replace('.', '/');
            } catch (ClassNotFoundException | LinkageError e) {
                return "java/lang/Object";
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
            if (name.equals("<init>") || name.equals("<clinit>") || (access & Opcodes.ACC_ABSTRACT) != 0
                    || (access & Opcodes.ACC_NATIVE) != 0) {
                return mv;
            }
            return new Accesses(access, desc, mv);
        }
    }

    private static final class Accesses extends LocalVariablesSorter {
        Accesses(int access, String desc, MethodVisitor mv) {
            super(Opcodes.ASM9, access, desc, mv);
        }

        @Override
        public void visitFieldInsn(int op, String owner, String name, String desc) {
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
            if (op == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("arraycopy")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "arraycopy", desc, false);
                return;
            }
            boolean jdk = jdkState(owner);
            if (!jdk || (op == Opcodes.INVOKESPECIAL && !name.equals("<init>"))) {
                super.visitMethodInsn(op, owner, name, desc, itf);
                return;
            }
            Type[] args = Type.getArgumentTypes(desc);
            int[] locals = new int[args.length];
            for (int i = args.length - 1; i >= 0; i--) {
                locals[i] = newLocal(args[i]);
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ISTORE), locals[i]);
            }
            // The arguments are in locals now; report each reference one.
            boolean helperWrites = op == Opcodes.INVOKESTATIC && WRITING_HELPERS.contains(name);
            for (int i = 0; i < args.length; i++) {
                if (args[i].getSort() == Type.OBJECT || args[i].getSort() == Type.ARRAY) {
                    mv.visitVarInsn(Opcodes.ALOAD, locals[i]);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, helperWrites && i == 0 ? "argumentWritten"
                            : "argument", "(Ljava/lang/Object;)V", false);
                }
            }
            int receiver = -1;
            boolean instanceCall = op == Opcodes.INVOKEVIRTUAL || op == Opcodes.INVOKEINTERFACE;
            boolean entryStep = instanceCall && isEntryStep(owner, name);
            boolean deriving = instanceCall && (DERIVING.contains(name) || entryStep)
                    && Type.getReturnType(desc).getSort() == Type.OBJECT;
            if (instanceCall) {
                super.visitInsn(Opcodes.DUP);
                if (deriving) {
                    receiver = newLocal(Type.getType(Object.class));
                    mv.visitVarInsn(Opcodes.ASTORE, receiver);
                    mv.visitVarInsn(Opcodes.ALOAD, receiver);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, READING.contains(name) || DERIVING.contains(name)
                        ? "callReads" : "callWrites", "(Ljava/lang/Object;)V", false);
            }
            for (int i = 0; i < args.length; i++) {
                mv.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), locals[i]);
            }
            super.visitMethodInsn(op, owner, name, desc, itf);
            if (op == Opcodes.INVOKESTATIC && args.length > 0 && isStaticView(owner, name)
                    && Type.getReturnType(desc).getSort() == Type.OBJECT) {
                // Collections.unmodifiableSet(s), Arrays.asList(a): calls on the view are calls on s, on a.
                super.visitInsn(Opcodes.DUP);
                mv.visitVarInsn(Opcodes.ALOAD, locals[0]);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, "derived",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
            }
            if (deriving) {
                super.visitInsn(Opcodes.DUP);
                mv.visitVarInsn(Opcodes.ALOAD, receiver);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORDER, entryStep ? "derivedEntry" : "derived",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
            }
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
