package dev.stablewrites.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's address space ({@code struct mm_struct}): its own page table. Threads of one process
 * share it, so they share its PTEs.
 */
public final class Mm {
    private final int pid;
    private final List<Pte> ptes = new ArrayList<>(2);

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
        page.addRmap(pte);
        return pte;
    }

    /** The entry mapping {@code page}, or null. */
    public Pte pteOf(Page page) {
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
