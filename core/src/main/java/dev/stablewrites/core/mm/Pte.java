package dev.stablewrites.core.mm;

/**
 * A page-table entry of one process mapping one page, with the two bits the race turns on:
 * <em>writable</em> (a store goes straight to memory) and <em>dirty</em> (the hardware saw a store).
 */
public final class Pte {
    private final Mm mm;
    private final Page page;
    private boolean writable;
    private boolean dirty;

    Pte(Mm mm, Page page, boolean writable) {
        this.mm = mm;
        this.page = page;
        this.writable = writable;
    }

    public Mm mm() {
        return mm;
    }

    public Page page() {
        return page;
    }

    public boolean writable() {
        return writable;
    }

    public boolean dirty() {
        return dirty;
    }

    /** {@code pte_mkwrite(pte_mkdirty())}, as {@code wp_page_reuse} installs it after a write fault. */
    public void makeWritableDirty() {
        writable = true;
        dirty = true;
    }

    /** The hardware sets the dirty bit on a store through a writable entry. */
    void markDirty() {
        dirty = true;
    }

    /**
     * Write-protects and cleans this entry ({@code page_mkclean_one}).
     *
     * @return whether the entry changed (a TLB flush is then needed)
     */
    public boolean writeProtect() {
        boolean changed = writable || dirty;
        writable = false;
        dirty = false;
        return changed;
    }

    @Override
    public String toString() {
        return mm.name() + ":" + (writable ? "rw" : "ro") + (dirty ? "+d" : "");
    }
}
