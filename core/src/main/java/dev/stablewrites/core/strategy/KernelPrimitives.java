package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import java.util.List;

/**
 * The kernel as a strategy sees it: the primitives a fix may use, each named after the kernel
 * function it shadows, and nothing of the model's own bookkeeping. Every hook record
 * ({@link PageHook}, {@link BioHook}, {@link BioCompletion}) hands one out as {@code kernel()}.
 *
 * <p>Call them from the body of a step the hook added ({@link Steps#add}), not from the hook
 * itself: a hook runs when its actor reaches the hook point, and the steps it adds are what the
 * explorers interleave. The contexts, as {@code Documentation/filesystems/locking.rst} gives them:
 *
 * <table>
 * <caption>primitives, where they may run, and what they change</caption>
 * <tr><th>primitive</th><th>context</th><th>may sleep</th><th>changes</th></tr>
 * <tr><td>{@link #setPageWriteback}, {@link #endPageWriteback}</td><td>any</td><td>no</td>
 *     <td>{@code PG_writeback}; setting it twice, or ending it when unset, is a {@code BUG()} (NO_OOPS);
 *     ending it wakes {@code wait_on_page_writeback}</td></tr>
 * <tr><td>{@link #allocBouncePage}, {@link #copyPage}, {@link #freeBouncePage}</td><td>any</td>
 *     <td>no (mempool)</td><td>a page of memory, counted in {@code bouncePagesPeak} and {@code bytesCopied}</td></tr>
 * <tr><td>{@link #setMemoryRo}, {@link #setMemoryRw}</td><td>task or kworker; not {@code bio_endio}
 *     (it took recursive locks there in 2011)</td><td>no</td><td>the kernel direct map only, never a
 *     user PTE; one kernel TLB flush each</td></tr>
 * <tr><td>{@link #queueWork}</td><td>any, {@code bio_endio} included</td><td>no</td><td>a work item
 *     for the kworker {@code K}, one FIFO workqueue</td></tr>
 * <tr><td>{@link #resubmitSteps}, {@link #queueResubmit}</td><td>the kworker (a task may sleep in
 *     {@code submit_bio}); from {@code bio_endio} it is "scheduling while atomic"</td><td>yes</td>
 *     <td>the bio goes to the device again; its tuples are regenerated if asked</td></tr>
 * <tr><td>{@link #completeBio}</td><td>any</td><td>no</td><td>the submitter's completion of a bio the
 *     strategy took over runs next, in the caller's context</td></tr>
 * <tr><td>{@link #bioIntegrityGenerate}</td><td>task or kworker</td><td>no</td><td>the bio's tuples,
 *     from the bytes its pages hold now</td></tr>
 * </table>
 *
 * <p>{@link Steps} adds the sleeping primitives ({@code lock_page}, {@code wait_on_page_writeback})
 * as steps of their own, since a sleep must be a step the scheduler can stop at.
 */
public interface KernelPrimitives {
    /** {@code PAGE_SIZE} of this run. */
    int pageSize();

    /** {@code set_page_writeback}: marks the page under writeback. */
    void setPageWriteback(Page page);

    /** {@code end_page_writeback}: clears {@code PG_writeback} and wakes its waiters. */
    void endPageWriteback(Page page);

    /** A bounce page for {@code original} from the bounce mempool ({@code mempool_alloc}), not yet filled. */
    Page allocBouncePage(Page original);

    /** {@code copy_highpage}: copies a whole page. */
    void copyPage(Page to, Page from);

    /** Gives a bounce page back ({@code mempool_free}). */
    void freeBouncePage(Page bounce);

    /** {@code set_memory_ro} on the page's direct-map entry (a kernel TLB flush). */
    void setMemoryRo(Page page);

    /** {@code set_memory_rw} on the page's direct-map entry (a kernel TLB flush). */
    void setMemoryRw(Page page);

    /**
     * {@code queue_work}: {@code body} runs later on the kworker, as its own schedulable step; what it
     * throws is reported as the strategy's bug.
     */
    void queueWork(String function, Page page, StepBody body);

    /**
     * The steps that resubmit a bio the strategy {@linkplain BioCompletion#takeOver took over}: its
     * status is reset, its tuples regenerated if {@code regenerate}, and it is queued again; its next
     * completion passes through {@code bio_endio}, and the strategy's hook, again. Run them on the
     * kworker (push them from a {@link #queueWork} body), or use {@link #queueResubmit}.
     */
    List<Step> resubmitSteps(BioCompletion completion, boolean regenerate);

    /** Queues the resubmit of a bio the strategy took over on the kworker, as kintegrityd would run it. */
    void queueResubmit(BioCompletion completion, boolean regenerate);

    /**
     * Ends a bio the strategy took over: the submitter's completion ({@code bi_end_io}) runs next in
     * {@code self}'s context.
     */
    void completeBio(Actor self, BioCompletion completion);

    /** {@code bio_integrity_generate}: one tuple per interval from the bytes the bio's pages hold now. */
    void bioIntegrityGenerate(Bio bio);
}
