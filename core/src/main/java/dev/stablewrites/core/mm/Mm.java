package dev.stablewrites.core.mm;

import dev.stablewrites.core.state.NotState;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's address space ({@code struct mm_struct}): its own page table. Threads of one process
 * share it, so they share its PTEs.
 */
public final class Mm {
    private final int pid;
    /** Above this many entries a lookup goes through {@link #byPage} instead of a scan. */
    private static final int SCAN_LIMIT = 8;

    private final List<Pte> ptes = new ArrayList<>(2);
    @NotState private java.util.IdentityHashMap<Page, Pte> byPage;

    public Mm(int pid) {
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }

    public String name() {
        return "pid" + pid;
    }

    /** Maps {@code page} into this process and adds the entry to the page's rmap. */
    public Pte map(Page page, boolean writable) {
        Pte pte = new Pte(this, page, writable);
        ptes.add(pte);
        if (byPage != null) {
            byPage.put(page, pte);
        }
        page.addRmap(pte);
        return pte;
    }

    /** The entry mapping {@code page}, or null. */
    public Pte pteOf(Page page) {
        if (ptes.size() > SCAN_LIMIT) {
            // A process mapping a whole file (the timed mode's mmap writers) looks up by page.
            if (byPage == null) {
                byPage = new java.util.IdentityHashMap<>();
                ptes.forEach(p -> byPage.put(p.page(), p));
            }
            return byPage.get(page);
        }
        for (int i = 0; i < ptes.size(); i++) {
            if (ptes.get(i).page() == page) {
                return ptes.get(i);
            }
        }
        return null;
    }

    /**
     * A user store through {@code pte}: the bytes change at once and the entry turns dirty; no
     * kernel code runs. The caller has checked that the entry is writable.
     */
    public void store(Pte pte, int offset, int length, byte value) {
        if (!pte.writable()) {
            throw new IllegalStateException("store through a read-only PTE must fault first");
        }
        java.util.Arrays.fill(pte.page().data(), offset, offset + length, value);
        pte.markDirty();
    }
}
