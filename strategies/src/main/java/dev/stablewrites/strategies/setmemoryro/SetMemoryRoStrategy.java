package dev.stablewrites.strategies.setmemoryro;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.strategies.mkwritewait.MkwriteWaitStrategy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of {@code writeback-then-ro} and {@code ro-then-writeback}, which differ only in
 * {@link Order}: Linux 3.0's waits ({@link MkwriteWaitStrategy}), plus Darrick Wong's 2011
 * experiment: in {@code bio_integrity_prep}, make each page of the bio read-only in the kernel's
 * direct map and mark it under writeback, so that "any process trying to write to it ends up
 * hitting the page fault handler where we can then wait for writeback". After completion the
 * kintegrityd workqueue runs {@code set_memory_rw} (it caused recursive-locking errors from
 * {@code bio_endio}) and ends the writeback that prep started.
 *
 * <p>What it really protects, kept faithfully: {@code set_memory_ro} changes only the direct map,
 * never a process's PTE, so a user store through a writable PTE goes straight through; a kernel
 * {@code copy_from_user} comes back short and is retried; a plain kernel store (the journal's
 * {@code memcpy}) oopses. The undo is not reference-counted: a {@code set_memory_rw} queued by one
 * bio's completion may run while the next bio on the page is in flight, and it may run after
 * {@code end_page_writeback}.
 */
public abstract class SetMemoryRoStrategy implements Strategy {
    /** Which of the two prep steps comes first for each page. */
    public enum Order {
        /** {@code set_page_writeback}, then {@code set_memory_ro}: the order Andreas Dilger asks for. */
        WRITEBACK_THEN_RO,
        /** {@code set_memory_ro}, then {@code set_page_writeback}: the order the thread warns about. */
        RO_THEN_WRITEBACK
    }

    /** A page this strategy protected for one bio, and whether prep set its {@code PG_writeback}. */
    private static final class Protected {
        final Page page;
        boolean startedWriteback;

        Protected(Page page) {
            this.page = page;
        }
    }

    private final Order order;
    private final MkwriteWaitStrategy waits = new MkwriteWaitStrategy();
    private final Map<Bio, List<Protected>> inFlight = new IdentityHashMap<>();

    protected SetMemoryRoStrategy(Order order) {
        this.order = order;
    }

    /** 3.0's wait, after {@code lock_page}. */
    @Override
    public final void pageMkwrite(PageHook fault, Steps steps) {
        waits.pageMkwrite(fault, steps);
    }

    /** 3.0's wait, with the page locked. */
    @Override
    public final void writeBegin(PageHook write, Steps steps) {
        waits.writeBegin(write, steps);
    }

    /** The prep steps, two per page, in this strategy's order. */
    @Override
    public final void bioIntegrityPrep(BioHook submit, Steps steps) {
        KernelPrimitives k = submit.kernel();
        List<Protected> pages = new ArrayList<>();
        for (BioVec v : submit.bio().vecs()) {
            Protected p = new Protected(v.page());
            pages.add(p);
            if (order == Order.WRITEBACK_THEN_RO) {
                steps.add("set_page_writeback", p.page, self -> setPageWriteback(k, p, self));
                steps.add("set_memory_ro", p.page, self -> setMemoryRo(k, p.page, self));
            } else {
                steps.add("set_memory_ro", p.page, self -> setMemoryRo(k, p.page, self));
                steps.add("set_page_writeback", p.page, self -> setPageWriteback(k, p, self));
            }
        }
        inFlight.put(submit.bio(), pages);
    }

    private static StepResult setPageWriteback(KernelPrimitives k, Protected p, Actor self) {
        if (p.page.test(Page.PG_WRITEBACK)) {
            // writepages set it under the page lock, or an earlier bio's kintegrityd work has not run yet.
            if (self.tracing()) {
                self.note("already under writeback: left to whoever set it");
            }
            return StepResult.DONE;
        }
        k.setPageWriteback(p.page);
        p.startedWriteback = true;
        if (self.tracing()) {
            self.note("PG_writeback set by bio_integrity_prep; kintegrityd will end it");
        }
        return StepResult.DONE;
    }

    private static StepResult setMemoryRo(KernelPrimitives k, Page page, Actor self) {
        k.setMemoryRo(page);
        if (self.tracing()) {
            self.note("direct map read-only (kernel TLB flush); user PTEs unchanged");
        }
        return StepResult.DONE;
    }

    /**
     * In {@code bio_endio} (interrupt context, where {@code set_memory_rw} must not run): queue the
     * undo on kintegrityd, a {@code set_memory_rw} per page and an {@code end_page_writeback} for
     * each writeback prep started. The submitter's own completion runs at once, before the work.
     */
    @Override
    public final void bioEndIo(BioCompletion completion, Steps steps) {
        List<Protected> pages = inFlight.remove(completion.bio());
        if (pages == null || pages.isEmpty()) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        steps.add("queue_work(kintegrityd)", pages.get(0).page, irq -> {
            int items = 0;
            for (Protected p : pages) {
                k.queueWork("set_memory_rw", p.page, self -> {
                    k.setMemoryRw(p.page);
                    if (self.tracing()) {
                        self.note("kintegrityd: direct map writable again" + stillInFlight(p.page));
                    }
                    return StepResult.DONE;
                });
                items++;
                if (p.startedWriteback) {
                    k.queueWork("end_page_writeback", p.page, self -> {
                        k.endPageWriteback(p.page);
                        if (self.tracing()) {
                            self.note("kintegrityd ends the writeback bio_integrity_prep started" + stillInFlight(p.page));
                        }
                        return StepResult.DONE;
                    });
                    items++;
                }
            }
            if (irq.tracing()) {
                irq.note(items + " work item(s) for kintegrityd; the submitter's completion runs first");
            }
            return StepResult.DONE;
        });
    }

    /**
     * The undo is not reference-counted, as in the 2011 patch: a later bio on the same page may be
     * in flight when an earlier bio's work runs, and loses its protection with it. Say so in the trace.
     */
    private String stillInFlight(Page page) {
        for (List<Protected> others : inFlight.values()) {
            for (Protected other : others) {
                if (other.page == page) {
                    return "; the next bio on the page loses it too";
                }
            }
        }
        return "";
    }
}
