package dev.stablewrites.harness.history;

import java.util.List;

/**
 * Fifteen years of Linux against write-after-checksum, one {@link KernelEra} per release that
 * changed the answer. Each cites what it comes from; where a version is uncertain the era says so.
 */
final class KernelEras {
    private KernelEras() {
    }

    static final List<KernelEra> ALL = List.of(
            new KernelEra("2.6.38", 2011, "none", "jbd2=frozen-copy", "", true,
                    "nothing: no stable pages",
                    "every writer may change a page between bio_integrity_prep and the DMA",
                    "the March 2011 LKML thread \"block integrity: Fix write after checksum calculation problem\";"
                            + " jbd2's BJ_Shadow wait and frozen copy as fs/jbd2/transaction.c had them"),
            new KernelEra("3.0", 2011, "mkwrite-wait", "jbd2=frozen-copy", "", true,
                    "stable pages for every device: page_mkwrite and write_begin wait on writeback",
                    "O_DIRECT and ext3 data=ordered (no PG_writeback there); every writer waits, PI or not",
                    "Darrick J. Wong's stable page writes series (\"fs: block_page_mkwrite should wait for writeback"
                            + " to finish\", \"mm: Wait for writeback when grabbing pages to begin a write\"), in 3.0"),
            new KernelEra("3.9", 2013, "stable-pages+snap-stable", "jbd2=frozen-copy", "", true,
                    "waits only where the device requires stable writes; ext3's bios snapshotted (BIO_SNAP_STABLE)",
                    "O_DIRECT; ext3's window between bio_integrity_prep and blk_queue_bounce",
                    "1d1d1a767206 (BDI_CAP_STABLE_WRITES, wait_for_stable_page); ffecfd1a72fc and 71368511774"
                            + " (BIO_SNAP_STABLE); both in the 3.9 cycle (linux-next 20130124)"),
            new KernelEra("3.11", 2013, "stable-pages+snap-stable", "jbd2=shadow-wait", "", true,
                    "jbd2 waits for BH_Shadow only until the log write completes",
                    "as 3.9",
                    "b34090e5e22a \"jbd2: refine waiting for shadow buffers\" (Jan Kara), 3.11"),
            new KernelEra("4.3", 2015, "stable-pages", "jbd2=shadow-wait", "", false,
                    "ext3 is gone (ext4 writes ordered data through writepages, under PG_writeback)",
                    "O_DIRECT",
                    "c290ea01abb7 \"fs: Remove ext3 filesystem driver\", 4.3; BIO_SNAP_STABLE and the bounce"
                            + " snapshot went with it. RAID1 still generates tuples for the md master here: the move of"
                            + " bio_integrity_prep out of generic_make_request_checks (per leg, blk-mq) came between"
                            + " 3.14 and 4.4, uncertain which release"),
            new KernelEra("5.10", 2020, "stable-pages", "jbd2=shadow-wait", "raid1-integrity=per-leg", false,
                    "stable writes per queue and per superblock (QUEUE_FLAG_STABLE_WRITES, SB_I_STABLE_WRITES)",
                    "O_DIRECT",
                    "1cb039f3dc16 \"bdi: replace BDI_CAP_STABLE_WRITES with a queue and a sb flag\" (Christoph"
                            + " Hellwig); the version 5.10 is from an out-of-tree driver's version check, uncertain. By now each"
                            + " RAID1 leg generates its own tuples in blk_mq_submit_bio (raid1-integrity=per-leg)"),
            new KernelEra("6.15", 2025, "stable-pages+dio-fallback-buffered", "jbd2=shadow-wait", "raid1-integrity=per-leg", false,
                    "btrfs: O_DIRECT to a checksummed inode falls back to a buffered write",
                    "O_DIRECT on a PI device without filesystem checksums",
                    "968f19c5b1b7 \"btrfs: always fallback to buffered write if the inode requires checksum\";"
                            + " btrfs-progs docs say 6.14, the pull request says 6.15: uncertain"),
            new KernelEra("7.0", 2026, "stable-pages+iomap-dio-bounce", "jbd2=shadow-wait", "raid1-integrity=per-leg", false,
                    "iomap O_DIRECT bounces the user's pages when stable writes are required (IOMAP_DIO_BOUNCE)",
                    "a device that does not ask for stable writes but checks anyway; RAID1 without checksums",
                    "the series \"bounce buffer direct I/O when stable pages are required\" (Hellwig), merged as"
                            + " for-7.0/block-stable-pages; the model runs XFS's iomap path, not btrfs's fallback"
                            + " (both act at O_DIRECT submission, so one era runs one)"));
}
