package dev.stablewrites.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

    /** Bit-at-a-time reflected reference: the definition, no tables. */
    static long reference(byte[] buf, int off, int len) {
        long crc = -1L;
        for (int i = off; i < off + len; i++) {
            crc ^= buf[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void checkValue_of123456789_is0xAE8B14860A799888() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xAE8B14860A799888L, Crc64Nvme.compute(b, 0, b.length));
    }

    @Test
    void emptyInput_isZero() {
        assertEquals(0L, Crc64Nvme.compute(new byte[0], 0, 0));
    }

    @Test
    void slicingBy8_matchesBitwiseReference_onRandomBuffersOffsetsAndLengths() {
        SplittableRandom rnd = new SplittableRandom(0x5EED_0064L);
        for (int n = 0; n < 400; n++) {
            byte[] buf = new byte[rnd.nextInt(1, 9000)];
            rnd.nextBytes(buf);
            int off = rnd.nextInt(buf.length);
            int len = rnd.nextInt(buf.length - off + 1);
            assertEquals(reference(buf, off, len), Crc64Nvme.compute(buf, off, len),
                    "len=" + buf.length + " off=" + off + " n=" + len);
        }
    }

    @Test
    void outOfRange_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> Crc64Nvme.compute(new byte[8], -1, 2));
    }
}
