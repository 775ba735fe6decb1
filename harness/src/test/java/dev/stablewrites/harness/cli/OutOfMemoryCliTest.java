package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.harness.BrokenStrategies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards that a command whose search outgrows the heap ends with one line and {@link Main#NOT_RUN},
 * never a stack trace: an {@link OutOfMemoryError} is an error, which picocli's exception handler
 * never sees, and a worker's may come back wrapped.
 */
class OutOfMemoryCliTest {
    /** Binds the strategy that throws what a full heap throws, for the command line to discover. */
    public static final class HeapModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("exhausts-heap", BrokenStrategies.ExhaustsHeap.class);
        }
    }

    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(ints = {1, 2})
    void exploreThatRunsOutOfHeap_endsWithOneLineAndNotRun(int threads, @TempDir Path dir) throws Exception {
        Cli.Result r = Cli.runWithModule(dir, HeapModule.class, "explore", "--strategy", "exhausts-heap", "--scenario",
                "mmap", "--threads", String.valueOf(threads), "--set", "recheck-resubmit.retry-limit=3");
        assertEquals(Main.NOT_RUN, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("stablewrites: out of memory: the JVM's heap ("), r.err());
        assertTrue(r.err().contains("java -Xmx"), r.err());
    }

    @Test
    void anotherError_andAWrappedOne_areOneLineToo_andAnEndedCommandKeepsItsStatus() {
        StringWriter err = new StringWriter();
        int status = Main.guarded(new PrintWriter(err, true), () -> {
            throw new StackOverflowError();
        });
        assertEquals(Main.NOT_RUN, status);
        assertEquals("stablewrites: internal error: java.lang.StackOverflowError", err.toString().strip());
        StringWriter wrapped = new StringWriter();
        assertEquals(Main.NOT_RUN, Main.failed(new PrintWriter(wrapped, true),
                new IllegalStateException(new OutOfMemoryError("Java heap space"))));
        assertTrue(wrapped.toString().startsWith("stablewrites: out of memory: the JVM's heap ("), wrapped.toString());
        StringWriter quiet = new StringWriter();
        assertEquals(Main.FOUND, Main.guarded(new PrintWriter(quiet, true), () -> Main.FOUND));
        assertEquals("", quiet.toString());
    }
}
