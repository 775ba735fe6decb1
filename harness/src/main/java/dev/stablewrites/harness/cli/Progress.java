package dev.stablewrites.harness.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error, redrawn in place, when standard error is a terminal; silent
 * when it is a pipe or a file (a log, CI), so nothing but results reaches them.
 *
 * <p>Units may be done in parts (a timed run reports how far it has got, so the bar moves within
 * a run and not once per run); it is redrawn only when what it shows changes, so a caller may
 * report thousands of times a second. {@link #note} shows a phase that has no total (shrinking),
 * and {@link #clear} erases the line before results are printed to the same terminal.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean on;
    private final int total;
    private final String what;
    private double done;
    private String shown = "";
    private int drawnPermille = -1;

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

    /** A bar drawn on {@code err} whatever it is: for tests. */
    static Progress drawnOn(PrintStream err, int total, String what) {
        return new Progress(err, true, total, what);
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
    void step() {
        advance(1);
    }

    /** {@code units} more done, a fraction of one allowed; any thread. */
    synchronized void advance(double units) {
        done = Math.min(total, done + units);
        if (!on) {
            return;
        }
        int permille = total == 0 ? 1000 : (int) (done * 1000 / total);
        if (permille == drawnPermille && done < total) {
            return; // at most a thousand redraws however many units: a terminal is slow
        }
        drawnPermille = permille;
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        int percent = permille / 10;
        draw(String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                percent, (int) done, total, what));
        if (done >= total) {
            clear();
        }
    }

    /** Shows {@code text} in place of the bar: a phase without a total, such as shrinking. */
    synchronized void note(String text) {
        if (on) {
            drawnPermille = -1;
            draw(text);
        }
    }

    /** Erases the line, before results are printed on the same terminal. */
    synchronized void clear() {
        if (on && !shown.isEmpty()) {
            err.print("\r" + " ".repeat(shown.length()) + "\r");
            err.flush();
            shown = "";
        }
        drawnPermille = -1;
    }

    private void draw(String line) {
        if (line.equals(shown)) {
            return; // nothing visible changed: do not flood the terminal
        }
        String pad = line.length() < shown.length() ? " ".repeat(shown.length() - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        shown = line;
    }

    /** Whether the bar is drawn. */
    boolean shown() {
        return on;
    }
}
