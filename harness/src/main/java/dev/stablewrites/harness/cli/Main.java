package dev.stablewrites.harness.cli;

import dev.stablewrites.harness.explore.HeapAdvice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stablewrites} command. Exit status as {@code diff} gives it: 0 when no property failed,
 * 1 when a counterexample was found, 2 for bad input (with a one-line error naming the valid
 * choices, never a stack trace), 3 when nothing could be run ({@code timed} with no run that ran, a
 * search that outgrew the heap) or the harness failed, in one line too.
 */
@Command(name = "stablewrites", mixinStandardHelpOptions = true, version = "stablewrites 0.1.0",
        description = "A deterministic lab for the write-after-checksum race and its kernel mitigations.",
        subcommands = {ListCommand.class, CompareCommand.class, TimedCommand.class, BenchCommand.class, ExploreCommand.class,
            ReplayCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status: no property failed. */
    public static final int HOLDS = 0;
    /** Exit status: a counterexample was found. */
    public static final int FOUND = 1;
    /** Exit status: bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit status: nothing could be run (out of memory, a hung hook), or the harness itself failed. */
    public static final int NOT_RUN = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(out, err, args);
        out.flush(); // print() does not flush on its own, and exit would drop what it holds
        err.flush();
        if (out.checkError()) {
            // A PrintWriter keeps write errors to itself: a full disk must not pass for success.
            System.err.println("stablewrites: the output was cut short (a closed pipe or a full disk)");
            status = Math.max(status, 3);
        }
        System.exit(status);
    }

    /** Runs the command line, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("stablewrites: " + describe(ex));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                err.println("stablewrites: " + firstLine(ex.getMessage()));
                return BAD_INPUT;
            }
            return failed(err, ex);
        });
        return guarded(err, () -> cli.execute(args));
    }

    /**
     * Runs {@code command}, turning an error into one line and {@link #NOT_RUN}: an error, unlike an
     * exception, passes picocli's handler by, and the likeliest, the heap running out (a search that
     * keeps every state grows until it is done), gets the heap to try.
     */
    static int guarded(PrintWriter err, IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (Error e) {
            return failed(err, e);
        }
    }

    /**
     * The one line for a command that failed other than by bad input, and {@link #NOT_RUN}: the heap
     * to try when the heap ran out (a worker's error may come back wrapped), else an internal error.
     */
    static int failed(PrintWriter err, Throwable t) {
        err.println("stablewrites: " + (HeapAdvice.outOfMemory(t) ? HeapAdvice.outgrew()
                : "internal error: " + firstLine(String.valueOf(t))));
        return NOT_RUN;
    }

    /**
     * One line for a command-line error. picocli reports a missing required option before an
     * unknown one, but a mistyped option ({@code --strat}) is what the user needs to hear about.
     */
    private static String describe(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        while (cmd.getUnmatchedArguments().isEmpty() && cmd.getParent() != null) {
            cmd = cmd.getParent(); // 'foo explore': the unknown word is the parent's
        }
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (cmd.getCommandSpec().subcommands().isEmpty() || first.startsWith("-")) {
                return (first.startsWith("-") ? "unknown option '" : "unexpected argument '") + first + "' for "
                        + cmd.getCommandName() + "; valid: " + String.join(", ", optionNames(cmd));
            }
            if (cmd.getSubcommands().containsKey(first)) {
                return "unexpected '" + first + "': the command comes first, e.g. 'stablewrites " + first + "'";
            }
            return "unknown command '" + first + "'; valid: " + String.join(", ", commandNames(cmd));
        }
        return firstLine(ex.getMessage());
    }

    private static List<String> optionNames(CommandLine cmd) {
        List<String> names = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
            names.add(o.longestName());
        }
        return names;
    }

    private static List<String> commandNames(CommandLine cmd) {
        return new ArrayList<>(cmd.getSubcommands().keySet());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "bad input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command; valid: " + String.join(", ", commandNames(spec.commandLine())) + " (try --help)");
    }
}
