package dev.stablewrites.core.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The checksums of intervals this thread has checksummed before, by their bytes. A search replays
 * the same prefixes again and again, so {@code bio_integrity_prep} and the device's check meet the
 * same few contents millions of times; a lookup (a hash and a compare, both eight bytes a step) costs
 * a fraction of a table-driven CRC. Only a speed-up: the value is the checksum of exactly those bytes,
 * compared whole, so results and traces are unchanged.
 */
final class ChecksumMemo {
    /** A checksum of {@code len} bytes of {@code buf} from {@code off}. */
    @FunctionalInterface
    interface Checksum {
        long compute(byte[] buf, int off, int len);
    }

    /** Shorter ranges are checksummed directly: a lookup would cost about as much. */
    private static final int LEAST = 64;
    private static final int SLOTS = 1 << 12;
    private static final long M = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Checksum checksum;
    private final byte[][] keys = new byte[SLOTS][];
    private final long[] values = new long[SLOTS];

    private ChecksumMemo(Checksum checksum) {
        this.checksum = checksum;
    }

    /** One memo per thread for {@code checksum}: no locking, and every thread gets the same values. */
    static ThreadLocal<ChecksumMemo> perThread(Checksum checksum) {
        return ThreadLocal.withInitial(() -> new ChecksumMemo(checksum));
    }

    long get(byte[] buf, int off, int len) {
        if (len < LEAST) {
            return checksum.compute(buf, off, len);
        }
        int slot = (int) (hash(buf, off, len) >>> 52) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && key.length == len && Arrays.equals(key, 0, len, buf, off, off + len)) {
            return values[slot];
        }
        long value = checksum.compute(buf, off, len);
        if (key == null || key.length != len) {
            key = new byte[len];
            keys[slot] = key;
        }
        System.arraycopy(buf, off, key, 0, len);
        values[slot] = value;
        return value;
    }

    /** Four independent lanes of multiply-xor, so the loop is not one long dependency chain. */
    private static long hash(byte[] buf, int off, int len) {
        long a = len, b = 0x243F6A8885A308D3L, c = 0x13198A2E03707344L, d = 0xA4093822299F31D0L;
        int i = off;
        int end = off + len;
        for (; end - i >= 32; i += 32) {
            a = (a ^ (long) LONGS.get(buf, i)) * M;
            b = (b ^ (long) LONGS.get(buf, i + 8)) * M;
            c = (c ^ (long) LONGS.get(buf, i + 16)) * M;
            d = (d ^ (long) LONGS.get(buf, i + 24)) * M;
        }
        for (; i < end; i++) {
            a = (a ^ buf[i]) * M;
        }
        long h = a ^ Long.rotateLeft(b, 17) ^ Long.rotateLeft(c, 31) ^ Long.rotateLeft(d, 47);
        return (h ^ (h >>> 29)) * M;
    }
}
