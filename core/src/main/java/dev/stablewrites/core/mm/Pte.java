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
    private boolean present = true;

    Pte(Mm mm, Page page, boolean writable) {
        this.mm = mm;
        this.page = page;
        this.writable = writable;
    }

    /**
     * Whether the entry maps the page: false for a page the process has mapped but never touched,
     * whose first write faults through {@code do_shared_fault} instead of {@code do_wp_page}.
     */
    public boolean present() {
        return present;
    }

    /** Leaves the entry not present: the mapping exists, the process has not touched the page yet. */
    public void clearPresent() {
        present = false;
        writable = false;
        dirty = false;
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
        present = true;
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
        return mm.name() + ":" + (!present ? "-" : writable ? "rw" : "ro") + (dirty ? "+d" : "");
    }
}
