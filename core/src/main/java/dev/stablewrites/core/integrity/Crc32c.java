package dev.stablewrites.core.integrity;

import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli), the checksum btrfs stores per data block by default.
 *
 * <p>Delegates to {@link CRC32C}, which the JIT turns into the SSE4.2 / ARMv8 CRC instructions;
 * check value of {@code "123456789"} is 0xE3069283.
 */
public final class Crc32c {

    private Crc32c() {
    }

    /**
     * Computes the CRC-32C of {@code buf[off..off+len)}.
     *
     * @return the CRC as a 32-bit int (compare with {@code Integer.toUnsignedLong} if printing)
     * @throws IndexOutOfBoundsException if the range is outside {@code buf}
     */
    public static int compute(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        CRC32C crc = new CRC32C();
        crc.update(buf, off, len);
        return (int) crc.getValue();
    }
}
