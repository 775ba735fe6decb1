package dev.stablewrites.harness.cli;

import dev.stablewrites.core.strategy.StrategyModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test support: runs {@link Main#run} in-process and picks apart what it printed. */
final class Cli {
    private static final Pattern REPLAY = Pattern.compile(
            "^replay:\\s+java -jar \\S+ replay --strategy (\\S+)((?: --set \\S+)*) --scenario '([^']*)'(?: --schedule (\\S+))?$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d+)  (\\S)\\s+(.*)$");

    private Cli() {
    }

    /** What one invocation returned and printed. */
    record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        /** The trace: every line after the column header and before the events or {@code schedule:}. */
        List<String> traceLines() {
            List<String> lines = outLines();
            int header = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("^\\s*#\\s+actor\\s+kernel function.*")) {
                    header = i;
                    break;
                }
            }
            if (header < 0) {
                throw new AssertionError("no trace header in:\n" + out);
            }
            int end = header + 1;
            while (end < lines.size() && !lines.get(end).startsWith("schedule: ")
                    && !lines.get(end).startsWith("events (")) {
                end++;
            }
            if (end == lines.size()) {
                throw new AssertionError("no schedule: line after the trace in:\n" + out);
            }
            while (lines.get(end - 1).isBlank()) {
                end--;
            }
            return lines.subList(header + 1, end);
        }

        /** The numbered steps of the trace, in order. */
        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            for (String line : traceLines()) {
                Matcher m = NUMBERED.matcher(line);
                if (m.matches()) {
                    steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2).charAt(0), m.group(3), line));
                }
            }
            return steps;
        }

        /** The line starting with {@code prefix}, or an assertion error. */
        String line(String prefix) {
            return outLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
        }

        /** The arguments of the {@code replay:} line: strategy, settings, scenario, schedule. */
        String[] replayArgs() {
            Matcher m = REPLAY.matcher(line("replay:"));
            if (!m.matches()) {
                throw new AssertionError("replay line not in the expected form: " + line("replay:"));
            }
            List<String> args = new ArrayList<>(List.of("replay", "--strategy", m.group(1)));
            for (String word : m.group(2).strip().split(" ")) {
                if (!word.isEmpty()) {
                    args.add(word);
                }
            }
            args.addAll(List.of("--scenario", m.group(3), "--schedule", m.group(4) == null ? "" : m.group(4)));
            return args.toArray(new String[0]);
        }
    }

    /** One numbered trace line: its number, actor, and the rest (function, detail, page state). */
    record Step(int number, char actor, String rest, String line) {
        /** The kernel-function column's first word. */
        String function() {
            int sp = rest.indexOf(' ');
            return sp < 0 ? rest : rest.substring(0, sp);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = Main.run(o, e, args);
        }
        return new Result(status, out.toString(), err.toString());
    }

    /**
     * Runs with {@code module} found as an outside module is: a jar in {@code dir} naming it in
     * {@code META-INF/services}, seen through the context class loader. The arguments should hold a
     * {@code --set}, which makes the command discover the modules afresh, past the cached catalog.
     */
    static Result runWithModule(Path dir, Class<? extends StrategyModule> module, String... args) throws IOException {
        Path jar = dir.resolve("module.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/" + StrategyModule.class.getName()));
            out.write((module.getName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            return run(args);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
