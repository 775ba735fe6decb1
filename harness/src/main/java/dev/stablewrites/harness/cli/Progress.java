package dev.stablewrites.harness.cli;

import java.io.PrintStream;

/**
 * A progress bar on the terminal's standard error, redrawn in place; silent when standard output
 * or error is not a terminal (a pipe, a file, CI), so nothing but results reaches a log.
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

    /** A bar for {@code total} units of {@code what}, shown only on an interactive terminal. */
    static Progress onTerminal(int total, String what) {
        return new Progress(System.err, System.console() != null, total, what);
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
