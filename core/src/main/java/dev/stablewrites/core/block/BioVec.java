package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;

/**
 * One segment of a bio ({@code struct bio_vec}). The page is mutable because a strategy may swap
 * it (a bounce buffer, a frozen copy) before the device reads it.
 */
public final class BioVec {
    private Page page;
    private final int offset;
    private final int length;

    public BioVec(Page page, int offset, int length) {
        this.page = page;
        this.offset = offset;
        this.length = length;
    }

    public Page page() {
        return page;
    }

    /** Points this segment at another page (same offset and length). */
    public void setPage(Page page) {
        this.page = page;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }
}
