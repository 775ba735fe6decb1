package dev.stablewrites.harness.cli;

import dev.stablewrites.core.strategy.StrategyCatalog;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the commands share: the strategies found on the class path, and checks on user input. */
final class Lab {
    private static StrategyCatalog catalog;

    private Lab() {
    }

    /** The strategies with their default settings. */
    static synchronized StrategyCatalog catalog() {
        if (catalog == null) {
            catalog = StrategyCatalog.discover();
        }
        return catalog;
    }

    /**
     * How to run this jar again from here, for the {@code replay:} line: relative when the jar is
     * under the working directory, absolute otherwise, the build's path when not run from a jar.
     * Run with {@code -cp} beside other jars (a strategy of one's own), the same class path again:
     * {@code java -jar} would leave that strategy out and the replay would not find it.
     */
    static String jarCommand() {
        try {
            return jarCommand(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    System.getProperty("java.class.path", ""));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return "java -jar harness/target/stablewrites.jar"; // the documented path is right for a build tree
        }
    }

    /** {@link #jarCommand()} for a harness loaded from {@code codeSource} with {@code classPath}. */
    static String jarCommand(Path codeSource, String classPath) {
        if (!codeSource.toString().endsWith(".jar")) {
            return "java -jar harness/target/stablewrites.jar";
        }
        if (classPath.contains(File.pathSeparator)) {
            StringBuilder cp = new StringBuilder();
            for (String entry : classPath.split(File.pathSeparator)) {
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(relative(Path.of(entry)));
            }
            return "java -cp " + shellWord(cp.toString()) + " " + Main.class.getName();
        }
        return "java -jar " + shellWord(relative(codeSource));
    }

    /** The note {@link #annotateReplayLines} adds for this JVM's class path, or "" when it needs none. */
    static String replayNote() {
        String classPath = System.getProperty("java.class.path", "");
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // Only a replay line that repeats the class path (a jar run beside others) names its entries.
            if (!code.toString().endsWith(".jar") || !classPath.contains(File.pathSeparator)) {
                return "";
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return "";
        }
        return replayNote(classPath);
    }

    /**
     * A shell comment for a {@code replay:} line whose class path names a jar in a temporary
     * directory: the line runs now, but not after the directory is cleaned. Empty when none does.
     */
    static String replayNote(String classPath) {
        List<String> temporary = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && isTemporary(Path.of(entry))) {
                temporary.add(entry);
            }
        }
        if (temporary.isEmpty()) {
            return "";
        }
        return "   # " + String.join(", ", temporary) + (temporary.size() == 1 ? " is" : " are") + " in a temporary"
                + " directory: copy " + (temporary.size() == 1 ? "it" : "them") + " somewhere lasting to replay this later";
    }

    /** {@code text} with {@link #replayNote()} after each line that starts with {@code replay:}. */
    static String annotateReplayLines(String text) {
        String note = replayNote();
        if (note.isEmpty()) {
            return text;
        }
        return text.replaceAll("(?m)^(replay:.*)$", "$1" + java.util.regex.Matcher.quoteReplacement(note));
    }

    private static boolean isTemporary(Path entry) {
        Path p = entry.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>(List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm")));
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isBlank()) {
            roots.add(Path.of(tmp).toAbsolutePath().normalize());
        }
        return roots.stream().anyMatch(r -> p.startsWith(r) && !p.equals(r));
    }

    private static String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString();
    }

    /** {@code word} as one shell word: as it is when safe, single-quoted otherwise. */
    static String shellWord(String word) {
        return word.matches("[\\w./:=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code --threads}: as given, at least 1; left out, one per core. */
    static int threads(Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new IllegalArgumentException("impossible --threads " + threads + ": at least 1 (leave it out for one"
                    + " per core, " + Runtime.getRuntime().availableProcessors() + " here)");
        }
        return threads;
    }

    static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("impossible " + what + " " + value + ": it must be at least 1");
        }
        return value;
    }
}
