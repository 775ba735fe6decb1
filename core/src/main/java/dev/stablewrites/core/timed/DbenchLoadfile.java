package dev.stablewrites.core.timed;

import java.util.SplittableRandom;

/**
 * dbench 4's default loadfile, {@code client.txt}, as a seeded generator of the operations one
 * client replays. dbench ({@code child.c}'s {@code child_run}) reads the loadfile line by line, one
 * NetBench-derived SMB operation a line, runs each for every client in the client's own directory
 * (rewriting {@code client1} to the client's name), and starts over at the end; {@code fileio.c}
 * maps WriteX to {@code pwrite}, ReadX to {@code pread}, Flush to {@code fsync}, Unlink to
 * {@code unlink}, NTCreateX with disposition 0x2 to {@code open(O_CREAT|O_EXCL)}.
 *
 * <p>The model does not ship the loadfile (26 MB); it keeps what decides page-cache latency, each
 * count measured once in dbench 4.0's {@code client.txt} (Debian's dbench 4.0-2.1,
 * {@code /usr/share/dbench/client.txt}, 458,344 lines, no timestamps: clients run flat out) and
 * cited below. Per pass of the loadfile a client does 39,502 WriteX, 124,199 ReadX, 5,553 Flush,
 * 16,000 Unlink and 273,087 other operations (NTCreateX, Close, QUERY_PATH_INFORMATION,
 * FIND_FIRST, QUERY_FS/FILE_INFORMATION, SET_FILE_INFORMATION, Rename, LockX/UnlockX). Its files
 * fall in two classes by what happens to them in a pass:
 * <ul>
 * <li><b>kept</b> (never flushed, never unlinked): 10,581 WriteX, 505 MB, half the written bytes.
 *     Most go to three files rewritten in place in 64 KiB-aligned 65,536-byte WriteX: LARGE.FIL
 *     (1,867,776 bytes, 4,171 WriteX), MEDIUM.FIL (1,048,576, 2,081), SMALL.FIL (327,680, 1,038).
 *     These stay dirty for as long as the pass lasts unless writeback takes them: 8,411 WriteX of a
 *     pass hit a file dirty for more than 80,000 lines (about 30 s at the 2013 run's pace).</li>
 * <li><b>temporary</b> (created, written, flushed, then unlinked or renamed away): 28,271 WriteX,
 *     505 MB; 12,515 of them append at the end of the file, the others rewrite from offset 0 (the
 *     NEWPCB.PPT pattern: 4 KiB at 0, Flush, 4 KiB at 0, Flush...); 52% have a length that is not
 *     a multiple of 4 KiB, so the next append rewrites the tail page. Flush goes to these files.</li>
 * </ul>
 * The model gives each client its three kept files and one temporary file slot; every other
 * operation is priced as CPU work between the data operations. estimate: the other 53 kept files
 * (3,291 WriteX, small files) are folded into the three, in their proportions.
 */
final class DbenchLoadfile {
    /** What the client does next, among the operations that touch the page cache. */
    enum Op { WRITE_KEPT, WRITE_TEMP, FLUSH, UNLINK }

    /** cited (client.txt): per pass, WriteX to kept files, to temporary files, Flush, Unlink. */
    static final int WRITEX_KEPT = 10_581;
    static final int WRITEX_TEMP = 28_271;
    static final int FLUSH = 5_553;
    static final int UNLINK = 16_000;
    /** cited (client.txt): ReadX per pass, and their bytes (1,472,088,767: 11,853 on average). */
    static final int READX = 124_199;
    static final long READX_BYTES = 1_472_088_767L;
    /** cited (client.txt): every other operation of a pass (458,344 lines less the above and the 2 Deltree/1 Mkdir). */
    static final int OTHER = 458_344 - 39_502 - READX - FLUSH - UNLINK - 3;

    /** cited (client.txt): the kept files' sizes and their WriteX counts per pass. */
    static final long[] KEPT_BYTES = {1_867_776, 1_048_576, 327_680};
    static final int[] KEPT_WRITES = {4_171, 2_081, 1_038};
    static final String[] KEPT_NAMES = {"LARGE.FIL", "MEDIUM.FIL", "SMALL.FIL"};
    /** cited (client.txt): the kept files' WriteX are 65,536 bytes at 64 KiB-aligned offsets (7,273 of 7,290). */
    static final int KEPT_WRITE = 65_536;
    /** cited (client.txt): WriteX to temporary files that append (12,515 of 28,271). */
    static final double TEMP_APPEND = 12_515.0 / 28_271;
    /**
     * cited (client.txt): the lengths of WriteX to temporary files, most frequent first (4096: 7,877,
     * 1: 7,355, 65536: 5,164, 2048: 1,677, 8192: 261, 53: 258, 15360: 258), then the rest (5,386,
     * lengths between 510 and 65,535 that each occur about 130 times; estimate: drawn uniformly there).
     */
    static final int[] TEMP_LENGTHS = {4096, 1, 65_536, 2048, 8192, 53, 15_360};
    static final int[] TEMP_LENGTH_COUNTS = {7_877, 7_355, 5_164, 1_677, 261, 258, 258};
    static final int TEMP_OTHER_LENGTHS = 28_276 - 7_877 - 7_355 - 5_164 - 1_677 - 261 - 258 - 258;

    /** The client's files: three kept, then one temporary slot. */
    static final int FILES_PER_CLIENT = KEPT_BYTES.length + 1;

    private final SplittableRandom rnd;

    DbenchLoadfile(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** The next operation that touches the page cache, with the loadfile's proportions. */
    Op nextOp() {
        int n = rnd.nextInt(WRITEX_KEPT + WRITEX_TEMP + FLUSH + UNLINK);
        if (n < WRITEX_KEPT) {
            return Op.WRITE_KEPT;
        }
        n -= WRITEX_KEPT;
        if (n < WRITEX_TEMP) {
            return Op.WRITE_TEMP;
        }
        return n - WRITEX_TEMP < FLUSH ? Op.FLUSH : Op.UNLINK;
    }

    /**
     * The ReadX and other operations the loadfile has between two page-cache operations, as
     * {@code {readx, other}}: each line is one of them with the loadfile's odds until the next
     * data operation comes (a geometric count, mean 2.03 ReadX and 4.21 others).
     */
    int[] between() {
        int data = WRITEX_KEPT + WRITEX_TEMP + FLUSH + UNLINK;
        int reads = 0;
        int other = 0;
        while (true) {
            int n = rnd.nextInt(data + READX + OTHER);
            if (n < data) {
                return new int[] {reads, other};
            }
            if (n < data + READX) {
                reads++;
            } else {
                other++;
            }
        }
    }

    /** Which kept file a WriteX goes to (0 LARGE, 1 MEDIUM, 2 SMALL), in the loadfile's proportions. */
    int keptFile() {
        int n = rnd.nextInt(KEPT_WRITES[0] + KEPT_WRITES[1] + KEPT_WRITES[2]);
        return n < KEPT_WRITES[0] ? 0 : n < KEPT_WRITES[0] + KEPT_WRITES[1] ? 1 : 2;
    }

    /** A 64 KiB-aligned offset in a kept file of {@code bytes}. */
    long keptOffset(long bytes) {
        long slots = Math.max(1, (bytes + KEPT_WRITE - 1) / KEPT_WRITE);
        return rnd.nextLong(slots) * KEPT_WRITE;
    }

    /** The length of a WriteX to the temporary file. */
    int tempLength() {
        int n = rnd.nextInt(28_276);
        for (int i = 0; i < TEMP_LENGTHS.length; i++) {
            if (n < TEMP_LENGTH_COUNTS[i]) {
                return TEMP_LENGTHS[i];
            }
            n -= TEMP_LENGTH_COUNTS[i];
        }
        return 510 + rnd.nextInt(65_536 - 510);
    }

    /** Whether a WriteX to the temporary file appends (else it rewrites from offset 0). */
    boolean tempAppends() {
        return rnd.nextDouble() < TEMP_APPEND;
    }

    /**
     * The kept files' sizes in pages for a client with {@code pages} pages of the working set: the
     * loadfile's sizes, scaled down in proportion when they would leave the temporary file less than
     * a quarter of the client's pages (estimate: a small working set keeps the same shape; at the
     * default 16 MiB nothing is scaled and the temporary file has 232 pages).
     */
    static int[] layout(int pages, int pageSize) {
        int[] out = new int[FILES_PER_CLIENT];
        long keptPages = 0;
        for (long b : KEPT_BYTES) {
            keptPages += (b + pageSize - 1) / pageSize;
        }
        double scale = Math.min(1.0, 0.75 * pages / keptPages);
        int used = 0;
        for (int i = 0; i < KEPT_BYTES.length; i++) {
            out[i] = Math.max(1, (int) (((KEPT_BYTES[i] + pageSize - 1) / pageSize) * scale));
            used += out[i];
        }
        out[KEPT_BYTES.length] = Math.max(1, pages - used);
        return out;
    }

    /** CPU time of {@code reads} ReadX (a syscall and a copy of the average ReadX from the page cache) and {@code other} other operations. */
    static double betweenNs(CostModel m, int reads, int other) {
        return reads * (m.syscallNs() + m.copyNsPerByte() * ((double) READX_BYTES / READX))
                + other * (m.syscallNs() + m.kernelStepNs()); // estimate: an open/close/stat is a syscall and a step of kernel work
    }
}
