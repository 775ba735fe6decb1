package dev.stablewrites.core.block;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What a disk has stored: data and integrity tuple per logical block (one integrity interval).
 */
public final class Media {
    private final int interval;
    private final int tupleSize;
    private final byte[] data;
    private final byte[] tuples;
    private final BitSet written = new BitSet();
    /** Per block, the bio whose data it holds (null: the formatted content). */
    private final Bio[] writers;

    public Media(int blocks, int interval, int tupleSize) {
        this.interval = interval;
        this.tupleSize = tupleSize;
        this.data = new byte[blocks * interval];
        this.tuples = new byte[blocks * Math.max(tupleSize, 1)];
        this.writers = new Bio[blocks];
    }

    /** Records that {@code bio}'s data is what block {@code lba} now holds. */
    public void noteWriter(long lba, Bio bio) {
        writers[checkLba(lba)] = bio;
    }

    /** The bio whose data block {@code lba} holds, or null for the formatted content. */
    public Bio writer(long lba) {
        return writers[checkLba(lba)];
    }

    /** Flips bit {@code bit} of byte {@code offset} of block {@code lba} (media decay; a fault). */
    public void flipBit(long lba, int offset, int bit) {
        data[dataOffset(lba) + offset] ^= (byte) (1 << bit);
    }

    public int blocks() {
        return data.length / interval;
    }

    /** Stores one block and its tuple. */
    public void write(long lba, byte[] src, int srcOff, byte[] tupleSrc, int tupleOff) {
        int b = checkLba(lba);
        System.arraycopy(src, srcOff, data, b * interval, interval);
        if (tupleSize > 0) {
            System.arraycopy(tupleSrc, tupleOff, tuples, b * tupleSize, tupleSize);
        }
        written.set(b);
    }

    public byte[] data() {
        return data;
    }

    public byte[] tuples() {
        return tuples;
    }

    public int dataOffset(long lba) {
        return checkLba(lba) * interval;
    }

    public int tupleOffset(long lba) {
        return checkLba(lba) * tupleSize;
    }

    public boolean written(long lba) {
        return written.get(checkLba(lba));
    }

    /** Whether {@code len} bytes at block {@code lba} equal {@code expected[off..]}. */
    public boolean dataEquals(long lba, byte[] expected, int off, int len) {
        int o = dataOffset(lba);
        return Arrays.equals(data, o, o + len, expected, off, off + len);
    }

    private int checkLba(long lba) {
        if (lba < 0 || lba >= blocks()) {
            throw new IllegalArgumentException("lba " + lba + " outside the media (" + blocks() + " blocks)");
        }
        return (int) lba;
    }
}
