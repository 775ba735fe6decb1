package dev.stablewrites.core.mm;

import java.util.BitSet;

/**
 * The kernel's linear map of all memory, read-write by default. {@code set_memory_ro} and
 * {@code set_memory_rw} change only this mapping — never a process's PTE — and each costs a kernel
 * TLB flush. Kernel writers ({@code copy_from_user}, the journal) write through it.
 */
public final class DirectMap {
    private final BitSet readOnly = new BitSet();

    /** {@code set_memory_ro} for one page. */
    public void setMemoryRo(Page page) {
        readOnly.set(page.pfn());
    }

    /** {@code set_memory_rw} for one page. */
    public void setMemoryRw(Page page) {
        readOnly.clear(page.pfn());
    }

    public boolean readOnly(Page page) {
        return readOnly.get(page.pfn());
    }
}
