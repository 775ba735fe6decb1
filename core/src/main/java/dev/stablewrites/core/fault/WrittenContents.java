package dev.stablewrites.core.fault;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.kernel.ContentWatcher;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.property.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The legitimate contents of every block of the scenario's page, for {@code NO_SILENT_CORRUPTION}:
 * what the media held when it was formatted, every content a writer's store gave the block, and
 * what memory held when a write's tuples were first generated ({@code bio_integrity_prep}).
 *
 * <p>Writers' stores are applied to a shadow of the page that no fault touches, so a flipped bit
 * never becomes legitimate by a later store elsewhere in the block. Memory at the checksum point
 * counts as legitimate because no checksum can see corruption that happened before it was
 * computed (that is ECC's job, not a stable-pages fix's): a page a fault flipped and a later write
 * sends with fresh tuples is not the fix's doing. A tuple <em>re</em>generated later, as
 * {@code recheck-resubmit} does, is not a checksum point: it is the fix blessing what memory holds.
 *
 * <p>A block is silently corrupt when it holds none of these contents, a read would return it
 * without an error (its tuple verifies: the profiles with protection information verify on read
 * too, as {@code bio_integrity_verify_fn} does for a read bio; {@code fs-crc32c} verifies on read;
 * {@code none} never does), and the write that put it there was not reported failed to its caller.
 * It is checked when a write completes successfully (a read at that moment) and after the run.
 */
public final class WrittenContents implements ContentWatcher {
    private final Kernel kernel;
    private final Page page;
    private final long lba0;
    private final int interval;
    private final byte[] shadow;
    private final List<List<byte[]>> legit;

    /**
     * Starts the record of {@code page}, which the media holds from block {@code lba0} on: its
     * current bytes (what the media was formatted with) are the first legitimate content of every block.
     */
    public WrittenContents(Kernel kernel, Page page, long lba0) {
        this.kernel = kernel;
        this.page = page;
        this.lba0 = lba0;
        this.interval = kernel.interval();
        this.shadow = page.data().clone();
        int blocks = shadow.length / interval;
        this.legit = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            legit.add(new ArrayList<>(4));
            add(b, shadow, b * interval);
        }
    }

    @Override
    public void stored(Page stored, int offset, int length) {
        if (stored != page) {
            return;
        }
        System.arraycopy(page.data(), offset, shadow, offset, length);
        for (int b = offset / interval; b <= (offset + length - 1) / interval; b++) {
            add(b, shadow, b * interval);
        }
    }

    @Override
    public void checksummed(Bio bio) {
        int block = blockOf(bio);
        for (BioVec v : bio.vecs()) {
            for (int off = 0; off < v.length(); off += interval) {
                if (block >= 0 && block < legit.size()) {
                    add(block, v.page().data(), v.offset() + off);
                }
                block++;
            }
        }
    }

    @Override
    public void completed(Bio bio) {
        int first = blockOf(bio);
        int blocks = bio.size() / interval;
        for (Disk leg : kernel.device().legs()) {
            for (int b = Math.max(first, 0); b < Math.min(first + blocks, legit.size()); b++) {
                if (silentlyCorrupt(leg.media(), b, false)) {
                    kernel.violate(Property.NO_SILENT_CORRUPTION, "lba " + (lba0 + b) + " on " + leg.actor().name()
                            + " holds bytes no writer wrote, its tuple verifies, and " + bio
                            + " completed successfully: a read returns corrupt bytes without an error");
                    return;
                }
            }
        }
    }

    /** After the run: every block on every leg holds legitimate bytes, or a read or its writer reports the error. */
    public void checkAfterRun() {
        for (Disk leg : kernel.device().legs()) {
            for (int b = 0; b < legit.size(); b++) {
                if (silentlyCorrupt(leg.media(), b, true)) {
                    Bio writer = leg.media().writer(lba0 + b);
                    kernel.violate(Property.NO_SILENT_CORRUPTION, "at the end, lba " + (lba0 + b) + " on "
                            + leg.actor().name() + " holds bytes no writer wrote and a read returns them without an"
                            + " error" + (writer == null ? " (no " + kernel.integrity().id() + " checksum finds a flip"
                            + " on the media)" : "; " + writer + ", which put them there, was reported successful"));
                    return;
                }
            }
        }
    }

    /** Whether block {@code b} of the page holds one of its legitimate contents on {@code media}. */
    public boolean legitimate(Media media, int b) {
        int off = media.dataOffset(lba0 + b);
        for (byte[] c : legit.get(b)) {
            if (Arrays.equals(media.data(), off, off + interval, c, 0, interval)) {
                return true;
            }
        }
        return false;
    }

    private boolean silentlyCorrupt(Media media, int b, boolean excuseFailedWriter) {
        if (legitimate(media, b) || !kernel.verifyOnMedia(media, lba0 + b)) {
            return false; // what a writer wrote, or a read reports the error
        }
        Bio writer = media.writer(lba0 + b);
        // The write that put the bytes there failed and its caller was told (EIO, journal abort).
        return !(excuseFailedWriter && writer != null && writer.status() != BlkStatus.OK);
    }

    private int blockOf(Bio bio) {
        return (int) (bio.sector() / (interval / 512) - lba0);
    }

    /**
     * Adds a content to a block's set, kept sorted: only membership is ever asked, so two runs that
     * met the same contents in another order reach one state.
     */
    private void add(int block, byte[] src, int off) {
        List<byte[]> contents = legit.get(block);
        int at = 0;
        for (byte[] c : contents) {
            int cmp = Arrays.compare(c, 0, interval, src, off, off + interval);
            if (cmp == 0) {
                return;
            }
            if (cmp < 0) {
                at++;
            }
        }
        contents.add(at, Arrays.copyOfRange(src, off, off + interval));
    }
}
