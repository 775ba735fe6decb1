package dev.stablewrites.core.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChecksumMemoTest {

    /**
     * Intervals that differ in one byte, seen again after other contents took their slots, at other
     * offsets and lengths: every answer is the checksum of exactly the bytes asked about.
     */
    @Test
    void everyAnswer_isTheChecksumOfTheBytesAskedAbout_seenBeforeOrNot() {
        ChecksumMemo memo = ChecksumMemo.perThread(Crc16T10Dif::compute).get();
        SplittableRandom rnd = new SplittableRandom(0x5EED_0C0DEL);
        byte[] page = new byte[4096];
        for (int round = 0; round < 20_000; round++) {
            // Mostly the same few stores, as a search's replays make them; sometimes a fresh byte.
            page[rnd.nextInt(4) * 512 + rnd.nextInt(8)] = (byte) (rnd.nextInt(16) == 0 ? rnd.nextInt() : rnd.nextInt(3));
            int len = rnd.nextBoolean() ? 512 : 1 + rnd.nextInt(1024);
            int off = rnd.nextInt(page.length - len + 1);
            assertEquals(Crc16T10Dif.compute(page, off, len), memo.get(page, off, len), "round " + round);
        }
    }

    @Test
    void theProfiles_generateAndVerifyAsBefore_onContentsMetAgain() {
        byte[] data = new byte[512];
        byte[] tuples = new byte[16];
        for (Integrity p : new Integrity[] {Integrity.T10_DIF_TYPE1, Integrity.NVME_CRC64, Integrity.FS_CRC32C}) {
            for (int pass = 0; pass < 2; pass++) { // the second pass answers from the memo
                data[7] = 0x11;
                p.generate(data, 0, 512, 9, tuples, 0);
                assertEquals(true, p.verify(data, 0, 512, 9, tuples, 0), p.id());
                data[7] = 0x12;
                assertEquals(false, p.verify(data, 0, 512, 9, tuples, 0), p.id() + ": one byte changed");
            }
        }
    }
}
