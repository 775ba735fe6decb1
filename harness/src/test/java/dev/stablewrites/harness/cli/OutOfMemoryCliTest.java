package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Guards that a command whose search outgrows the heap ends with one line and {@link Main#NOT_RUN},
 * never a stack trace: an {@link OutOfMemoryError} is an error, which picocli's exception handler
 * never sees.
 */
class OutOfMemoryCliTest {
    @Test
    void aCommandThatRunsOutOfHeap_endsWithOneLineAndNotRun() {
        StringWriter err = new StringWriter();
        int status = Main.guarded(new PrintWriter(err, true), () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertEquals(Main.NOT_RUN, status);
        String text = err.toString();
        assertTrue(text.startsWith("stablewrites: out of memory: "), text);
        assertTrue(text.contains("-Xmx"), text);
        assertEquals(1, text.lines().count(), text);
    }

    @Test
    void aCommandThatEnds_keepsItsStatus() {
        StringWriter err = new StringWriter();
        assertEquals(Main.FOUND, Main.guarded(new PrintWriter(err, true), () -> Main.FOUND));
        assertEquals("", err.toString());
    }
}
