package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Guards the one line a search that outgrew the heap gets: the heap it had, and more to try. */
class HeapAdviceTest {
    @Test
    void outgrew_namesTheHeapAndAnXmxAtLeastTwiceIt() {
        String small = HeapAdvice.outgrew(48L << 20);
        assertTrue(small.startsWith("out of memory: the JVM's heap (48 MiB) ran out"), small);
        assertTrue(small.contains("java -Xmx256m -jar"), small);
        String large = HeapAdvice.outgrew(3L << 30);
        assertTrue(large.contains("(3072 MiB)") && large.contains("java -Xmx6g -jar"), large);
        assertFalse(small.contains("\n") || large.contains("\n"), "one line");
        String unlimited = HeapAdvice.outgrew(Long.MAX_VALUE);
        assertTrue(unlimited.startsWith("out of memory: give the JVM a larger heap"), unlimited);
    }

    @Test
    void outOfMemory_isSeenThroughTheWrappingOfAWorker() {
        assertTrue(HeapAdvice.outOfMemory(new OutOfMemoryError("Java heap space")));
        assertTrue(HeapAdvice.outOfMemory(new IllegalStateException(new ExecutionException(new OutOfMemoryError()))));
        assertFalse(HeapAdvice.outOfMemory(new IllegalStateException("a bug", new StackOverflowError())));
        assertFalse(HeapAdvice.outOfMemory(null));
    }
}
