package dev.stablewrites.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc16T10DifTest {

    /** Bit-at-a-time reference: the definition, no tables. */
    static int reference(byte[] buf, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= (buf[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8BB7 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    @Test
    void checkValue_of123456789_is0xD0DB() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xD0DB, Crc16T10Dif.compute(b, 0, b.length));
    }

    @Test
    void emptyInput_isZero() {
        assertEquals(0, Crc16T10Dif.compute(new byte[0], 0, 0));
    }

    @Test
    void slicingBy8_matchesBitwiseReference_onRandomBuffersOffsetsAndLengths() {
        SplittableRandom rnd = new SplittableRandom(0x5EED_0010L);
        for (int n = 0; n < 400; n++) {
            byte[] buf = new byte[rnd.nextInt(1, 9000)];
            rnd.nextBytes(buf);
            int off = rnd.nextInt(buf.length);
            int len = rnd.nextInt(buf.length - off + 1);
            assertEquals(reference(buf, off, len), Crc16T10Dif.compute(buf, off, len),
                    "len=" + buf.length + " off=" + off + " n=" + len);
        }
    }

    @Test
    void outOfRange_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> Crc16T10Dif.compute(new byte[8], 4, 5));
    }
}
