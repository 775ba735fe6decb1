package dev.stablewrites.core.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * CRC-64/NVME: the guard of an NVMe 64-bit-guard protection tuple (Linux {@code crc64_nvme}).
 *
 * <p>Reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones, reflected in and out;
 * check value of {@code "123456789"} is 0xAE8B14860A799888. A 64-bit guard is what NVMe added
 * for 4 KiB+ intervals, where a 16-bit CRC lets too many corruptions through. Slicing-by-8.
 */
public final class Crc64Nvme {

    private static final long POLY_REFLECTED = 0x9A6C9329AC4BC9B5L;

    /** Flattened slicing tables: {@code TABLE[k * 256 + b]} is byte {@code b} followed by {@code k} zero bytes. */
    private static final long[] TABLE = new long[8 * 256];

    /** Reads eight bytes as one little-endian long: the CRC is reflected, so the first byte is the least significant. */
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLE[b] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int b = 0; b < 256; b++) {
                long prev = TABLE[(k - 1) * 256 + b];
                TABLE[k * 256 + b] = (prev >>> 8) ^ TABLE[(int) prev & 0xFF];
            }
        }
    }

    private Crc64Nvme() {
    }

    /**
     * Computes the CRC-64/NVME of {@code buf[off..off+len)}.
     *
     * @return the CRC (init and final xor already applied)
     * @throws IndexOutOfBoundsException if the range is outside {@code buf}
     */
    public static long compute(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        final long[] t = TABLE;
        long crc = -1L;
        int i = off;
        final int end = off + len;
        for (; end - i >= 8; i += 8) {
            long v = (long) LE_LONG.get(buf, i) ^ crc;
            crc = t[7 * 256 + ((int) v & 0xFF)]
                    ^ t[6 * 256 + ((int) (v >>> 8) & 0xFF)]
                    ^ t[5 * 256 + ((int) (v >>> 16) & 0xFF)]
                    ^ t[4 * 256 + ((int) (v >>> 24) & 0xFF)]
                    ^ t[3 * 256 + ((int) (v >>> 32) & 0xFF)]
                    ^ t[2 * 256 + ((int) (v >>> 40) & 0xFF)]
                    ^ t[256 + ((int) (v >>> 48) & 0xFF)]
                    ^ t[(int) (v >>> 56)];
        }
        for (; i < end; i++) {
            crc = (crc >>> 8) ^ t[((int) crc ^ buf[i]) & 0xFF];
        }
        return ~crc;
    }
}
