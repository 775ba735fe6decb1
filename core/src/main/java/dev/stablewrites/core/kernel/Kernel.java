package dev.stablewrites.core.kernel;

import dev.stablewrites.core.state.NotState;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlockDevice;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.mm.DirectMap;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.mm.Pte;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/**
 * The simulated kernel, one per run: the page flags and their wait queues ({@code mm/filemap.c},
 * {@code mm/page-writeback.c}), {@code page_mkclean} ({@code mm/rmap.c}), the direct map and the
 * kernel's own stores through it, the strategy's hook points, and what the run produced
 * (violations, system calls). The other subsystems live beside it, one file each: {@link BlockLayer}
 * ({@code submit_bio}, integrity, {@code bio_endio}), {@link Buffers} ({@code fs/buffer.c}),
 * {@link Workqueue} (kintegrityd), {@link Writeback}, {@link BufferedWrite}, {@link UserStore} (the
 * write fault), {@link DirectIo}, {@link Journal} with {@link Jbd2Buffer} and {@link Ext3Ordered}.
 *
 * <p>Strategies never see this class: their hooks get {@link KernelPrimitives}, the functions a fix
 * may use. The model's other packages (the run, the timed mode, the fault actor) use the rest.
 * Invalid transitions that Linux would {@code BUG()} on are recorded as {@link Property#NO_OOPS}.
 */
public final class Kernel implements KernelPrimitives {
    private final int pageSize;
    private final int interval;
    private final Integrity integrity;
    private final Strategy strategy;
    private final Costs costs;
    private final DirectMap directMap = new DirectMap();
    private boolean stableWrites;
    /** Buffer heads and {@code BH_Lock} ({@code fs/buffer.c}). */
    final Buffers buffers = new Buffers(this);
    /** Bios from {@code submit_bio} to {@code bio_endio}, integrity generation, resubmits. */
    final BlockLayer block = new BlockLayer(this);
    private final List<Violation> violations = new ArrayList<>();
    /**
     * What each system call returned, in the order they returned: a record for reports and tests. No
     * step reads it (a false EIO is judged where fsync returns), so two runs that differ only in which
     * call returned first reach one state.
     */
    @NotState private final List<SyscallResult> syscalls = new ArrayList<>();
    @NotState private boolean recordSyscalls = true;
    @NotState private long syscallCount;
    @NotState private long falseEios;
    private final Coverage coverage = new Coverage();
    /** The kintegrityd workqueue ({@code kernel/workqueue.c}): one kworker, FIFO. */
    private final Workqueue workqueue = new Workqueue();
    private BlockDevice device;
    @NotState private IntSupplier clock = () -> 0;
    private int nextPfn;
    private ContentWatcher watcher;

    public Kernel(int pageSize, int interval, Integrity integrity, Strategy strategy, Costs costs) {
        this.pageSize = pageSize;
        this.interval = interval;
        this.integrity = integrity;
        this.strategy = strategy;
        this.costs = costs;
        this.stableWrites = integrity != Integrity.NONE;
    }

    // ---- configuration -------------------------------------------------------------------------

    public int pageSize() {
        return pageSize;
    }

    @Override
    public boolean stableWrites() {
        return stableWrites;
    }

    @Override
    public boolean filesystemChecksumsData() {
        return integrity.verifiedBy() == VerifiedBy.READ;
    }

    /** Sets whether stable pages are required (by default: whenever the profile has a checksum). */
    public void setStableWrites(boolean required) {
        stableWrites = required;
    }

    public int interval() {
        return interval;
    }

    public Integrity integrity() {
        return integrity;
    }

    public Strategy strategy() {
        return strategy;
    }

    public Costs costs() {
        return costs;
    }

    public DirectMap directMap() {
        return directMap;
    }

    public BlockDevice device() {
        return device;
    }

    public void attachDevice(BlockDevice device) {
        this.device = device;
        for (Disk leg : device.legs()) {
            // Completions run bi_end_io in the disk's interrupt context, where nothing may sleep.
            leg.actor().markAtomicContext(what -> schedulingWhileAtomic(leg.actor(), what));
            if (leg.heldCompletions() != null) {
                // A held write's bi_end_io runs in the drive's interrupt too (timed runs with NCQ).
                Actor irq = leg.heldCompletions().actor();
                irq.markAtomicContext(what -> schedulingWhileAtomic(irq, what));
            }
        }
    }

    /**
     * Makes an attached RAID1 generate integrity per leg, as blk-mq does ({@code raid1-integrity=per-leg}):
     * each leg's disk runs {@code bio_integrity_prep} for its clone when it starts the command, and
     * the md master's {@code submit_bio} generates no tuples. The default is Linux 2.6/3.x: once, for
     * the master, before md clones it. The strategy's {@code bio_integrity_prep} hook runs for the
     * master at {@code submit_bio} either way: it stands for the submission point.
     */
    public void generateIntegrityPerLeg() {
        if (device == null || device.legs().size() < 2) {
            throw new IllegalStateException("per-leg integrity needs an attached RAID1");
        }
        block.generateIntegrityPerLeg();
    }

    /**
     * Limits the requests in flight ({@code /sys/block/.../queue/nr_requests}): a submitter whose bio
     * finds them all taken sleeps in {@code get_request} until one completes, after its tuples were
     * generated, as {@code blk_queue_bio} does. 0, the default, is no limit: an explored scenario
     * never has more than a few bios in flight, and a limit would only add a step to every submit.
     */
    public void setNrRequests(int n) {
        block.setNrRequests(n);
    }

    /**
     * Attaches the record of where data comes from ({@code NO_SILENT_CORRUPTION}'s); none by
     * default, so a timed run of a million writes keeps nothing per write.
     */
    public void setContentWatcher(ContentWatcher watcher) {
        this.watcher = watcher;
    }

    /** Whether some bio is between {@code submit_bio} and {@code bio_endio}: asked at every step, so it allocates nothing. */
    public boolean anyInFlight() {
        return block.anyInFlight();
    }

    /** The bios between {@code submit_bio} and {@code bio_endio}, oldest first (a fault's targets). */
    public List<Bio> inFlightBios() {
        return block.inFlightBios();
    }

    /** The record of where data comes from, or null. */
    ContentWatcher watcher() {
        return watcher;
    }

    /**
     * The filesystem's block boundaries for mpage writeback; none by default. Configuration, the same in
     * every state of a run (a timed run's captures its simulation, which is never fingerprinted).
     */
    @NotState private WriteBoundary writeBoundary = (mapping, index) -> List.of();

    /**
     * Tells mpage writeback where the filesystem's block boundaries are ({@link WriteBoundary}): a
     * timed run's ext2, whose indirect blocks follow the data they map. None by default.
     */
    public void setWriteBoundary(WriteBoundary boundary) {
        this.writeBoundary = boundary;
    }

    WriteBoundary writeBoundary() {
        return writeBoundary;
    }

    /** Tells the kernel how to read the current step number, for violation reports. */
    public void setClock(IntSupplier clock) {
        this.clock = clock;
    }

    /**
     * The workqueue actor that runs {@link #queueWork} items: one worker of a FIFO workqueue, named
     * after kintegrityd, where the 2011 patch deferred {@code set_memory_rw} out of {@code bio_endio}.
     */
    public Actor kworker() {
        return workqueue.worker();
    }

    /** Makes the next write to {@code lba} fail on every leg; the EIO it causes is then not false. */
    public void injectWriteError(long lba) {
        for (Disk d : device.legs()) {
            d.injectWriteError(lba);
        }
    }

    // ---- outcomes ------------------------------------------------------------------------------

    public List<Violation> violations() {
        return violations;
    }

    public List<SyscallResult> syscalls() {
        return syscalls;
    }

    /**
     * Whether each system call's return is kept for {@link #syscalls()} (the default). A long timed
     * run turns it off and reads only the counts, so its memory does not grow with its length.
     */
    public void recordSyscalls(boolean on) {
        recordSyscalls = on;
    }

    /** System calls returned so far, recorded or not. */
    public long syscallCount() {
        return syscallCount;
    }

    /** System calls that returned EIO with no fault injected ({@link Property#NO_FALSE_EIO}'s failures). */
    public long falseEios() {
        return falseEios;
    }

    /** Records that a property failed at the current step. */
    public void violate(Property property, String message) {
        if (violations.size() < 64) {
            violations.add(new Violation(property, clock.getAsInt(), message));
        }
    }

    /** A {@code BUG()}: an invalid page-state transition. */
    void bug(String message) {
        violate(Property.NO_OOPS, "BUG: " + message);
    }

    /**
     * Records a system call's return ({@code success} when it did not fail). An EIO is false unless
     * an injected media error caused it ({@code injected}).
     */
    void returnToUser(Actor actor, String call, boolean eio, int success, boolean injected) {
        syscallCount++;
        if (recordSyscalls) {
            syscalls.add(new SyscallResult(actor.id(), call, eio, clock.getAsInt()));
        }
        if (actor.tracing()) {
            actor.note(call + " returns " + (eio ? "-EIO" : String.valueOf(success)));
        }
        if (eio && !injected) {
            falseEios++;
            violate(Property.NO_FALSE_EIO, call + " by " + actor.name() + " returned EIO, no fault injected");
        }
    }

    // ---- pages ---------------------------------------------------------------------------------

    /** Allocates a page of {@link #pageSize()} zeroed bytes. */
    public Page allocPage(PageOwner owner) {
        return new Page(nextPfn++, pageSize, owner);
    }

    /** Allocates a bounce page for {@code original}, counted in {@code bouncePagesPeak}. */
    public Page allocBouncePage(Page original) {
        costs.bounceAllocated();
        int pfn = nextPfn++;
        return new Page(pfn, pageSize, new PageOwner.Bounce(pfn, original.pfn()));
    }

    /** Frees a bounce page. */
    public void freeBouncePage(Page bounce) {
        costs.bounceFreed();
    }

    /** Copies a whole page ({@code copy_highpage}), counted in {@code bytesCopied}. */
    public void copyPage(Page to, Page from) {
        System.arraycopy(from.data(), 0, to.data(), 0, pageSize);
        costs.bytesCopied += pageSize;
    }

    /** {@code lock_page}: takes the page lock, or sleeps until it is released. */
    public Step lockPageStep(Page page) {
        return Step.of("lock_page", page, self -> lockPage(self, page));
    }

    StepResult lockPage(Actor self, Page page) {
        if (self.atomicContext()) {
            // lock_page() starts with might_sleep(): wrong in atomic context even when uncontended.
            schedulingWhileAtomic(self, "lock_page on " + page);
            return StepResult.DONE;
        }
        if (page.test(Page.PG_LOCKED)) {
            if (self.tracing()) {
                self.note("sleeps: page locked by " + holderName(page));
            }
            return page.lockWait().sleep(self);
        }
        page.set(Page.PG_LOCKED);
        page.setLockHolder(self);
        return StepResult.DONE;
    }

    private static String holderName(Page page) {
        return page.lockHolder() == null ? "?" : String.valueOf(page.lockHolder().id());
    }

    /** {@code unlock_page}: releases the lock and wakes its waiters. */
    public Step unlockPageStep(Page page) {
        return Step.of("unlock_page", page, self -> {
            unlockPage(page);
            return StepResult.DONE;
        });
    }

    void unlockPage(Page page) {
        if (!page.test(Page.PG_LOCKED)) {
            bug("unlock_page on " + page + ", which is not locked");
            return;
        }
        page.clear(Page.PG_LOCKED);
        page.setLockHolder(null);
        page.lockWait().wakeAll();
    }

    /** {@code wait_on_page_writeback}: sleeps while {@code PG_writeback} is set. */
    public Step waitOnPageWritebackStep(Page page) {
        return Step.of("wait_on_page_writeback", page, self -> waitOnPageWriteback(self, page));
    }

    StepResult waitOnPageWriteback(Actor self, Page page) {
        if (page.test(Page.PG_WRITEBACK)) {
            if (self.tracing()) {
                self.note("sleeps until end_page_writeback");
            }
            return page.writebackWait().sleep(self);
        }
        return StepResult.DONE;
    }

    /** A sleep in completion (interrupt) context: the kernel's "BUG: scheduling while atomic". */
    void schedulingWhileAtomic(Actor self, String what) {
        bug("scheduling while atomic: " + what + " in " + self.name() + "'s completion context");
        self.kill("oops: sleeping in atomic context");
    }

    /** Which integrity intervals of a page {@code length} bytes at {@code offset} fall in, for a trace. */
    String intervalsOf(int offset, int length) {
        int first = offset / interval;
        int last = (offset + length - 1) / interval;
        return first == last ? "interval " + first : "intervals " + first + "-" + last;
    }

    /**
     * {@code set_page_dirty}. On a page with buffers it is {@code __set_page_dirty_buffers}, which
     * dirties the buffers too, so a later {@code submit_bh} path (ext3's commit, a writepage) sees
     * a store that came through a PTE.
     */
    public void setPageDirty(Page page) {
        page.set(Page.PG_DIRTY);
        if (page.buffers() != null) {
            page.buffers().setDirty(true);
        }
    }

    /**
     * jbd2's frozen copy of a buffer ({@code jbd2_freeze_jh_data}): a page allocated with
     * {@code GFP_NOFS|__GFP_NOFAIL} and a {@code memcpy} of the buffer, read through the direct map,
     * which a read-only entry allows. Counted in {@code bytesFrozenByJbd2}, not as a strategy's copy.
     */
    Page freezeCopy(Page original) {
        int pfn = nextPfn++;
        Page frozen = new Page(pfn, pageSize, new PageOwner.Bounce(pfn, original.pfn()));
        System.arraycopy(original.data(), 0, frozen.data(), 0, pageSize);
        costs.bytesFrozenByJbd2 += pageSize;
        return frozen;
    }

    /** A kernel-private page the I/O path fills itself (a journal descriptor or commit block). */
    Page allocKernelPage(String what) {
        return allocPage(new PageOwner.KernelBuffer(what));
    }

    /**
     * {@code set_page_writeback}. Setting it on a page already under writeback is a bug (Linux's
     * {@code __folio_start_writeback} has {@code VM_BUG_ON_FOLIO} on it): two writebacks would share
     * one flag, and the first completion would end the second's.
     */
    public void setPageWriteback(Page page) {
        if (page.test(Page.PG_WRITEBACK)) {
            bug("set_page_writeback on " + page + ", already under writeback");
            return;
        }
        page.set(Page.PG_WRITEBACK);
    }

    /** {@code end_page_writeback}: clears {@code PG_writeback} and wakes its waiters. */
    public void endPageWriteback(Page page) {
        if (!page.test(Page.PG_WRITEBACK)) {
            bug("end_page_writeback on " + page + ", which is not under writeback");
            return;
        }
        page.clear(Page.PG_WRITEBACK);
        page.writebackWait().wakeAll();
        onEndPageWriteback.run();
    }

    private Runnable onEndPageWriteback = () -> { };

    /**
     * Runs {@code r} after every {@code end_page_writeback}: where a timed run's writers throttled in
     * {@code balance_dirty_pages} learn that writeback made progress. Nothing by default.
     */
    public void setOnEndPageWriteback(Runnable r) {
        onEndPageWriteback = r;
    }

    /**
     * {@code page_mkclean}: write-protects and cleans every PTE of the page, in every process,
     * through the rmap; one TLB flush per entry changed.
     *
     * @return whether any entry changed: as {@code folio_mkclean} counts them, a writable entry
     *         counts even when clean, since a store could have dirtied it a moment ago
     */
    public boolean pageMkclean(Page page) {
        boolean cleaned = false;
        for (Pte pte : page.rmap()) {
            if (pte.writeProtect()) {
                cleaned = true;
                costs.pteWriteProtects++;
                costs.tlbFlushes++;
            }
        }
        return cleaned;
    }

    /**
     * {@code clear_page_dirty_for_io}: with the page locked, moves PTE dirty bits to the page
     * ({@code page_mkclean}) and clears {@code PG_dirty}.
     *
     * @return whether the page was dirty
     */
    public boolean clearPageDirtyForIo(Page page) {
        if (!page.test(Page.PG_LOCKED)) {
            bug("clear_page_dirty_for_io on " + page + ", which is not locked");
        }
        if (pageMkclean(page)) {
            setPageDirty(page); // folio_mark_dirty: on a page with buffers, they are dirtied too
        }
        boolean dirty = page.test(Page.PG_DIRTY);
        page.clear(Page.PG_DIRTY);
        return dirty;
    }

    /** {@code set_memory_ro} on the page's direct-map entry (a kernel TLB flush). */
    public void setMemoryRo(Page page) {
        directMap.setMemoryRo(page);
        costs.setMemoryRo++;
        costs.tlbFlushes++;
    }

    /** {@code set_memory_rw} on the page's direct-map entry (a kernel TLB flush). */
    public void setMemoryRw(Page page) {
        directMap.setMemoryRw(page);
        costs.setMemoryRw++;
        costs.tlbFlushes++;
    }

    /**
     * A plain kernel store through the direct map (the filesystem's {@code memcpy} into a journal
     * buffer). On a read-only direct map it is an oops: no exception-table entry covers the store,
     * so the task dies where it stands, holding what it holds.
     *
     * @return whether the write happened
     */
    boolean kernelWrite(Actor self, Page page, int offset, int length, byte value) {
        if (directMap.readOnly(page)) {
            violate(Property.NO_OOPS, "oops: kernel write by " + self.name() + " to read-only direct map of "
                    + page + " (BUG: unable to handle page fault)");
            self.kill("oops in a kernel write to a read-only direct map");
            return false;
        }
        java.util.Arrays.fill(page.data(), offset, offset + length, value);
        costs.bytesWrittenByTasks += length;
        noteStore(page, offset, length);
        return true;
    }

    /**
     * {@code copy_from_user} into a page through the direct map. Unlike a plain store it cannot
     * oops: on a read-only direct map the #PF finds the copy instruction's exception-table entry
     * ({@code fixup_exception}) and the copy comes back short, here with nothing copied.
     *
     * @return whether the bytes were copied
     */
    boolean copyFromUser(Page page, int offset, int length, byte value) {
        if (directMap.readOnly(page)) {
            costs.faults++;
            return false;
        }
        java.util.Arrays.fill(page.data(), offset, offset + length, value);
        costs.bytesWrittenByTasks += length;
        noteStore(page, offset, length);
        return true;
    }

    // ---- coverage ------------------------------------------------------------------------------

    /** What this run exercised so far. */
    public Coverage coverage() {
        return coverage;
    }

    /**
     * Counts a writer's store that changed {@code length} bytes of {@code page} at {@code offset}, in
     * the window its bios are in now, and tells the content watcher what a writer wrote.
     */
    void noteStore(Page page, int offset, int length) {
        coverage.store(block.windowOf(page));
        if (watcher != null) {
            watcher.stored(page, offset, length);
        }
    }

    /** Counts a writer setting out to change {@code page}, in the window its bios are in now. */
    void noteStoreAttempt(Page page) {
        coverage.attempt(block.windowOf(page));
    }

    /**
     * {@code queue_work}: {@code body} runs later on the kworker, as its own schedulable step. Safe
     * from {@code bio_endio}: queueing never sleeps.
     */
    public void queueWork(String function, Page page, StepBody body) {
        workqueue.queue(Step.of(function, page, self -> StrategyException.call(() -> body.run(self))));
    }

    /**
     * Queues ready-made steps on the kworker, in order (each a work item of its own). They run as
     * they are: an exception from one is reported as kernel code's, not attributed to the strategy
     * (build them with {@link Steps#add} for that).
     */
    public void queueWork(List<Step> steps) {
        steps.forEach(workqueue::queue);
    }

    // ---- hooks ---------------------------------------------------------------------------------

    /** A silent step that, when reached, asks the strategy for its steps and runs them next. */
    Step hookPoint(String hook, BiConsumer<Actor, Steps> call) {
        return Step.silent(hook, self -> {
            Steps steps = new Steps(this);
            StrategyException.run(() -> call.accept(self, steps));
            self.pushFront(steps.list());
            return StepResult.DONE;
        });
    }

    /**
     * The strategy's part of {@code ->page_mkwrite}. Where it adds steps, a line of its own names the
     * hook in the trace first; a strategy with nothing to do there costs no step.
     */
    Step pageMkwriteHook(Page page) {
        return Step.silent("page_mkwrite", self -> {
            Steps steps = new Steps(this);
            StrategyException.run(() -> strategy.pageMkwrite(new PageHook(this, self, page), steps));
            if (!steps.list().isEmpty()) {
                List<Step> next = new ArrayList<>(steps.list().size() + 1);
                next.add(Step.of("->page_mkwrite", page, a -> {
                    if (a.tracing()) {
                        a.note("the filesystem's page_mkwrite dirtied the page; the strategy's " + steps.list().size()
                                + " step(s) follow");
                    }
                    return StepResult.DONE;
                }));
                next.addAll(steps.list());
                self.pushFront(next);
            }
            return StepResult.DONE;
        });
    }

    Step writeBeginHook(Page page) {
        return hookPoint("write_begin", (self, s) -> strategy.writeBegin(new PageHook(this, self, page), s));
    }

    Step journalGetWriteAccessHook(Page page) {
        return hookPoint("jbd2_journal_get_write_access",
                (self, s) -> strategy.journalGetWriteAccess(new PageHook(this, self, page), s));
    }

    // ---- block layer (BlockLayer) ---------------------------------------------------------------

    @Override
    public List<Step> resubmitSteps(BioCompletion completion, boolean regenerate) {
        return block.resubmitSteps(completion, regenerate);
    }

    @Override
    public void queueResubmit(BioCompletion completion, boolean regenerate) {
        queueWork(block.resubmitSteps(completion, regenerate));
    }

    @Override
    public void bioIntegrityGenerate(Bio bio) {
        block.bioIntegrityGenerate(bio);
    }

    @Override
    public void completeBio(Actor self, BioCompletion completion) {
        block.completeBio(self, completion);
    }

    /** Whether block {@code lba} of {@code media} verifies against its stored tuple. */
    public boolean verifyOnMedia(Media media, long lba) {
        return block.verifyOnMedia(media, lba);
    }
}
