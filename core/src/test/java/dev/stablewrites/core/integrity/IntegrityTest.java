package dev.stablewrites.core.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntegrityTest {

    private static final int INTERVAL = 512;
    /** Data sits at a non-zero offset so that off is honoured. */
    private static final int OFF = 24;
    /** Tuples sit at a non-zero offset too; bytes around them must stay untouched. */
    private static final int TOFF = 3;
    private static final byte SENTINEL = (byte) 0x5A;

    private static byte[] data() {
        byte[] d = new byte[OFF + INTERVAL + 8];
        new SplittableRandom(42L).nextBytes(d);
        return d;
    }

    private static byte[] tuples(Integrity p) {
        byte[] t = new byte[TOFF + p.tupleSize() + 5];
        Arrays.fill(t, SENTINEL);
        return t;
    }

    private static byte[] tuple(byte[] t, Integrity p) {
        return Arrays.copyOfRange(t, TOFF, TOFF + p.tupleSize());
    }

    private static void assertSentinelsIntact(byte[] t, Integrity p) {
        for (int i = 0; i < t.length; i++) {
            if (i < TOFF || i >= TOFF + p.tupleSize()) {
                assertEquals(SENTINEL, t[i], "byte " + i + " outside the tuple was written");
            }
        }
    }

    private static void flipBit(byte[] d, int byteIndex, int bit) {
        d[byteIndex] ^= (byte) (1 << bit);
    }

    // ---- T10 DIF Type 1 -------------------------------------------------------------------

    @Test
    void type1_tupleLayout_isBigEndianGuard_zeroAppTag_low32BitsOfSeedAsRefTag() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 0x1_2345_6789L, t, TOFF);

        int guard = Crc16T10Dif.compute(d, OFF, INTERVAL);
        assertArrayEquals(new byte[] {
            (byte) (guard >>> 8), (byte) guard,
            0, 0,
            0x23, 0x45, 0x67, (byte) 0x89}, tuple(t, p));
        assertSentinelsIntact(t, p);
    }

    @Test
    void type1_verify_acceptsGeneratedTuple_andSeedsEqualInTheLow32Bits() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 0x1_2345_6789L, t, TOFF);
        assertTrue(p.verify(d, OFF, INTERVAL, 0x1_2345_6789L, t, TOFF));
        assertTrue(p.verify(d, OFF, INTERVAL, 0x7_2345_6789L, t, TOFF));
    }

    @Test
    void type1_verify_failsOnOneFlippedDataBit() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 1000L, t, TOFF);
        flipBit(d, OFF + 300, 5);
        assertFalse(p.verify(d, OFF, INTERVAL, 1000L, t, TOFF));
    }

    @Test
    void type1_verify_failsOnWrongSeed_aMisdirectedWrite() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 1000L, t, TOFF);
        assertFalse(p.verify(d, OFF, INTERVAL, 1001L, t, TOFF));
    }

    @Test
    void type1_appTagEscape_disablesChecking() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 1000L, t, TOFF);
        t[TOFF + 2] = (byte) 0xFF;
        t[TOFF + 3] = (byte) 0xFF;
        flipBit(d, OFF, 0);
        assertTrue(p.verify(d, OFF, INTERVAL, 999L, t, TOFF));
    }

    // ---- T10 DIF Type 3 -------------------------------------------------------------------

    @Test
    void type3_generate_writesRefTagZero() {
        Integrity p = Integrity.T10_DIF_TYPE3;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 0x1_2345_6789L, t, TOFF);

        int guard = Crc16T10Dif.compute(d, OFF, INTERVAL);
        assertArrayEquals(new byte[] {(byte) (guard >>> 8), (byte) guard, 0, 0, 0, 0, 0, 0}, tuple(t, p));
        assertSentinelsIntact(t, p);
    }

    @Test
    void type3_verify_ignoresSeed_butCatchesAFlippedBit() {
        Integrity p = Integrity.T10_DIF_TYPE3;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 7L, t, TOFF);
        assertTrue(p.verify(d, OFF, INTERVAL, 7L, t, TOFF));
        assertTrue(p.verify(d, OFF, INTERVAL, 123_456L, t, TOFF));
        flipBit(d, OFF + INTERVAL - 1, 7);
        assertFalse(p.verify(d, OFF, INTERVAL, 7L, t, TOFF));
    }

    @Test
    void type3_escape_needsBothAppTagAndRefTagAllOnes() {
        Integrity p = Integrity.T10_DIF_TYPE3;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 7L, t, TOFF);
        flipBit(d, OFF + 10, 1);
        t[TOFF + 2] = (byte) 0xFF;
        t[TOFF + 3] = (byte) 0xFF;
        assertFalse(p.verify(d, OFF, INTERVAL, 7L, t, TOFF), "app escape alone must not disable Type 3");
        Arrays.fill(t, TOFF + 4, TOFF + 8, (byte) 0xFF);
        assertTrue(p.verify(d, OFF, INTERVAL, 7L, t, TOFF));
    }

    // ---- NVMe CRC64 -----------------------------------------------------------------------

    @Test
    void nvme_tupleLayout_isBigEndianGuard_zeroAppTag_low48BitsOfSeedAsRefTag() {
        Integrity p = Integrity.NVME_CRC64;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 0xABCD_1234_5678_9AL, t, TOFF);

        long g = Crc64Nvme.compute(d, OFF, INTERVAL);
        assertArrayEquals(new byte[] {
            (byte) (g >>> 56), (byte) (g >>> 48), (byte) (g >>> 40), (byte) (g >>> 32),
            (byte) (g >>> 24), (byte) (g >>> 16), (byte) (g >>> 8), (byte) g,
            0, 0,
            (byte) 0xCD, 0x12, 0x34, 0x56, 0x78, (byte) 0x9A}, tuple(t, p));
        assertSentinelsIntact(t, p);
    }

    @Test
    void nvme_verify_acceptsGenerated_rejectsFlippedBitAndWrongSeed() {
        Integrity p = Integrity.NVME_CRC64;
        byte[] d = data();
        byte[] t = tuples(p);
        long seed = 0xABCD_1234_5678_9AL;
        p.generate(d, OFF, INTERVAL, seed, t, TOFF);
        assertTrue(p.verify(d, OFF, INTERVAL, seed, t, TOFF));
        assertTrue(p.verify(d, OFF, INTERVAL, seed ^ (0xFFL << 48), t, TOFF), "only the low 48 bits count");
        assertFalse(p.verify(d, OFF, INTERVAL, seed + 1, t, TOFF));
        assertFalse(p.verify(d, OFF, INTERVAL, seed ^ (1L << 40), t, TOFF));
        flipBit(d, OFF + 200, 3);
        assertFalse(p.verify(d, OFF, INTERVAL, seed, t, TOFF));
    }

    @Test
    void nvme_appTagEscape_disablesChecking() {
        Integrity p = Integrity.NVME_CRC64;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 5L, t, TOFF);
        t[TOFF + 8] = (byte) 0xFF;
        t[TOFF + 9] = (byte) 0xFF;
        flipBit(d, OFF, 0);
        assertTrue(p.verify(d, OFF, INTERVAL, 6L, t, TOFF));
    }

    // ---- fs-crc32c ------------------------------------------------------------------------

    @Test
    void fsCrc32c_tupleLayout_isLittleEndianCrc32c() {
        Integrity p = Integrity.FS_CRC32C;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 99L, t, TOFF);

        int c = Crc32c.compute(d, OFF, INTERVAL);
        assertArrayEquals(new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)},
                tuple(t, p));
        assertSentinelsIntact(t, p);
    }

    @Test
    void fsCrc32c_verify_ignoresSeed_butCatchesAFlippedBit() {
        Integrity p = Integrity.FS_CRC32C;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 99L, t, TOFF);
        assertTrue(p.verify(d, OFF, INTERVAL, 99L, t, TOFF));
        assertTrue(p.verify(d, OFF, INTERVAL, -1L, t, TOFF));
        flipBit(d, OFF + 17, 6);
        assertFalse(p.verify(d, OFF, INTERVAL, 99L, t, TOFF));
    }

    // ---- none -----------------------------------------------------------------------------

    @Test
    void none_writesNothing_andVerifiesAnything() {
        Integrity p = Integrity.NONE;
        assertEquals(0, p.tupleSize());
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 1L, t, TOFF);
        assertSentinelsIntact(t, p);
        flipBit(d, OFF, 0);
        assertTrue(p.verify(d, OFF, INTERVAL, 2L, t, TOFF));
    }

    // ---- metadata and lookup --------------------------------------------------------------

    @Test
    void profiles_haveExpectedIdsTupleSizesAndVerifiers() {
        assertProfile(Integrity.T10_DIF_TYPE1, "t10-dif-type1", 8, VerifiedBy.DEVICE);
        assertProfile(Integrity.T10_DIF_TYPE3, "t10-dif-type3", 8, VerifiedBy.DEVICE);
        assertProfile(Integrity.NVME_CRC64, "nvme-crc64", 16, VerifiedBy.DEVICE);
        assertProfile(Integrity.FS_CRC32C, "fs-crc32c", 4, VerifiedBy.READ);
        assertProfile(Integrity.NONE, "none", 0, VerifiedBy.NOTHING);
        for (Integrity p : Integrity.values()) {
            assertFalse(p.description().isBlank(), p.id());
        }
    }

    private static void assertProfile(Integrity p, String id, int size, VerifiedBy by) {
        assertEquals(id, p.id());
        assertEquals(size, p.tupleSize());
        assertEquals(by, p.verifiedBy());
    }

    @Test
    void byId_roundTripsEveryId() {
        for (Integrity p : Integrity.values()) {
            assertEquals(Optional.of(p), Integrity.byId(p.id()));
        }
    }

    @Test
    void byId_rejectsUnknownIds() {
        assertEquals(Optional.empty(), Integrity.byId("t10-dif-type2"));
        assertEquals(Optional.empty(), Integrity.byId("T10_DIF_TYPE1"));
        assertEquals(Optional.empty(), Integrity.byId(""));
        assertEquals(Optional.empty(), Integrity.byId(null));
    }

    @Test
    void validIds_listsEveryIdCommaSeparated() {
        assertEquals("t10-dif-type1, t10-dif-type3, nvme-crc64, fs-crc32c, none", Integrity.validIds());
    }

    // ---- describeMismatch (for traces) -----------------------------------------------------

    @Test
    void describeMismatch_namesTheRefTagForAMisdirectedWrite_andTheGuardForChangedData() {
        Integrity p = Integrity.T10_DIF_TYPE1;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 0x10L, t, TOFF);
        assertEquals("ref tag 0x00000010, expected 0x00000011", p.describeMismatch(d, OFF, INTERVAL, 0x11L, t, TOFF));
        int stored = Crc16T10Dif.compute(d, OFF, INTERVAL);
        flipBit(d, OFF, 0);
        assertEquals(String.format("guard 0x%04x in tuple, 0x%04x in data", stored, Crc16T10Dif.compute(d, OFF, INTERVAL)),
                p.describeMismatch(d, OFF, INTERVAL, 0x10L, t, TOFF));
    }

    @Test
    void describeMismatch_nvme_comparesTheLow48BitsOfTheRefTag() {
        Integrity p = Integrity.NVME_CRC64;
        byte[] d = data();
        byte[] t = tuples(p);
        p.generate(d, OFF, INTERVAL, 5L, t, TOFF);
        assertEquals("ref tag 0x000000000005, expected 0x000000000006", p.describeMismatch(d, OFF, INTERVAL, 6L, t, TOFF));
    }
}
