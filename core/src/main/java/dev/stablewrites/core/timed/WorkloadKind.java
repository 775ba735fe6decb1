package dev.stablewrites.core.timed;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The timed mode's workloads, after the "wac" (write-after-checksum) profiles Darrick Wong ran to
 * validate stable page writes (linux-fsdevel, 2011: "madly rewriting the same memory pages"), and a
 * dbench-like load for the figure that made Linux 3.9 make stable pages conditional.
 */
public enum WorkloadKind {
    /** wac profile a: {@code write()} threads rewriting shared files, each starting writeback with
     *  {@code sync_file_range(SYNC_FILE_RANGE_WRITE)} every few writes and never waiting for it. */
    WRITE_SYNC("write-sync", 64, "write() threads rewriting shared files, sync_file_range every 16 writes"),
    /** wac profile b: threads of one process storing to a shared mapping, {@code msync(MS_SYNC)} every few stores. */
    MMAP_MSYNC("mmap-msync", 64, "mmap writers storing to shared files, msync(MS_SYNC) every 16 stores"),
    /** wac profile c: half of each, on the same files. */
    MIX("mix", 64, "half write()+sync_file_range, half mmap+msync, on the same files"),
    /** O_DIRECT writers, each with a sibling thread that keeps rewriting the buffer (fstests generic/761). */
    ODIRECT("dio-rewrite", 32, "O_DIRECT writers, each buffer rewritten by a sibling thread during the I/O"),
    /** dbench on ext2 (commit 1d1d1a767206): 4 clients replaying the shape of dbench 4's loadfile
     *  ({@link DbenchLoadfile}), the flusher writing back every 5 s. */
    DBENCH("dbench", 4, "4 clients replaying dbench's client.txt: kept files rewritten, temporary files written,"
            + " flushed and unlinked; flusher every 5 s"),
    /** fstests generic/761 ({@code dio-writeback-race}, 2025): a 64 MiB file written block by block with
     *  O_DIRECT from a buffer of 0xff, which a second thread sets to 0x00 during each write. */
    GENERIC_761("generic-761", 1, "64 MiB written block by block with O_DIRECT from a 0xff buffer a second thread"
            + " zeroes during each write (fstests generic/761)");

    private final String id;
    private final int defaultThreads;
    private final String description;

    WorkloadKind(String id, int defaultThreads, String description) {
        this.id = id;
        this.defaultThreads = defaultThreads;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** The thread count of the profile this workload follows. */
    public int defaultThreads() {
        return defaultThreads;
    }

    /** Whether the workload writes with O_DIRECT (no page cache, no flusher). */
    public boolean direct() {
        return this == ODIRECT || this == GENERIC_761;
    }

    public String description() {
        return description;
    }

    /**
     * The workload named {@code id}.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static WorkloadKind byId(String id) {
        for (WorkloadKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; valid: " + ids());
    }

    /** Every id, separated by commas. */
    public static String ids() {
        return Arrays.stream(values()).map(WorkloadKind::id).collect(Collectors.joining(", "));
    }
}
