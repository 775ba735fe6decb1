package dev.stablewrites.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.mm.Pte;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sim.Runs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards what protects a page and what does not: {@code page_mkclean} reaches every process's PTE
 * through the rmap, while {@code set_memory_ro} changes only the kernel's direct map.
 */
class PageTablesTest {
    private Costs costs;
    private Kernel kernel;
    private Page page;

    @BeforeEach
    void setUp() {
        costs = new Costs();
        kernel = new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, Runs.NONE, costs);
        page = kernel.allocPage(new PageOwner.PageCache("f", 0));
    }

    @Test
    void pageMkclean_writeProtectsThePtesOfEveryProcessMappingThePage() {
        Pte a = new Mm(1).map(page, true);
        Pte c = new Mm(3).map(page, true);
        a.makeWritableDirty();
        c.makeWritableDirty();
        page.set(Page.PG_LOCKED | Page.PG_DIRTY);

        assertTrue(kernel.clearPageDirtyForIo(page));

        assertFalse(a.writable());
        assertFalse(c.writable());
        assertFalse(a.dirty() || c.dirty());
        assertFalse(page.test(Page.PG_DIRTY));
        assertEquals(2, costs.pteWriteProtects);
        assertEquals(2, costs.tlbFlushes, "one flush per PTE changed");
    }

    @Test
    void pageMkclean_writeProtectsAWritableCleanPte_too_andCountsItAsCleaned() {
        Pte clean = new Mm(1).map(page, true);
        Pte readOnly = new Mm(2).map(page, false);
        page.set(Page.PG_LOCKED);

        assertTrue(kernel.clearPageDirtyForIo(page), "folio_mkclean counts a writable entry as cleaned");

        assertFalse(clean.writable());
        assertEquals(1, costs.pteWriteProtects, "the read-only entry needed no change");
        assertEquals(1, costs.tlbFlushes);
        assertFalse(readOnly.writable());
    }

    @Test
    void clearPageDirtyForIo_onAnUnlockedPage_isABug() {
        page.set(Page.PG_DIRTY);
        kernel.clearPageDirtyForIo(page);
        assertEquals(Property.NO_OOPS, kernel.violations().get(0).property());
        assertTrue(kernel.violations().get(0).message().contains("not locked"));
    }

    @Test
    void aStoreThroughAWritablePte_setsItsDirtyBit() {
        Mm mm = new Mm(1);
        Pte pte = mm.map(page, true);
        assertFalse(pte.dirty());
        mm.store(pte, 0, 1, (byte) 1);
        assertTrue(pte.dirty(), "the hardware sets the dirty bit; page_mkclean relies on it");
    }

    @Test
    void clearPageDirtyForIo_movesADirtyPteBitToThePageBeforeClearingIt() {
        Pte a = new Mm(1).map(page, true);
        a.makeWritableDirty();
        page.set(Page.PG_LOCKED); // PG_dirty lost, the PTE still says dirty
        assertTrue(kernel.clearPageDirtyForIo(page), "a dirty PTE means the page is dirty");
    }

    @Test
    void setMemoryRo_leavesUserPtesWritable_andAUserStoreStillLands() {
        Mm mm = new Mm(1);
        Pte pte = mm.map(page, true);

        kernel.setMemoryRo(page);

        assertTrue(kernel.directMap().readOnly(page));
        assertTrue(pte.writable(), "set_memory_ro protects no user PTE");
        mm.store(pte, 0, 8, (byte) 0x5a);
        assertEquals(0x5a, page.data()[0]);
        assertEquals(1, costs.tlbFlushes, "a kernel TLB flush, no user one");
    }

    @Test
    void kernelWriteToReadOnlyDirectMap_isAnOopsThatKillsTheTask() {
        Actor writer = new Actor('A', "writer", Actor.Kind.WRITER);
        kernel.setMemoryRo(page);

        assertFalse(kernel.kernelWrite(writer, page, 0, 8, (byte) 1));

        assertTrue(writer.dead());
        assertEquals(0, page.data()[0], "the write did not happen");
        assertEquals(Property.NO_OOPS, kernel.violations().get(0).property());
        assertTrue(kernel.violations().get(0).message().contains("read-only direct map"));
    }

    @Test
    void kernelWriteAfterSetMemoryRw_succeeds() {
        Actor writer = new Actor('A', "writer", Actor.Kind.WRITER);
        kernel.setMemoryRo(page);
        kernel.setMemoryRw(page);
        assertTrue(kernel.kernelWrite(writer, page, 0, 8, (byte) 1));
        assertTrue(kernel.violations().isEmpty());
    }
}
