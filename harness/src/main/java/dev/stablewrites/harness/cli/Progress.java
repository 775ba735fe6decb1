package dev.stablewrites.harness.cli;

import java.io.PrintStream;

/**
 * A progress bar on standard error, redrawn in place, when standard error is a terminal; silent
 * when it is a pipe or a file (a log, CI), so nothing but results reaches them.
 */
final class Progress {
    private final PrintStream err;
    private final boolean on;
    private final int total;
    private final String what;
    private int done;

    private Progress(PrintStream err, boolean on, int total, String what) {
        this.err = err;
        this.on = on;
        this.total = total;
        this.what = what;
    }

    /** A bar for {@code total} units of {@code what}, shown only when standard error is a terminal. */
    static Progress onTerminal(int total, String what) {
        return new Progress(System.err, stderrIsTerminal(), total, what);
    }

    /**
     * Java 17 cannot ask whether standard error is a terminal; on Linux its descriptor names the
     * device. Elsewhere, a console (standard input and output on a terminal) is the best guess.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** One more unit done. */
    synchronized void step() {
        done++;
        if (!on) {
            return;
        }
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " " + what);
        if (done >= total) {
            err.print("\r" + " ".repeat(width + 20 + what.length()) + "\r");
        }
        err.flush();
    }

    /** Whether the bar is drawn. */
    boolean shown() {
        return on;
    }
}
