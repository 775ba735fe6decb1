package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;

/**
 * Where a byte of a bio's data lies: the segment ({@code bio_vec}) holding it, that segment's index,
 * and the byte's offset in its page. What the device reads for an interval, and what a promise about
 * that interval keeps.
 */
record BioSegment(int index, BioVec vec, int pageOffset) {
    /** The segment holding byte {@code offset} of {@code bio}'s data, or null past its end. */
    static BioSegment at(Bio bio, int offset) {
        int remaining = offset;
        int i = 0;
        for (BioVec v : bio.vecs()) {
            if (remaining < v.length()) {
                return new BioSegment(i, v, v.offset() + remaining);
            }
            remaining -= v.length();
            i++;
        }
        return null;
    }

    Page page() {
        return vec.page();
    }
}
