package dev.stablewrites.harness.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file error as the user should hear it: the system's reason in words ("permission denied",
 * "no such file or directory", "not a directory"), never the name of a Java exception.
 */
final class IoErrors {
    private IoErrors() {
    }

    /** ": PATH" for the nearest part of {@code path} that is a file, or nothing if none is found. */
    private static String fileInTheWay(String path) {
        for (Path p = path == null ? null : Path.of(path); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return ": " + p;
            }
        }
        return "";
    }

    /** The system's reason for {@code e} in a few words. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof InvalidPathException) {
            return "not a valid path (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String r = fs.getReason();
            String words = r.toLowerCase(java.util.Locale.ROOT);
            if (words.contains("not a directory")) {
                return "not a directory (a file is in the way" + fileInTheWay(fs.getFile()) + ")";
            }
            if (words.contains("operation not permitted") || words.contains("read-only file system")) {
                return "permission denied (" + words + ")";
            }
            return words;
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "an I/O error";
        }
        // The system's own words ("Is a directory"), as the middle of a sentence.
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}
