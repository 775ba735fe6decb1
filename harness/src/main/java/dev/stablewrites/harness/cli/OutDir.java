package dev.stablewrites.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code --out DIR}, checked before anything runs: a comparison of minutes must not end in "cannot
 * write". The directory is made if it is missing and a file is made and removed in it, so what the
 * user hears is the system's reason in words ("not a directory", "permission denied"), not the
 * name of a Java exception.
 */
final class OutDir {
    private static final String PROBE = ".stablewrites-write-check";

    private OutDir() {
    }

    /**
     * The directory, ready to write into.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static Path check(Path dir) {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("--out needs a directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + ": not a directory (a file is there)");
        }
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(PROBE);
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw new IllegalArgumentException("--out " + dir + ": " + IoErrors.reason(e));
        }
        return dir;
    }
}
