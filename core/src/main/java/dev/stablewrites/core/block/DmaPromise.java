package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What the disk promised the search when it said DMA steps of a bio commute: for each interval whose
 * step it took alone, the page it lies in, its bytes and its tuple as they were at the first promise
 * (no other actor runs between promises of one command: each promised step is taken at once). A DMA
 * step reads nothing else another actor could change. Other actors may read the same bytes (a read
 * commutes with a read); if one wrote them before the command ended, a run in which it went first
 * would have sent other bytes, and the check when the command ends says so. A change made and undone
 * meanwhile shows too: the disk's last step is enabled all along and is no promise, so a search
 * reaching the promised steps also runs the disk to its end between the change and the undoing, and
 * whether a promise broke there depends only on the state (the promised intervals' bytes against what
 * the media received), which state caching keeps.
 */
final class DmaPromise {
    private final Bio bio;
    private final int interval;
    private final int tupleSize;
    private final Page[] pages;
    private final byte[][] bytes;
    private final byte[] tuples;
    private final BitSet promised = new BitSet();

    DmaPromise(Bio bio, int interval, int tupleSize) {
        this.bio = bio;
        this.interval = interval;
        this.tupleSize = tupleSize;
        List<BioVec> vecs = bio.vecs();
        pages = new Page[vecs.size()];
        bytes = new byte[vecs.size()][];
        for (int i = 0; i < pages.length; i++) {
            BioVec v = vecs.get(i);
            pages[i] = v.page();
            bytes[i] = Arrays.copyOfRange(v.page().data(), v.offset(), v.offset() + v.length());
        }
        tuples = bio.integrity() == null ? null : bio.integrity().clone();
    }

    boolean of(Bio b) {
        return bio == b;
    }

    /** Interval {@code cursor} of the command is DMAed by a step taken alone. */
    void promise(int cursor) {
        promised.set(cursor);
    }

    /** What a promised interval read differently when the command ended, or null when nothing did. */
    String broken() {
        List<BioVec> vecs = bio.vecs();
        if (vecs.size() != pages.length) {
            return "its segments were replaced";
        }
        for (int cursor = promised.nextSetBit(0); cursor >= 0; cursor = promised.nextSetBit(cursor + 1)) {
            BioSegment at = BioSegment.at(bio, cursor * interval);
            if (at == null) {
                return "its segments were replaced";
            }
            if (at.page() != pages[at.index()]) {
                return "segment " + at.index() + " was pointed at another page";
            }
            int from = at.pageOffset() - at.vec().offset(); // where the interval starts in the segment's snapshot
            if (!Arrays.equals(at.page().data(), at.pageOffset(), at.pageOffset() + interval, bytes[at.index()], from,
                    from + interval)) {
                return "interval " + cursor + " of " + at.page() + " changed";
            }
            if (tupleSize > 0 && !Arrays.equals(bio.integrity(), cursor * tupleSize, (cursor + 1) * tupleSize,
                    tuples, cursor * tupleSize, (cursor + 1) * tupleSize)) {
                return "the tuple of interval " + cursor + " changed";
            }
        }
        return null;
    }
}
