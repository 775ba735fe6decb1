package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.Pte;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;

/**
 * A user store to a mapped page. Through a writable PTE it changes the bytes at once and runs no
 * kernel code. Otherwise it takes a write fault: {@code do_shared_fault} for a page the process has
 * not touched yet, {@code do_wp_page} for one writeback write-protected → {@code lock_page} → the
 * filesystem's {@code ->page_mkwrite} ({@code set_page_dirty}, then the strategy's hook) →
 * {@code finish_fault} or {@code wp_page_reuse} (page dirtied, PTE made writable) →
 * {@code unlock_page} → the store is retried, and may fault again if writeback write-protected the
 * PTE meanwhile.
 */
final class UserStore {
    private UserStore() {
    }

    static Step store(Kernel k, Mm mm, Page page, int offset, int length, byte value) {
        Step[] self = new Step[1];
        self[0] = Step.of("store", page, actor -> {
            Pte pte = mm.pteOf(page);
            if (pte.writable()) {
                mm.store(pte, offset, length, value);
                k.costs().bytesWrittenByTasks += length;
                k.noteStore(page, offset, length);
                if (actor.tracing()) {
                    actor.note(String.format("%d bytes of 0x%02x at +0x%x (%s), writable PTE: no kernel code",
                            length, value & 0xff, offset, k.intervalsOf(offset, length)));
                }
                return StepResult.DONE;
            }
            k.costs().faults++;
            if (page.mapping() != null) {
                page.mapping().writeFault(); // filemap_page_mkwrite: file_update_time, before lock_page
            }
            boolean first = !pte.present();
            if (actor.tracing()) {
                actor.note(first ? "PTE not present, shared mapping: write fault, do_shared_fault"
                        : "PTE read-only: write fault, do_wp_page");
            }
            actor.pushFront(k.lockPageStep(page), pageMkwrite(k, page), k.pageMkwriteHook(page),
                    installWritable(k, pte, first ? "finish_fault" : "wp_page_reuse"), k.unlockPageStep(page), self[0]);
            return StepResult.DONE;
        });
        return self[0];
    }

    /**
     * The filesystem's {@code ->page_mkwrite} ({@code do_page_mkwrite}) dirties the page first, under
     * the page lock, and only then runs what the strategy adds (3.0's wait comes after
     * {@code set_page_dirty} in {@code block_page_mkwrite}).
     */
    private static Step pageMkwrite(Kernel k, Page page) {
        // Silent: it lands with the next visible step (the strategy's first, or finish_fault/wp_page_reuse),
        // which the trace then names "->page_mkwrite: ..." in its detail.
        return Step.silent("->page_mkwrite", actor -> {
            k.setPageDirty(page);
            return StepResult.DONE;
        });
    }

    /**
     * After {@code ->page_mkwrite} returned: the page is dirtied and the PTE made writable and dirty,
     * by {@code finish_fault} on a first touch and {@code wp_page_reuse} on a write-protected entry.
     */
    private static Step installWritable(Kernel k, Pte pte, String function) {
        return Step.of(function, pte.page(), (Actor actor) -> {
            k.setPageDirty(pte.page());
            pte.makeWritableDirty();
            if (actor.tracing()) {
                actor.note("set_page_dirty; PTE of " + pte.mm().name() + " made writable"
                        + (pte.page().test(Page.PG_WRITEBACK) ? ", page still under writeback" : ""));
            }
            return StepResult.DONE;
        });
    }
}
