package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.EndIo;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WaitQueue;
import dev.stablewrites.core.state.NotState;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.StrategyException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The block layer ({@code block/blk-core.c}, {@code block/bio-integrity.c}): {@code submit_bio} with
 * the strategy's {@code bio_integrity_prep} steps and the tuples generated from memory as it is
 * then, {@code get_request} when {@code nr_requests} is set, {@code bio_endio} with the strategy's
 * hook in the device's interrupt context, resubmits and completions of bios a strategy took over,
 * and which bios are in flight (a store's window).
 */
final class BlockLayer {
    private final Kernel k;
    private Boolean bounces;
    /**
     * Bios between {@code submit_bio} and {@code bio_endio}, each with the pfns it carries (a bounce
     * copy counts as its original), for a store's window.
     */
    private final Map<Bio, int[]> inFlight = new LinkedHashMap<>(4); // Bio: identity equality
    /** Per pfn, how many in-flight bios carry it: a store's window is one array read, however many bios fly. */
    private int[] inFlightCount = new int[8];
    /** Pages a completed bio carried: only which window a store counts in for coverage, which is not state. */
    @NotState private final BitSet completedPfns = new BitSet();
    /** Where a submitter sleeps for a free request ({@code get_request}) when the queue is full. */
    private final WaitQueue requestWait = new WaitQueue("a free request of the queue");
    private int nrRequests;
    /**
     * Whether RAID1 legs generate their own tuples ({@code raid1-integrity=per-leg}): then
     * {@code submit_bio} of the md master generates none, as md, a bio-based driver, never runs
     * {@code blk_mq_submit_bio} where blk-mq calls {@code bio_integrity_prep}.
     */
    private boolean perLegIntegrity;

    BlockLayer(Kernel k) {
        this.k = k;
    }

    /** Whether the strategy implements {@code blkQueueBounce}; asked once (the strategy is set after this). */
    private boolean strategyBounces() {
        if (bounces == null) {
            try {
                bounces = k.strategy().getClass().getMethod("blkQueueBounce", BioHook.class, Steps.class)
                        .getDeclaringClass() != dev.stablewrites.core.strategy.Strategy.class;
            } catch (NoSuchMethodException e) {
                bounces = true;
            }
        }
        return bounces;
    }

    void setNrRequests(int n) {
        nrRequests = n;
    }

    /**
     * Makes each RAID1 leg generate its clone's tuples when its disk starts the command, and the
     * master's {@code submit_bio} generate none (blk-mq's md; see {@code Raid1Integrity.PER_LEG}).
     */
    void generateIntegrityPerLeg() {
        perLegIntegrity = true;
        for (Disk leg : k.device().legs()) {
            leg.setIntegrityPrep(this::legIntegrityPrep);
        }
    }

    /** {@code bio_integrity_prep} of a leg's clone in its disk's {@code blk_mq_submit_bio}: a checksum point. */
    private String legIntegrityPrep(Bio clone) {
        bioIntegrityGenerate(clone);
        checksummed(clone);
        return "blk_mq_submit_bio: bio_integrity_prep: " + clone.size() / k.interval()
                + " tuple(s) for this leg from the bytes in memory now";
    }

    /** Generates the tuples {@code submit_bio} owes a bio, unless the RAID1 legs generate their own. */
    private void prepAtSubmit(Bio bio) {
        if (perLegIntegrity) {
            return;
        }
        bioIntegrityGenerate(bio);
        checksummed(bio);
    }

    boolean anyInFlight() {
        return !inFlight.isEmpty();
    }

    List<Bio> inFlightBios() {
        return List.copyOf(inFlight.keySet());
    }

    StoreWindow windowOf(Page page) {
        int pfn = page.pfn();
        if (pfn < inFlightCount.length && inFlightCount[pfn] > 0) {
            return StoreWindow.PREP_TO_COMPLETION;
        }
        return completedPfns.get(pfn) ? StoreWindow.AFTER_COMPLETION : StoreWindow.BEFORE_PREP;
    }

    /** A bio leaves for the device: each page it writes, directly or through a bounce copy, is in flight. */
    private void bioInFlight(Bio bio) {
        int[] pfns = new int[bio.vecs().size()];
        for (int i = 0; i < pfns.length; i++) {
            pfns[i] = originalPfn(bio.vecs().get(i).page());
            if (pfns[i] >= inFlightCount.length) {
                inFlightCount = java.util.Arrays.copyOf(inFlightCount, Math.max(pfns[i] + 1, inFlightCount.length * 2));
            }
            inFlightCount[pfns[i]]++;
        }
        inFlight.put(bio, pfns);
    }

    private void bioCompleted(Bio bio) {
        int[] pfns = inFlight.remove(bio);
        if (pfns == null) {
            return;
        }
        requestWait.wakeOne();
        for (int pfn : pfns) {
            inFlightCount[pfn]--;
            completedPfns.set(pfn);
        }
    }

    /** The page a bio's segment writes: itself, or the page a bounce copy was made of. */
    private static int originalPfn(Page p) {
        return p.owner() instanceof PageOwner.Bounce b ? b.forPfn() : p.pfn();
    }

    /**
     * The steps of {@code submit_bio} for a bio whose submitter set its completion: the strategy's
     * {@code bio_integrity_prep} steps, then the tuples generated from the bytes in memory
     * <em>now</em> and the bio queued to the device, in one step.
     */
    List<Step> submitBioSteps(Bio bio, OwnerEndIo ownerEndIo) {
        bio.setEndIo(new BlockLayerEndIo(ownerEndIo));
        Step prep = k.hookPoint("bio_integrity_prep", (self, s) -> k.strategy().bioIntegrityPrep(new BioHook(k, self, bio), s));
        if (nrRequests > 0) {
            return List.of(prep, Step.of("submit_bio", firstPage(bio), self -> {
                bio.setSubmitter(self);
                prepAtSubmit(bio);
                return StepResult.DONE;
            }), Step.of("get_request", firstPage(bio), self -> {
                if (inFlight.size() >= nrRequests) {
                    return requestWait.sleep(self);
                }
                queue(bio);
                return StepResult.DONE;
            }));
        }
        return List.of(prep,
                Step.of("submit_bio", firstPage(bio), self -> {
                    bio.setSubmitter(self);
                    prepAtSubmit(bio);
                    List<Step> bounce = blkQueueBounce(self, bio);
                    if (!bounce.isEmpty()) {
                        // 3.9's order: the tuples are made; the make_request_fn's bounce comes next, then the queue.
                        bioInFlight(bio);
                        List<Step> next = new ArrayList<>(bounce);
                        next.add(Step.of("blk_queue_bio", firstPage(bio), a -> {
                            queueInFlight(bio);
                            return StepResult.DONE;
                        }));
                        self.pushFront(next);
                        if (self.tracing()) {
                            self.note("bio_integrity_prep: " + bio.size() / k.interval()
                                    + " tuple(s) from the bytes in memory now; then blk_queue_bounce");
                        }
                        return StepResult.DONE;
                    }
                    queue(bio);
                    if (self.tracing()) {
                        self.note(perLegIntegrity
                                ? "no tuples for the md master: each RAID1 leg generates its own (blk-mq); queued"
                                : "bio_integrity_prep: " + bio.size() / k.interval()
                                        + " tuple(s) from the bytes in memory now; queued");
                    }
                    return StepResult.DONE;
                }));
    }

    /**
     * The strategy's {@code blk_queue_bounce} steps, asked for in the step that made the tuples: a
     * strategy that adds none costs no step, so schedules stay as they were.
     */
    private List<Step> blkQueueBounce(Actor self, Bio bio) {
        if (!strategyBounces()) {
            return List.of(); // most strategies: no hook object per submit on the timed mode's hot path
        }
        Steps steps = new Steps(k);
        StrategyException.run(() -> k.strategy().blkQueueBounce(new BioHook(k, self, bio), steps));
        return steps.list();
    }

    private void checksummed(Bio bio) {
        if (k.watcher() != null) {
            k.watcher().checksummed(bio);
        }
    }

    private void queue(Bio bio) {
        bioInFlight(bio);
        queueInFlight(bio);
    }

    /** Hands a bio already counted in flight to the device. */
    private void queueInFlight(Bio bio) {
        k.costs().bytesSubmitted += bio.size();
        k.device().submit(bio);
    }

    /**
     * The steps that resubmit a completed bio the strategy {@linkplain BioCompletion#takeOver took
     * over}. Its status is reset; its tuples are regenerated only if {@code regenerate}. Its next
     * completion passes through {@code bio_endio}, and the strategy's hook, again.
     *
     * <p>Run them from the kworker ({@link #queueWork}), not from {@code bio_endio} itself:
     * {@code submit_bio} may sleep (a request tag, {@code bio_integrity_prep}'s allocation), so in
     * the device's interrupt context it is "scheduling while atomic".
     */
    List<Step> resubmitSteps(BioCompletion completion, boolean regenerate) {
        completion.dispose("resubmit");
        Bio bio = completion.bio();
        return List.of(Step.of("submit_bio", firstPage(bio), self -> {
            if (self.atomicContext()) {
                k.schedulingWhileAtomic(self, "submit_bio of a resubmitted bio");
                return StepResult.DONE;
            }
            bio.setStatus(BlkStatus.OK);
            bio.countResubmit();
            k.costs().resubmits++;
            k.costs().maxResubmitsOfOneBio = Math.max(k.costs().maxResubmitsOfOneBio, bio.resubmits());
            if (regenerate) {
                bioIntegrityGenerate(bio);
            }
            queue(bio);
            if (self.tracing()) {
                self.note("resubmit #" + bio.resubmits() + (regenerate ? ", tuples regenerated from the bytes in memory now" : ""));
            }
            return StepResult.DONE;
        }));
    }

    /** Generates one tuple per k.interval() from the bytes the bio's pages hold now. */
    void bioIntegrityGenerate(Bio bio) {
        int ts = k.integrity().tupleSize();
        byte[] tuples = new byte[Math.max(ts, 1) * (bio.size() / k.interval())];
        long lba = bio.sector() / (k.interval() / 512);
        int t = 0;
        for (BioVec v : bio.vecs()) {
            for (int off = 0; off < v.length(); off += k.interval()) {
                k.integrity().generate(v.page().data(), v.offset() + off, k.interval(), lba + t, tuples, t * ts);
                t++;
            }
        }
        if (k.integrity() != Integrity.NONE) {
            k.costs().bytesChecksummed += bio.size();
            k.costs().bytesChecksummedByCpu += bio.size();
        }
        bio.setIntegrity(tuples);
    }

    private static Page firstPage(Bio bio) {
        return bio.vecs().isEmpty() ? null : bio.vecs().get(0).page();
    }

    /** The submitter's completion, run in the completing device's context. */
    @FunctionalInterface
    interface OwnerEndIo {
        List<Step> endIo(Bio bio);
    }

    /**
     * {@code bio_endio} as the block layer runs it: the strategy's hook, then the submitter's own
     * completion, which {@link #completeBio} can also reach directly for a bio taken over.
     */
    private final class BlockLayerEndIo implements EndIo {
        private final OwnerEndIo owner;

        BlockLayerEndIo(OwnerEndIo owner) {
            this.owner = owner;
        }

        @Override
        public void endIo(Bio bio, Actor irq) {
            irq.pushFront(bioEndioStep(bio, owner));
        }
    }

    private Step bioEndioStep(Bio bio, OwnerEndIo ownerEndIo) {
        return Step.of("bio_endio", firstPage(bio), self -> {
            bioCompleted(bio);
            if (self.tracing()) {
                self.note(bio + " " + bio.status().kernelName());
            }
            if (bio.status() == BlkStatus.OK) {
                checkWhatAReadWouldSee(bio);
                if (k.watcher() != null) {
                    k.watcher().completed(bio);
                }
            }
            BioCompletion completion = new BioCompletion(k, self, bio);
            Steps steps = new Steps(k);
            StrategyException.run(() -> k.strategy().bioEndIo(completion, steps));
            List<Step> next = new ArrayList<>(steps.list());
            if (!completion.takenOver()) {
                // Decided when the strategy's last step has run: one of them may still take the bio over.
                // A bio taken over at the hook gets no such step, which would be a choice with nothing to show.
                next.add(Step.silent("end_io", irq -> {
                    if (!completion.takenOver()) {
                        irq.pushFront(ownerEndIo.endIo(bio));
                    }
                    return StepResult.DONE;
                }));
            }
            self.pushFront(next);
            return StepResult.DONE;
        });
    }

    /**
     * Ends a bio a strategy took over: the submitter's completion ({@code bi_end_io}) runs next in
     * {@code self}'s context. The block layer's part, the {@code bio_endio} hook included, already
     * ran when the device completed it, so it does not run again.
     */
    void completeBio(Actor self, BioCompletion completion) {
        completion.dispose("completeBio");
        Bio bio = completion.bio();
        if (!(bio.endIo() instanceof BlockLayerEndIo blockLayer)) {
            throw new IllegalStateException(bio + " was not submitted through submit_bio");
        }
        self.pushFront(blockLayer.owner.endIo(bio));
    }

    /**
     * What a read issued right after this write completed would see: a block whose checksum is
     * verified at read time (the filesystem's) must verify, and RAID1 legs must agree. A later
     * rewrite may repair the block, but until then the data is unreadable or ambiguous.
     */
    private void checkWhatAReadWouldSee(Bio bio) {
        List<Disk> legs = k.device().legs();
        long lba = bio.sector() / (k.interval() / 512);
        int blocks = bio.size() / k.interval();
        if (k.integrity().verifiedBy() == VerifiedBy.READ) {
            for (Disk leg : legs) {
                for (int b = 0; b < blocks; b++) {
                    if (!verifyOnMedia(leg.media(), lba + b)) {
                        k.violate(Property.READABLE, "lba " + (lba + b) + " on " + leg.actor().name()
                                + " fails its " + k.integrity().id() + " checksum on read after a successful write");
                        break;
                    }
                }
            }
        }
        if (legs.size() == 2) {
            Media left = legs.get(0).media();
            Media right = legs.get(1).media();
            for (int b = 0; b < blocks; b++) {
                int off = left.dataOffset(lba + b);
                if (!java.util.Arrays.equals(left.data(), off, off + k.interval(), right.data(), off, off + k.interval())) {
                    k.violate(Property.MIRRORS_AGREE, "lba " + (lba + b) + " differs between the RAID1 legs after "
                            + "a successful write");
                    break;
                }
            }
        }
    }

    /** Whether block {@code lba} of {@code media} verifies against its stored tuple. */
    boolean verifyOnMedia(Media media, long lba) {
        return k.integrity().verify(media.data(), media.dataOffset(lba), k.interval(), lba, media.tuples(),
                media.tupleOffset(lba));
    }
}
