package dev.stablewrites.core.integrity;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Integrity profiles: how one protection tuple is generated for, and verified against, one
 * protection interval of data. Modelled on Linux {@code block/t10-pi.c}
 * ({@code t10_pi_generate}/{@code t10_pi_verify} and the {@code ext_pi_crc64_*} variants), plus a
 * btrfs-style filesystem checksum and no integrity at all.
 *
 * <p>All multi-byte T10/NVMe fields are big-endian, as on the wire. {@code seed} is the
 * interval's logical block number ({@code iter->seed} in Linux).
 */
public enum Integrity {

    /**
     * T10 DIF Type 1: 8-byte tuple {guard CRC-16, app tag 0, ref tag = low 32 bits of the LBA}.
     * The ref tag catches misdirected writes: correct data landing at the wrong LBA still
     * fails, because the tuple names the block it was meant for.
     */
    T10_DIF_TYPE1("t10-dif-type1", "T10 DIF Type 1: CRC-16 guard + 32-bit LBA ref tag, checked by the device",
            8, VerifiedBy.DEVICE) {
        @Override
        public void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            putBe16(tuples, tupleOff, crc16(data, off, interval));
            putBe16(tuples, tupleOff + 2, 0);
            putBe32(tuples, tupleOff + 4, (int) seed);
        }

        @Override
        public boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            if (getBe16(tuples, tupleOff + 2) == APP_ESCAPE) {
                return true;
            }
            if (getBe32(tuples, tupleOff + 4) != (int) seed) {
                return false;
            }
            return getBe16(tuples, tupleOff) == crc16(data, off, interval);
        }
    },

    /**
     * T10 DIF Type 3: same 8-byte layout, but the ref tag is not tied to the LBA (Linux writes
     * 0), so only the guard is checked: data corruption is caught, misdirected writes are not.
     */
    T10_DIF_TYPE3("t10-dif-type3", "T10 DIF Type 3: CRC-16 guard only (ref tag 0), checked by the device",
            8, VerifiedBy.DEVICE) {
        @Override
        public void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            putBe16(tuples, tupleOff, crc16(data, off, interval));
            putBe16(tuples, tupleOff + 2, 0);
            putBe32(tuples, tupleOff + 4, 0);
        }

        @Override
        public boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            if (getBe16(tuples, tupleOff + 2) == APP_ESCAPE && getBe32(tuples, tupleOff + 4) == REF_ESCAPE) {
                return true;
            }
            return getBe16(tuples, tupleOff) == crc16(data, off, interval);
        }
    },

    /**
     * NVMe 64-bit guard PI ({@code struct crc64_pi_tuple}): 16-byte tuple {guard CRC-64/NVME,
     * app tag 0, 48-bit ref tag = low 48 bits of the LBA}. The wider guard suits large intervals;
     * the 48-bit ref tag still catches misdirected writes.
     */
    NVME_CRC64("nvme-crc64", "NVMe PI: CRC-64/NVME guard + 48-bit LBA ref tag, checked by the device",
            16, VerifiedBy.DEVICE) {
        @Override
        public void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            putBe64(tuples, tupleOff, crc64(data, off, interval));
            putBe16(tuples, tupleOff + 8, 0);
            putBe48(tuples, tupleOff + 10, seed);
        }

        @Override
        public boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            if (getBe16(tuples, tupleOff + 8) == APP_ESCAPE) {
                return true;
            }
            if (getBe48(tuples, tupleOff + 10) != (seed & MASK_48)) {
                return false;
            }
            return getBe64(tuples, tupleOff) == crc64(data, off, interval);
        }
    },

    /**
     * Filesystem checksum as btrfs stores it: 4-byte little-endian CRC-32C per block, kept in
     * metadata beside the data. The device never sees it; a mismatch surfaces only on read.
     * The seed is ignored (btrfs locates csums by address, it does not mix the address in).
     */
    FS_CRC32C("fs-crc32c", "Filesystem CRC-32C (btrfs-like), verified on read, not by the device",
            4, VerifiedBy.READ) {
        @Override
        public void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            putLe32(tuples, tupleOff, crc32c(data, off, interval));
        }

        @Override
        public boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            checkRanges(data, off, interval, tuples, tupleOff, tupleSize());
            return getLe32(tuples, tupleOff) == crc32c(data, off, interval);
        }
    },

    /**
     * No integrity metadata (e.g. plain RAID1): nothing to generate, nothing can fail; a torn or
     * raced write shows up only as mirror legs that differ.
     */
    NONE("none", "No integrity metadata; nothing is checked", 0, VerifiedBy.NOTHING) {
        @Override
        public void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            Objects.checkFromIndexSize(off, interval, data.length);
        }

        @Override
        public boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
            Objects.checkFromIndexSize(off, interval, data.length);
            return true;
        }
    };

    /** {@code T10_PI_APP_ESCAPE}: an app tag of 0xFFFF tells the checker to skip the tuple. */
    private static final int APP_ESCAPE = 0xFFFF;
    /** {@code T10_PI_REF_ESCAPE}: with the app escape, disables checking for Type 3. */
    private static final int REF_ESCAPE = 0xFFFFFFFF;
    private static final long MASK_48 = (1L << 48) - 1;

    private final String id;
    private final String description;
    private final int tupleSize;
    private final VerifiedBy verifiedBy;

    Integrity(String id, String description, int tupleSize, VerifiedBy verifiedBy) {
        this.id = id;
        this.description = description;
        this.tupleSize = tupleSize;
        this.verifiedBy = verifiedBy;
    }

    /** The stable id used on command lines and in reports, e.g. {@code "t10-dif-type1"}. */
    public String id() {
        return id;
    }

    /** A one-line human description of the profile. */
    public String description() {
        return description;
    }

    /** Bytes of metadata per protection interval (0 for {@link #NONE}). */
    public int tupleSize() {
        return tupleSize;
    }

    /** Who checks the tuple, which decides whether a raced page fails the write, a later read, or nothing. */
    public VerifiedBy verifiedBy() {
        return verifiedBy;
    }

    /**
     * Writes one tuple for {@code data[off..off+interval)} into
     * {@code tuples[tupleOff..tupleOff+tupleSize())}.
     *
     * @param seed the interval's logical block number (ref tag seed, Linux {@code iter->seed})
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public abstract void generate(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff);

    /**
     * Checks one tuple against {@code data[off..off+interval)}, following {@code t10_pi_verify}
     * including its escape values.
     *
     * @param seed the logical block number the data is expected at
     * @return true when the tuple matches (or is escaped); false is a protection error
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public abstract boolean verify(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff);

    /**
     * Says why {@link #verify} failed, for a trace: which tag, what the tuple holds and what the
     * bytes give. Only for a failed verification; costs a checksum, so call it only when tracing.
     */
    public String describeMismatch(byte[] data, int off, int interval, long seed, byte[] tuples, int tupleOff) {
        return switch (this) {
            case T10_DIF_TYPE1 -> getBe32(tuples, tupleOff + 4) != (int) seed
                    ? String.format("ref tag 0x%08x, expected 0x%08x", getBe32(tuples, tupleOff + 4), (int) seed)
                    : String.format("guard 0x%04x in tuple, 0x%04x in data",
                            getBe16(tuples, tupleOff), crc16(data, off, interval));
            case T10_DIF_TYPE3 -> String.format("guard 0x%04x in tuple, 0x%04x in data",
                    getBe16(tuples, tupleOff), crc16(data, off, interval));
            case NVME_CRC64 -> getBe48(tuples, tupleOff + 10) != (seed & MASK_48)
                    ? String.format("ref tag 0x%012x, expected 0x%012x", getBe48(tuples, tupleOff + 10), seed & MASK_48)
                    : String.format("guard 0x%016x in tuple, 0x%016x in data",
                            getBe64(tuples, tupleOff), crc64(data, off, interval));
            case FS_CRC32C -> String.format("crc32c 0x%08x stored, 0x%08x in data",
                    getLe32(tuples, tupleOff), crc32c(data, off, interval));
            case NONE -> "no checksum";
        };
    }

    /** Looks a profile up by its {@link #id()}; empty for unknown or null ids. */
    public static Optional<Integrity> byId(String id) {
        for (Integrity i : values()) {
            if (i.id.equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** All ids, comma-separated in declaration order, for "unknown integrity profile" messages. */
    public static String validIds() {
        return Arrays.stream(values()).map(Integrity::id).collect(Collectors.joining(", "));
    }

    private static void checkRanges(byte[] data, int off, int interval, byte[] tuples, int tupleOff, int tupleSize) {
        Objects.checkFromIndexSize(off, interval, data.length);
        Objects.checkFromIndexSize(tupleOff, tupleSize, tuples.length);
    }

    private static void putBe16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static int getBe16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static void putBe32(byte[] b, int i, int v) {
        putBe16(b, i, v >>> 16);
        putBe16(b, i + 2, v);
    }

    private static int getBe32(byte[] b, int i) {
        return (getBe16(b, i) << 16) | getBe16(b, i + 2);
    }

    private static void putBe48(byte[] b, int i, long v) {
        putBe16(b, i, (int) (v >>> 32));
        putBe32(b, i + 2, (int) v);
    }

    private static long getBe48(byte[] b, int i) {
        return ((long) getBe16(b, i) << 32) | (getBe32(b, i + 2) & 0xFFFFFFFFL);
    }

    private static void putBe64(byte[] b, int i, long v) {
        putBe32(b, i, (int) (v >>> 32));
        putBe32(b, i + 4, (int) v);
    }

    private static long getBe64(byte[] b, int i) {
        return ((long) getBe32(b, i) << 32) | (getBe32(b, i + 4) & 0xFFFFFFFFL);
    }

    private static void putLe32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    private static int getLe32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    /** Per-thread memos of the three checksums ({@link ChecksumMemo}): a holder, as enum constants cannot read the enum's statics when they are built. */
    private static final class Memos {
        static final ThreadLocal<ChecksumMemo> CRC16 = ChecksumMemo.perThread(Crc16T10Dif::compute);
        static final ThreadLocal<ChecksumMemo> CRC64 = ChecksumMemo.perThread(Crc64Nvme::compute);
        static final ThreadLocal<ChecksumMemo> CRC32C = ChecksumMemo.perThread(Crc32c::compute);
    }

    private static int crc16(byte[] data, int off, int len) {
        return (int) Memos.CRC16.get().get(data, off, len);
    }

    private static long crc64(byte[] data, int off, int len) {
        return Memos.CRC64.get().get(data, off, len);
    }

    private static int crc32c(byte[] data, int off, int len) {
        return (int) Memos.CRC32C.get().get(data, off, len);
    }
}
