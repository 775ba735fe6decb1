package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * A write bio: start sector (512-byte units, as {@code bi_iter.bi_sector}), segments, the integrity
 * payload generated at {@code bio_integrity_prep}, a status and a completion callback. A strategy
 * may swap its pages or resubmit it.
 */
public final class Bio {
    /** Which submitter built the bio: it decides the flags its pages carry. */
    public enum Origin {
        /** Page-cache writeback ({@code writepages}): pages carry {@code PG_writeback}. */
        WRITEBACK,
        /** An O_DIRECT write of pinned user pages: no page cache, no {@code PG_writeback}. */
        DIRECT_IO,
        /** A journal commit ({@code submit_bh}): no {@code PG_writeback}, no page lock. */
        JOURNAL,
        /** A leg of a RAID1 write, cloned by md. */
        MIRROR_CLONE
    }

    private final Origin origin;
    private final long sector;
    private final List<BioVec> vecs = new ArrayList<>(1);
    private byte[] integrity;
    private BlkStatus status = BlkStatus.OK;
    private boolean faultInjected;
    private EndIo endIo;
    private int resubmits;
    private Object privateData;

    public Bio(Origin origin, long sector) {
        this.origin = origin;
        this.sector = sector;
    }

    public Origin origin() {
        return origin;
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

    /** A clone sharing the segments' pages and the integrity payload, as md does for each leg. */
    public Bio cloneFor(Origin cloneOrigin) {
        Bio clone = new Bio(cloneOrigin, sector);
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
