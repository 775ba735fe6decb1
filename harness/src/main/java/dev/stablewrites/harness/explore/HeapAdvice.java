package dev.stablewrites.harness.explore;

/**
 * What to say when the JVM's heap runs out: the heap it had and an {@code -Xmx} to try. A search
 * that keeps every state (state caching, verification) grows with the states it meets, so running
 * out is the size of the work, not a bug of the harness or of the strategy.
 */
public final class HeapAdvice {
    private HeapAdvice() {
    }

    /**
     * The {@code -Xmx} value for {@code mib} MiB, rounded up to a multiple of 256 MiB, or of 1 GiB
     * past 1 GiB: a value people type, and never below the need.
     */
    public static String xmx(long mib) {
        if (mib <= 1024) {
            return (mib + 255) / 256 * 256 + "m";
        }
        return (mib + 1023) / 1024 + "g";
    }

    /**
     * One line for work that outgrew a heap of {@code maxHeapBytes} ({@link Runtime#maxMemory}):
     * twice that to try, or less work.
     */
    public static String outgrew(long maxHeapBytes) {
        if (maxHeapBytes == Long.MAX_VALUE) {
            return "out of memory: give the JVM a larger heap (java -Xmx... -jar ...), or ask for less work"
                    + " (a preemption bound, a budget, a smaller scope)";
        }
        long mib = maxHeapBytes >> 20;
        return "out of memory: the JVM's heap (" + mib + " MiB) ran out; give it more, e.g. java -Xmx" + xmx(2 * mib)
                + " -jar ..., or ask for less work (a preemption bound, a budget, a smaller scope)";
    }

    /** {@link #outgrew} for this JVM's heap. */
    public static String outgrew() {
        return outgrew(Runtime.getRuntime().maxMemory());
    }

    /** Whether {@code t}, or anything that caused it, is the heap running out (a worker's, rethrown wrapped). */
    public static boolean outOfMemory(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) { // a cause chain may loop
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
