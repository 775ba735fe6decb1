package dev.stablewrites.core.timed;

/**
 * One timed workload: its kind and sizes. Every choice it makes (which page, which bytes) comes from
 * {@code seed}, so the same workload, strategy and cost model always give the same result.
 *
 * @param kind            which profile
 * @param threads         writer threads (an O_DIRECT writer also has its rewriting sibling)
 * @param workingSetBytes the bytes of file data the threads write over, a whole number of pages
 * @param ops             write operations in all, over all threads (syncs not counted)
 * @param durationNs      simulated time after which no new operation starts, or 0 for no limit
 * @param writeSize       bytes per write (dbench: at most this many, drawn per write)
 * @param syncEvery       a sync after this many writes of a thread, or 0 for none
 * @param flushIntervalNs the background flusher's period ({@code dirty_writeback_centisecs}), or 0 for none
 * @param pageSize        bytes per page
 * @param seed            the seed of every choice
 */
public record Workload(WorkloadKind kind, int threads, long workingSetBytes, long ops, long durationNs,
                       int writeSize, int syncEvery, long flushIntervalNs, int pageSize, long seed) {

    /** The largest working set: the model's media is one array of bytes. */
    public static final long MAX_WORKING_SET = 1L << 30;

    public Workload {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("impossible thread count " + threads + ": 1 to 1024");
        }
        if (workingSetBytes < pageSize || workingSetBytes % pageSize != 0 || workingSetBytes > MAX_WORKING_SET) {
            throw new IllegalArgumentException("impossible working set " + workingSetBytes + " bytes: a whole number of "
                    + pageSize + "-byte pages, at most " + (MAX_WORKING_SET >> 20) + " MiB");
        }
        if (ops < 1) {
            throw new IllegalArgumentException("impossible operation count " + ops + ": at least 1");
        }
        if (writeSize < 1 || writeSize > 1 << 20) {
            throw new IllegalArgumentException("impossible write size " + writeSize + ": 1 byte to 1 MiB");
        }
        if (syncEvery < 0 || durationNs < 0 || flushIntervalNs < 0) {
            throw new IllegalArgumentException("impossible workload: sync interval, duration and flush period are at least 0");
        }
    }

    /** The profile's defaults at a working set of {@code workingSetBytes} and {@code ops} writes. */
    public static Workload of(WorkloadKind kind, long workingSetBytes, long ops, long seed) {
        return switch (kind) {
            case WRITE_SYNC, MMAP_MSYNC, MIX -> new Workload(kind, kind.defaultThreads(), workingSetBytes, ops, 0, 4096,
                    16, 5_000_000_000L, 4096, seed);
            case ODIRECT -> new Workload(kind, kind.defaultThreads(), workingSetBytes, ops, 0, 4096, 0, 0, 4096, seed);
            // dbench's WriteX sizes vary; 57 MB/s over 109,347 writes a minute is about 32 KiB at most, 16 on average.
            case DBENCH -> new Workload(kind, kind.defaultThreads(), workingSetBytes, ops, 0, 32768, 7,
                    5_000_000_000L, 4096, seed);
        };
    }

    /** The same workload with another thread count. */
    public Workload withThreads(int n) {
        return new Workload(kind, n, workingSetBytes, ops, durationNs, writeSize, syncEvery, flushIntervalNs, pageSize, seed);
    }

    /** The same workload with another write size. */
    public Workload withWriteSize(int bytes) {
        return new Workload(kind, threads, workingSetBytes, ops, durationNs, bytes, syncEvery, flushIntervalNs, pageSize, seed);
    }

    /** The same workload with another sync interval. */
    public Workload withSyncEvery(int n) {
        return new Workload(kind, threads, workingSetBytes, ops, durationNs, writeSize, n, flushIntervalNs, pageSize, seed);
    }

    /** The same workload with another flusher period. */
    public Workload withFlushInterval(long ns) {
        return new Workload(kind, threads, workingSetBytes, ops, durationNs, writeSize, syncEvery, ns, pageSize, seed);
    }

    /** The same workload with a limit on simulated time. */
    public Workload withDuration(long ns) {
        return new Workload(kind, threads, workingSetBytes, ops, ns, writeSize, syncEvery, flushIntervalNs, pageSize, seed);
    }

    /**
     * Files each dbench client writes. estimate: a dbench client works on many files and flushes
     * the one it just wrote, so its other files stay dirty until the flusher takes them.
     */
    public static final int DBENCH_FILES_PER_CLIENT = 8;

    /** Pages in the working set. */
    public int pages() {
        return (int) (workingSetBytes / pageSize);
    }

    /** Files the threads write: 8 per dbench client, one per O_DIRECT writer, one per 8 threads otherwise. */
    public int files() {
        int f = switch (kind) {
            case DBENCH -> threads * DBENCH_FILES_PER_CLIENT;
            case ODIRECT -> threads;
            default -> Math.max(1, threads / 8);
        };
        return Math.min(f, pages());
    }

    /** One line: the kind and its sizes. */
    @Override
    public String toString() {
        return String.format("%s: %d threads, %d MiB in %d file(s), %,d writes of %s%d B%s%s", kind.id(), threads,
                workingSetBytes >> 20, files(), ops, kind == WorkloadKind.DBENCH ? "up to " : "", writeSize,
                syncEvery > 0 ? ", a sync every " + syncEvery : "",
                flushIntervalNs > 0 ? String.format(", flusher every %.3g s", flushIntervalNs / 1e9) : "");
    }
}
