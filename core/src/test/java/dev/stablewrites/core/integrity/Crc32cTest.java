package dev.stablewrites.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    /** Bit-at-a-time reflected CRC-32C reference (polynomial 0x82F63B78). */
    static int reference(byte[] buf, int off, int len) {
        int crc = -1;
        for (int i = off; i < off + len; i++) {
            crc ^= buf[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void checkValue_of123456789_is0xE3069283() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, Crc32c.compute(b, 0, b.length));
    }

    @Test
    void honoursOffsetAndLength_matchingBitwiseReference() {
        SplittableRandom rnd = new SplittableRandom(0x5EED_0032L);
        for (int n = 0; n < 200; n++) {
            byte[] buf = new byte[rnd.nextInt(1, 5000)];
            rnd.nextBytes(buf);
            int off = rnd.nextInt(buf.length);
            int len = rnd.nextInt(buf.length - off + 1);
            assertEquals(reference(buf, off, len), Crc32c.compute(buf, off, len));
        }
    }

    @Test
    void outOfRange_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(new byte[8], 8, 1));
    }
}
