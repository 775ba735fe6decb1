package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.strategy.BioHook;
import java.util.ArrayList;
import java.util.List;

/**
 * A write bio: start sector (512-byte units, as {@code bi_iter.bi_sector}), segments, the integrity
 * payload generated at {@code bio_integrity_prep}, a status and a completion callback. A strategy
 * may swap its pages or resubmit it.
 */
public final class Bio {
    /**
     * Which kernel path built the bio. It decides what guards the pages while the bio is in flight,
     * so a strategy can act per path ({@link BioHook#bio()}{@code .origin()}) without keeping sets
     * of bios of its own.
     */
    public enum Origin {
        /** Page-cache writeback ({@code writepages}): pages locked to set {@code PG_writeback}, PTEs cleaned. */
        WRITEBACK,
        /** An O_DIRECT write of pinned user pages: no page cache, no {@code PG_writeback}. */
        DIRECT_IO,
        /**
         * A journal commit's write to the log ({@code submit_bh} of the descriptor, the log copy of a
         * metadata buffer, or the commit block): no {@code PG_writeback}, no page lock; the buffer it
         * shadows is guarded by jbd2 ({@code BH_Shadow}, a frozen copy).
         */
        JOURNAL_LOG,
        /** jbd2 checkpointing a metadata buffer to its home block ({@code write_dirty_buffer}): under {@code BH_Lock}. */
        CHECKPOINT,
        /**
         * ext3 {@code data=ordered}: kjournald's {@code journal_submit_data_buffers} writes a file's data
         * page with {@code submit_bh}, under the buffer lock only: no {@code PG_writeback}, no
         * {@code page_mkclean}.
         */
        EXT3_DATA,
        /** A leg of a RAID1 write, cloned by md. */
        MIRROR_CLONE,
        /**
         * A filesystem's own metadata block written by {@code sync_dirty_buffer} (ext2's indirect and
         * inode-table blocks in {@code fsync}, timed runs only): {@code submit_bh} under {@code BH_Lock},
         * no {@code PG_writeback}, no page lock; flagged {@code SYNC} ({@code WRITE_SYNC}).
         */
        METADATA
    }

    /** Request flags the model keeps: the ones a strategy may act on. */
    public enum Flag {
        /**
         * {@code BIO_SNAP_STABLE} (Linux 3.9 to 4.2, commit 71368511774): the filesystem asks the block
         * layer to snapshot the pages ({@code blk_queue_bounce}) when the device needs stable writes.
         * jbd (ext3) set it on its data and journal bios, which it writes without {@code PG_writeback}.
         */
        SNAP_STABLE,
        /** {@code REQ_PREFLUSH}: flush the device's write cache before this write (the commit block). */
        PREFLUSH,
        /** {@code REQ_FUA}: the write is on stable media when it completes (the commit block). */
        FUA,
        /** {@code REQ_SYNC}: someone waits for this write (fsync, O_DIRECT, jbd2, checkpoint). */
        SYNC,
        /** {@code REQ_META}: filesystem metadata (journal and checkpoint writes). */
        META
    }

    private final Origin origin;
    private final java.util.EnumSet<Flag> flags = java.util.EnumSet.noneOf(Flag.class);
    private final long sector;
    private final List<BioVec> vecs = new ArrayList<>(1);
    private byte[] integrity;
    private BlkStatus status = BlkStatus.OK;
    private boolean faultInjected;
    private EndIo endIo;
    private int resubmits;
    private Object privateData;
    /**
     * The task that submitted it ({@code current} at {@code submit_bio}, whose {@code io_context} CFQ
     * files a sync request under). Read only by a timed disk's CFQ; explored runs never read it.
     */
    @dev.stablewrites.core.state.NotState private dev.stablewrites.core.sched.Actor submitter;

    public Bio(Origin origin, long sector) {
        this.origin = origin;
        this.sector = sector;
    }

    public Origin origin() {
        return origin;
    }

    /** The request flags set by the submitter ({@code bi_opf} and {@code bi_flags}), read-only. */
    public java.util.Set<Flag> flags() {
        return java.util.Collections.unmodifiableSet(flags);
    }

    /** Whether the submitter set {@code flag}. */
    public boolean hasFlag(Flag flag) {
        return flags.contains(flag);
    }

    /** Sets flags, as the submitter does when it builds the bio. */
    public Bio withFlags(Flag... more) {
        java.util.Collections.addAll(flags, more);
        return this;
    }

    /** Start sector in 512-byte units. */
    public long sector() {
        return sector;
    }

    public List<BioVec> vecs() {
        return vecs;
    }

    public void addPage(Page page, int offset, int length) {
        vecs.add(new BioVec(page, offset, length));
    }

    /** Total bytes. */
    public int size() {
        int n = 0;
        for (int i = 0; i < vecs.size(); i++) {
            n += vecs.get(i).length();
        }
        return n;
    }

    /** The integrity payload: one tuple per interval, or null before {@code bio_integrity_prep}. */
    public byte[] integrity() {
        return integrity;
    }

    public void setIntegrity(byte[] integrity) {
        this.integrity = integrity;
    }

    public BlkStatus status() {
        return status;
    }

    /** Sets the status; {@link BlkStatus#OK} also forgets an earlier injected fault (a resubmit). */
    public void setStatus(BlkStatus status) {
        this.status = status;
        if (status == BlkStatus.OK) {
            faultInjected = false;
        }
    }

    /** Marks this bio as failed by an injected media error, so the EIO it causes is not false. */
    public void markFaultInjected() {
        faultInjected = true;
    }

    /** Whether an injected media error failed this bio (on RAID1, one of its legs). */
    public boolean faultInjected() {
        return faultInjected;
    }

    public EndIo endIo() {
        return endIo;
    }

    public void setEndIo(EndIo endIo) {
        this.endIo = endIo;
    }

    /** How often a strategy has resubmitted this bio. */
    public int resubmits() {
        return resubmits;
    }

    public void countResubmit() {
        resubmits++;
    }

    /** The submitter's private data ({@code bi_private}). */
    public Object privateData() {
        return privateData;
    }

    public void setPrivateData(Object privateData) {
        this.privateData = privateData;
    }

    /** The task that submitted the bio, or null before {@code submit_bio}. */
    public dev.stablewrites.core.sched.Actor submitter() {
        return submitter;
    }

    /** {@code submit_bio} in {@code task}'s context: the first submission's task is kept (a resubmit keeps it). */
    public void setSubmitter(dev.stablewrites.core.sched.Actor task) {
        if (submitter == null) {
            submitter = task;
        }
    }

    /** A clone sharing the segments' pages and the integrity payload, as md does for each leg. */
    public Bio cloneFor(Origin cloneOrigin) {
        Bio clone = new Bio(cloneOrigin, sector);
        // The caller's task: 3.8's raid1 submits a leg from the caller's plug or its raid1d thread, and
        // drops REQ_NOIDLE (a leg of a WRITE_SYNC write is an idle-window sync write), which timed
        // RAID1 runs leave out: their legs neither drain nor idle.
        clone.submitter = submitter;
        clone.flags.addAll(flags);
        for (BioVec v : vecs) {
            clone.vecs.add(new BioVec(v.page(), v.offset(), v.length()));
        }
        clone.integrity = integrity;
        return clone;
    }

    @Override
    public String toString() {
        return "bio(" + origin.name().toLowerCase(java.util.Locale.ROOT) + ", sector " + sector + ", "
                + size() + " bytes)";
    }
}
