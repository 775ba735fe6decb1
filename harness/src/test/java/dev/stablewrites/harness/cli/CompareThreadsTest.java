package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code compare} and {@code explore} print the same bytes for any {@code --threads}. */
class CompareThreadsTest {
    @Test
    void compareJson_isByteIdenticalForOneAndThreeThreads() {
        String[] args = {"compare", "--format", "json", "--strategies", "none,bounce,recheck-resubmit",
                "--scenarios", "mmap,journal", "--budget", "3000"};
        Cli.Result one = Cli.run(concat(args, "--threads", "1"));
        Cli.Result three = Cli.run(concat(args, "--threads", "3"));
        assertEquals(Main.HOLDS, one.status(), one.err());
        assertEquals(one.out(), three.out());
    }

    @Test
    void exhaustiveExplore_isByteIdenticalForOneAndTwoThreads() {
        String[] args = {"explore", "--strategy", "bounce", "--scenario", "mmap", "--explorer", "exhaustive",
                "--bound", "3"};
        Cli.Result one = Cli.run(concat(args, "--threads", "1"));
        assertEquals(one.out(), Cli.run(concat(args, "--threads", "2")).out());
        assertEquals(Main.HOLDS, one.status(), one.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
