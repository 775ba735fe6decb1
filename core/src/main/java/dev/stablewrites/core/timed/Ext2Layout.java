package dev.stablewrites.core.timed;

/**
 * Where ext2 keeps the metadata an allocation reads, for {@code ext2_get_block} in timed runs.
 * cited: mke2fs makes groups of 8 x block-size blocks (one bitmap block's bits: 32,768 blocks of
 * 4 KiB), an inode maps its first {@code EXT2_NDIR_BLOCKS} (12) blocks directly and the next
 * block-size / 4 (1,024) through one indirect block, then through double-indirect blocks.
 * estimate: the buffer cache keeps every metadata block once read (a 2013 server's memory holds
 * the bitmaps and indirect blocks of a few GiB of files many times over).
 */
final class Ext2Layout {
    /** {@code EXT2_NDIR_BLOCKS}. */
    static final int DIRECT_BLOCKS = 12;

    private Ext2Layout() {
    }

    static long blocksPerGroup(int blockSize) {
        return 8L * blockSize;
    }

    static int pointersPerBlock(int blockSize) {
        return blockSize / 4;
    }

    /**
     * Which indirect block maps page {@code index}: -1 for a direct block, else its number in file
     * order (0 is the single indirect block; past it, each indirect block under the double-indirect one).
     */
    static int indirectRange(int index, int blockSize) {
        return index < DIRECT_BLOCKS ? -1 : (index - DIRECT_BLOCKS) / pointersPerBlock(blockSize);
    }

    /** The first page an indirect block of {@link #indirectRange} maps. */
    static int firstIndexOfRange(int range, int blockSize) {
        return DIRECT_BLOCKS + range * pointersPerBlock(blockSize);
    }

    /** The buffer-cache key of group {@code group}'s block bitmap. */
    static long bitmapKey(long group) {
        return (1L << 62) | group;
    }

    /** The buffer-cache key of file {@code file}'s indirect block number {@code range}. */
    static long indirectKey(int file, int range) {
        return (2L << 60) | ((long) file << 32) | range;
    }
}
