package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;
import java.util.Arrays;
import java.util.List;

/**
 * What the disk promised the search when it first said a DMA step of a bio commutes: the bio's
 * segments, their bytes and its tuples as they were then. A DMA step reads nothing else that another
 * actor could change; so if all of it is the same when the command ends, every DMA step taken first
 * on that promise read what it would have read at any later point of the command.
 */
final class PrivateCopyPromise {
    private final Bio bio;
    private final Page[] pages;
    private final byte[][] bytes;
    private final byte[] tuples;

    PrivateCopyPromise(Bio bio) {
        this.bio = bio;
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

    /** What changed since the promise, or null when nothing did. */
    String broken() {
        List<BioVec> vecs = bio.vecs();
        if (vecs.size() != pages.length) {
            return "its segments were replaced";
        }
        for (int i = 0; i < pages.length; i++) {
            BioVec v = vecs.get(i);
            if (v.page() != pages[i]) {
                return "segment " + i + " was pointed at another page";
            }
            if (!Arrays.equals(v.page().data(), v.offset(), v.offset() + v.length(), bytes[i], 0, bytes[i].length)) {
                return "the bytes of " + v.page() + " changed";
            }
        }
        if (!Arrays.equals(tuples, bio.integrity())) {
            return "its integrity tuples changed";
        }
        return null;
    }
}
