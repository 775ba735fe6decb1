package dev.stablewrites.core.block;

import dev.stablewrites.core.state.NotState;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WorkSource;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * A disk with a queue of submitted bios, DMAing one integrity interval per step from memory as it
 * is <em>at that step</em>. A protection-information target verifies each tuple on receipt and
 * fails the bio at the first mismatch; the intervals received before it are already on the media.
 */
public final class Disk implements BlockDevice, WorkSource {
    private final Actor actor;
    private final Media media;
    private final Integrity integrity;
    private final int interval;
    private final Costs costs;
    private final ArrayDeque<Bio> queue = new ArrayDeque<>();
    private final BitSet injectedErrors = new BitSet();
    private final Step dmaStep;
    private Bio current;
    private int cursor;
    @NotState private long commands;
    @NotState private long completions;
    /** The sector after the last command's data, for telling a sequential command from a seek. */
    private long headSector = -1;
    @NotState private boolean currentSequential;
    private boolean lastOk;
    private boolean elevator;
    /** Whether the next interval received has a bit flipped on the wire (a fault). */
    private boolean wireFlipArmed;
    private byte[] wireBuffer;
    /** Synchronous reads (a filesystem's metadata), served before any queued write. */
    private final ArrayDeque<ReadRequest> reads = new ArrayDeque<>();
    private ReadRequest currentRead;
    private final Step readStep;
    private final Step idleWait;
    @NotState private long bytesRead;
    /** Commands the drive itself holds and reorders (NCQ); 1 is the host's order alone. */
    private int queueDepth = 1;
    private final java.util.List<Bio> dispatched = new java.util.ArrayList<>();
    /** Sectors between the head and where the command in progress starts; -1 before the first command. */
    @NotState private long currentDistance = -1;
    @NotState private long commandSector;
    @NotState private int commandBytes;
    @NotState private boolean commandIsRead;
    /** blk-mq's per-leg {@code bio_integrity_prep}, run when a command starts; null: the bio comes prepped. */
    private java.util.function.Function<Bio, String> integrityPrep;
    /** What that prep did, for the first DMA step's trace line. */
    @NotState private String prepNote;
    /**
     * CFQ's FIFO expiry on the queue of writes; null (explored runs): none. Timed runs only, which
     * are never fingerprinted: an explored disk has no clock to expire anything by.
     */
    @NotState private CfqFifo cfq;
    /** The think time of CFQ's sync-noidle service tree, where ext2's WRITE_SYNC metadata writes queue; with {@link #cfq}. */
    @NotState private CfqThinkTime noidleTree;
    /** CFQ's idle window on a task's WRITE_SYNC queue; with {@link #cfq}, unless {@code slice_idle} is 0. */
    @NotState private CfqIdleWindow idleWindow;
    /** {@code cfqd->last_position}: where the request dispatched last ends, in sectors. */
    @NotState private long lastPosition;
    /** The sync write that finished last, whose completion time is still to come ({@link #completedAt}); or null. */
    @NotState private Bio lastSyncFinished;
    /** WRITE_SYNC writes that waited for the drive's async writes to drain, and the latest of them. */
    @NotState private long drainWaits;
    @NotState private Bio lastDrained;
    /**
     * Timed runs with NCQ and a write cache: as a write's last byte arrives, when the drive completes
     * it (NaN: in this step); null (explored runs): always in this step. Never fingerprinted.
     */
    @NotState private java.util.function.DoubleSupplier completionAt;
    @NotState private HeldCompletions held;
    /** Whether a DMA step may be promised to commute ({@link #letDmaCommute}). */
    @NotState private boolean dmaCommutes;
    /** The command a DMA step was promised to commute in, checked when it ends; or null. */
    @NotState private DmaPromise promise;

    public Disk(Actor actor, Media media, Integrity integrity, int interval, Costs costs) {
        this.actor = actor;
        this.media = media;
        this.integrity = integrity;
        this.interval = interval;
        this.costs = costs;
        this.dmaStep = Step.of("dma", null, self -> dmaOneInterval(self));
        this.readStep = Step.of("dma (read)", null, self -> readAll(self));
        this.idleWait = Step.of("cfq idle window: nothing dispatched before idle_slice_timer", null,
                self -> StepResult.DONE);
        actor.setSource(this);
    }

    public Actor actor() {
        return actor;
    }

    public Media media() {
        return media;
    }

    /**
     * Lets the state-caching search take a DMA step first ({@link #nextStepCommutes}). For a single
     * disk in a run without faults only: there no step but the disk's own reads its media and its
     * command (a RAID1 completion compares both legs' media; a fault actor flips media bits and arms
     * wire flips).
     */
    public void letDmaCommute() {
        dmaCommutes = true;
    }

    /**
     * Yes for a DMA step, not the command's first (the dispatch, which takes the bio from the queue,
     * runs in the same step) nor its last, of an interval that arrives intact: it reads the interval's
     * bytes, the bio's segments and tuples and the disk's own command, and writes the media and the
     * command, which only the disk's own steps read. Other actors may read the bytes too, which
     * commutes; one that writes them races the device, and that is checked when the command ends
     * ({@link DmaPromise}): a write to a promised interval breaks the promise, and the search starts
     * again without it. The page may be the page cache's own, a user buffer, or a private copy (a
     * bounce page, jbd2's frozen copy), which no writer reaches. The last step completes the bio and a
     * failing one ends it, so both run {@code bi_end_io}, which others see.
     */
    @Override
    public boolean nextStepCommutes(Actor self) {
        if (!dmaCommutes || completionAt != null || self.nextStep() != dmaStep || current == null
                || (cursor + 1) * interval >= current.size()) {
            return false;
        }
        long lba = current.sector() / (interval / 512) + cursor;
        if (injectedErrors.get((int) lba) || wireFlipArmed
                || integrity.verifiedBy() == VerifiedBy.DEVICE && current.integrity() == null) {
            return false;
        }
        BioSegment at = BioSegment.at(current, cursor * interval);
        if (integrity.verifiedBy() == VerifiedBy.DEVICE && !integrity.verify(at.page().data(), at.pageOffset(),
                        interval, lba, current.integrity(), cursor * integrity.tupleSize())) {
            return false;
        }
        if (promise == null || !promise.of(current)) {
            promise = new DmaPromise(current, interval, integrity.tupleSize());
        }
        promise.promise(cursor, at);
        return true;
    }

    /**
     * Flips a bit of the next interval this disk receives on its way from memory (a fault on the
     * wire): memory keeps the right bytes, the disk verifies and stores the wrong ones.
     */
    public void armWireFlip() {
        wireFlipArmed = true;
    }

    /**
     * Generates the tuples of every bio that reaches this disk without them, when the disk takes it
     * from its queue to start the command: {@code bio_integrity_prep} in {@code blk_mq_submit_bio} of
     * an md member disk, which preps each leg's clone (RAID1 with {@code raid1-integrity=per-leg}).
     * A bio that already carries tuples is left as it is ("Already protected?" in
     * {@code bio_integrity_prep}). Linux runs it when md submits the clone, before it is queued;
     * the model puts it where the command starts, in the same step as the first interval's DMA, so
     * a store between the legs' commands reaches one leg's tuples and data alike.
     *
     * @param prep generates the bio's tuples and returns what it did, for the trace
     */
    public void setIntegrityPrep(java.util.function.Function<Bio, String> prep) {
        integrityPrep = prep;
    }

    /** Makes the next write that reaches block {@code lba} fail with an I/O error (fault injection). */
    public void injectWriteError(long lba) {
        injectedErrors.set((int) lba);
    }


    @Override
    public void submit(Bio bio) {
        if (noidleTree != null && noidle(bio)) {
            noidleTree.arrived(cfq.now()); // cfq_update_io_thinktime, as the request is queued
        }
        if (idleWindow != null) {
            idleArrival(bio);
        }
        if (cfq != null) {
            cfq.inserted(bio);
            if (bio.hasFlag(Bio.Flag.SYNC)) {
                cfq.preempted(); // cfq_should_preempt: a sync request ends the async queue's slice
            }
        }
        queue.addLast(bio);
    }

    /**
     * Gives the queue of writes CFQ's FIFO expiry ({@link CfqFifo}): at the start of each of the
     * queue's slices, its oldest write is dispatched ahead of the sweep's pick once its time has
     * passed. Needs the elevator (arrival order has nothing to expire). Timed runs only: the clock
     * says when "now" is.
     */
    public void setCfq(CfqFifo fifo) {
        cfq = fifo;
        CfqFifo.Tunables t = fifo.tunables();
        noidleTree = t.sliceIdleNs() > 0 ? new CfqThinkTime(t.sliceIdleNs(), 1e9 / t.hz()) : null;
        idleWindow = t.sliceIdleNs() > 0 ? new CfqIdleWindow(t.sliceIdleNs(), t.sliceSyncNs(), t.hz()) : null;
    }

    /**
     * {@code cfq_rq_enqueued} for the idle window ({@link CfqIdleWindow}): a sync request updates its
     * task's think time; while the timer is armed, the active task's own {@code WRITE_SYNC} request ends
     * the wait, and another task's, or any request within {@code CFQQ_CLOSE_THR} of the last one's end,
     * preempts the queue. A timer whose time has passed fired first ({@code cfq_idle_slice_timer}
     * expired the queue even with nothing queued to serve: it was still busy, on its service tree).
     * Another task's {@code WRITE_SYNC} request also preempts an active queue whose write is in
     * flight ({@code cfq_should_preempt}); the model needs no step for it: that queue's completion is
     * then not alone on its tree, or comes after the new queue was made active.
     */
    private void idleArrival(Bio bio) {
        if (idleWindow.idling() && cfq.now() >= idleWindow.timerAt()) {
            idleWindow.fire();
        }
        if (bio.hasFlag(Bio.Flag.SYNC) && bio.submitter() != null) {
            idleWindow.syncArrived(bio.submitter(), cfq.now());
        }
        if (idleWindow.idling()) {
            idleWindow.arrivedWhileIdling(bio.submitter(), noidle(bio),
                    Math.abs(bio.sector() - lastPosition) <= CfqIdleWindow.CLOSE_SECTORS);
        }
    }

    /** Whether a WRITE_SYNC write of {@code task} waits in the host queue. */
    private boolean queuedNoidleOf(Actor task) {
        for (Bio b : queue) {
            if (noidle(b) && b.submitter() == task) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code WRITE_SYNC} write ({@code REQ_SYNC | REQ_NOIDLE}): its task's sync queue has no idle
     * window and sits on the sync-noidle service tree. ext2's metadata writes are the timed runs' only
     * ones; O_DIRECT's {@code WRITE_ODIRECT} has no {@code REQ_NOIDLE} and is not one.
     */
    static boolean noidle(Bio bio) {
        return bio.origin() == Bio.Origin.METADATA && bio.hasFlag(Bio.Flag.SYNC);
    }

    /**
     * Lets the drive complete a write later than its last byte arrives while it goes on with its
     * other commands (NCQ with a write cache: a write hit waits for the older copy); the held
     * completions run on {@code interrupt}, which the caller adds to the run's actors.
     *
     * @param at as a write's last byte arrives, the simulated time it completes, or NaN for now
     */
    public HeldCompletions holdCompletions(Actor interrupt, java.util.function.DoubleSupplier at) {
        completionAt = at;
        held = new HeldCompletions(interrupt, this);
        return held;
    }

    /** The drive's held completions, or null when it completes every command in its last step. */
    public HeldCompletions heldCompletions() {
        return held;
    }

    /** A held write completes at {@code at}: CFQ counts it now ({@code cfq_completed_request} runs at the interrupt). */
    void heldCompleted(Bio bio, double at) {
        if (noidleTree != null && noidle(bio)) {
            noidleTree.completed(at);
        }
        if (cfq != null) {
            cfq.completed();
            cfq.completedAt(at);
        }
        syncCompleted(bio, at);
    }

    /**
     * {@code cfq_completed_request} of a sync write, for the idle window: its task's think time, and,
     * for the active {@code WRITE_SYNC} queue, its slice and {@code cfq_arm_slice_timer}.
     */
    private void syncCompleted(Bio bio, double at) {
        if (idleWindow == null || !bio.hasFlag(Bio.Flag.SYNC) || bio.submitter() == null) {
            return;
        }
        Actor task = bio.submitter();
        boolean queueIdles = noidle(bio) && task == idleWindow.active() && !queuedNoidleOf(task)
                && !inFlightNoidleOf(task) && aloneOnNoidleTree(task) && !noidleTree.big();
        idleWindow.completed(task, at, noidle(bio), busyQueues(), queueIdles);
    }

    /** Whether a WRITE_SYNC write of {@code task} is in the drive (taken, in progress, or its completion held). */
    private boolean inFlightNoidleOf(Actor task) {
        for (Bio b : dispatched) {
            if (noidle(b) && b.submitter() == task) {
                return true;
            }
        }
        if (current != null && noidle(current) && current.submitter() == task) {
            return true;
        }
        return held != null && held.holdsNoidleOf(task);
    }

    /** {@code service_tree->count == 1}: no other task's WRITE_SYNC write is queued. */
    private boolean aloneOnNoidleTree(Actor task) {
        for (Bio b : queue) {
            if (noidle(b) && b.submitter() != task) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code cfq_group_busy_queues_wl(BE)}: the queues on the service trees. The async queue when it
     * has writes queued, each task's sync queue with a write queued, and the active queue.
     */
    private long busyQueues() {
        boolean async = false;
        java.util.Set<Actor> tasks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Bio b : queue) {
            if (b.hasFlag(Bio.Flag.SYNC)) {
                tasks.add(b.submitter());
            } else {
                async = true;
            }
        }
        if (idleWindow.active() != null) {
            tasks.add(idleWindow.active());
        }
        return tasks.size() + (async ? 1 : 0);
    }

    /**
     * When a disk between commands whose only work waits for CFQ's idle timer can start: the timer's
     * time; else -infinity (it is busy, has work now, or none at all). The timed clock starts such a disk then.
     */
    public double idleTimerAt() {
        if (idleWindow == null || !idleWindow.idling() || !actor.idle() || current != null || currentRead != null
                || !dispatched.isEmpty() || !reads.isEmpty()) {
            return Double.NEGATIVE_INFINITY;
        }
        return idleWindow.timerAt();
    }

    /** CFQ idle timers armed on WRITE_SYNC queues so far. */
    public long idlesArmed() {
        return idleWindow == null ? 0 : idleWindow.armed();
    }

    /** CFQ idle timers that fired: nothing ended the wait, and what was queued meanwhile waited it out. */
    public long idlesExpired() {
        return idleWindow == null ? 0 : idleWindow.expired();
    }

    /**
     * NCQ tags the drive's commands hold: those it took and has not started, and held completions. A
     * queued read needs one too on SATA; the model serves reads ahead of the writes without counting
     * them (a timed run has a few metadata reads), which can put one command past the depth.
     */
    private int tagsInUse() {
        return dispatched.size() + (held == null ? 0 : held.size());
    }

    /**
     * Tells CFQ when the command that just finished completes (the timed clock prices the command
     * after its last step has run): the async slice's end counts from there. No CFQ: nothing.
     */
    public void completedAt(double nanos) {
        if (cfq != null) {
            cfq.completedAt(nanos);
        }
        if (lastSyncFinished != null) {
            if (noidleTree != null && noidle(lastSyncFinished)) {
                noidleTree.completed(nanos);
            }
            syncCompleted(lastSyncFinished, nanos);
            lastSyncFinished = null;
        }
    }

    @Override
    public java.util.List<Disk> legs() {
        return java.util.List.of(this);
    }

    /** Commands started so far: bios taken from the queue, resubmits included. */
    public long commands() {
        return commands;
    }

    /**
     * Serves the queue in sector order, sweeping up from the head and wrapping (C-LOOK: an
     * elevator's sorted order; CFQ's FIFO expiry comes with {@link #setCfq}), instead of in arrival order.
     * Off by default: an explored scenario has a bio or two in flight and their order is the
     * schedule's to choose. A linear scan: the queue holds at most nr_requests bios.
     */
    public void setElevator(boolean on) {
        elevator = on;
    }

    /**
     * Native Command Queuing: the host hands the drive up to {@code depth} commands (in its own
     * order), and the drive serves, among those, the one nearest the head (shortest seek first).
     * 1, the default, is a drive that takes one command at a time.
     */
    public void setQueueDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("queue depth " + depth + ": at least 1");
        }
        queueDepth = depth;
    }

    /**
     * Queues a synchronous read ({@code sb_bread} of a bitmap or an indirect block). It is served
     * before every queued write, as CFQ dispatches sync requests ahead of async writeback; the one
     * command already in progress finishes first. Its data is not modelled: {@code done} runs in
     * the disk's context when the bytes are in.
     */
    public void submitRead(ReadRequest read) {
        if (cfq != null) {
            cfq.preempted();
        }
        reads.addLast(read);
    }

    /** Bytes read so far by {@link #submitRead} commands. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Whether the latest command (in progress or just completed) is a read. */
    public boolean commandIsRead() {
        return commandIsRead;
    }

    /** Where the latest command starts, in sectors. */
    public long commandSector() {
        return commandSector;
    }

    /** The latest command's bytes. */
    public int commandBytes() {
        return commandBytes;
    }

    /** Sectors the head travels to start the command in progress; -1 for the first command of the run. */
    public long currentDistance() {
        return currentDistance;
    }

    /**
     * The next command the host hands over: sorted by sector (the elevator), unless CFQ's FIFO says
     * the oldest has waited too long, or in arrival order.
     */
    private Bio nextFromHost() {
        Bio next = pickFromHost();
        if (idleWindow != null) {
            lastPosition = next.sector() + next.size() / 512; // cfq_activate_request
            if (noidle(next)) {
                idleWindow.dispatchedNoidle(next.submitter());
            } else {
                idleWindow.dispatchedOther();
            }
        }
        return next;
    }

    private Bio pickFromHost() {
        if (!elevator) {
            Bio first = queue.pollFirst();
            if (cfq != null) {
                cfq.dispatched(first, queue.isEmpty());
            }
            return first;
        }
        if (cfq != null) {
            Bio sync = oldestSync();
            if (sync != null) {
                queue.remove(sync);
                cfq.dispatched(sync, queue.isEmpty());
                return sync;
            }
        }
        Bio expired = cfq == null ? null : cfq.expired(queue);
        Bio next = expired != null ? expired : nextBySector();
        if (expired != null) {
            queue.pollFirst(); // the oldest: the FIFO's head is the queue's
        }
        if (cfq != null) {
            cfq.dispatched(next, queue.isEmpty());
        }
        return next;
    }

    /**
     * CFQ's sync queues come before the async one: each task's sync writes (O_DIRECT's WRITE_ODIRECT)
     * go to its own queue, and the queues are served in the order they became busy. Each timed
     * O_DIRECT writer has one write in flight at a time, so that order is the writes' own: the oldest.
     */
    private Bio oldestSync() {
        for (Bio b : queue) {
            if (b.hasFlag(Bio.Flag.SYNC)) {
                return b;
            }
        }
        return null;
    }

    /** With NCQ, the drive's pick among what it holds: the command nearest the head. */
    private Bio nextForDrive() {
        // A held write keeps its tag until it completes; async writes wait while a sync one is in flight.
        while (tagsInUse() < queueDepth && !queue.isEmpty() && hostMayDispatch()) {
            dispatched.add(nextFromHost());
        }
        Bio best = null;
        for (Bio b : dispatched) {
            if (best == null || Math.abs(b.sector() - headSector) < Math.abs(best.sector() - headSector)) {
                best = b;
            }
        }
        dispatched.remove(best);
        return best;
    }

    private Bio nextBySector() {
        Bio best = null;
        Bio lowest = null;
        for (Bio b : queue) {
            if (b.sector() >= headSector && (best == null || b.sector() < best.sector())) {
                best = b;
            }
            if (lowest == null || b.sector() < lowest.sector()) {
                lowest = b;
            }
        }
        Bio next = best != null ? best : lowest;
        queue.remove(next);
        return next;
    }

    /** Commands finished so far, successfully or not. */
    public long completions() {
        return completions;
    }

    /** Whether the last command finished successfully (a failed one ends when its bad data arrives). */
    public boolean lastCompletedOk() {
        return lastOk;
    }

    /** Whether the command in progress starts where the previous one ended (no seek). */
    public boolean currentSequential() {
        return currentSequential;
    }

    /** Bios queued or in flight. */
    public int pending() {
        return queue.size() + tagsInUse() + (current == null ? 0 : 1);
    }

    @Override
    public boolean ready() {
        return current == null && currentRead == null && (!dispatched.isEmpty() || !reads.isEmpty()
                || (!queue.isEmpty() && tagsInUse() < queueDepth && mayDispatch()));
    }

    /**
     * Whether the host may hand the drive its next write now: not while CFQ's idle timer is armed
     * ({@code cfq_select_queue}: "timer_pending(&cfqd->idle_slice_timer)" keeps the queue and
     * dispatches nothing), and then as {@link #mayDispatch} says. {@link #ready} counts a disk whose
     * only work waits for the timer as ready; the timed clock starts it when the timer fires
     * ({@link #idleTimerAt}).
     */
    private boolean hostMayDispatch() {
        return (idleWindow == null || !idleWindow.idling()) && mayDispatch();
    }

    /**
     * Whether the host may hand the drive its next write: CFQ's {@code cfq_may_dispatch}
     * (block/cfq-iosched.c, 3.8), whose in-flight counts {@code rq_in_flight[]} run from a request's
     * dispatch to its completion (here: the drive holds it, started or not, or holds its completion).
     * Its two rules bind only where the drive holds several commands: with one at a time nothing else
     * is in flight when the next is picked.
     * <ul>
     *   <li>"If this is an async queue and we have sync IO in flight, let it wait".</li>
     *   <li>"Drain async requests before we start sync IO": a sync queue that {@code cfq_should_idle}
     *       waits while any async request is in flight. For a {@code WRITE_SYNC} queue that is when it
     *       is the only one on the sync-noidle service tree ({@link #shouldIdle}) and the tree's think
     *       time is not big ({@link CfqThinkTime}).</li>
     * </ul>
     */
    private boolean mayDispatch() {
        if (cfq == null) {
            return true;
        }
        Bio sync = oldestSync();
        int syncInFlight = 0;
        int asyncInFlight = 0;
        for (Bio b : dispatched) {
            if (b.hasFlag(Bio.Flag.SYNC)) {
                syncInFlight++;
            } else {
                asyncInFlight++;
            }
        }
        if (held != null) {
            int heldSync = held.syncHeld();
            syncInFlight += heldSync;
            asyncInFlight += held.size() - heldSync;
        }
        if (sync == null) {
            return syncInFlight == 0;
        }
        if (asyncInFlight == 0 || !shouldIdle(sync)) {
            return true;
        }
        if (sync != lastDrained) { // asked again each step while it waits: counted once
            lastDrained = sync;
            drainWaits++;
        }
        return false;
    }

    /** WRITE_SYNC writes that waited for the drive's async writes to drain ({@code cfq_may_dispatch}), so far. */
    public long drainWaits() {
        return drainWaits;
    }

    /**
     * {@code cfq_should_idle} for the queue of {@code sync}, the next sync write: alone on the
     * sync-noidle tree when no other {@code WRITE_SYNC} write is queued. A queue whose write is in
     * flight and has nothing queued does not count: when another queue's write arrives,
     * {@code cfq_should_preempt} ("new_cfqq->service_tree->count == 2 &&
     * RB_EMPTY_ROOT(&cfqq->sort_list)") or {@code cfq_select_queue} expires it and it leaves the tree.
     * O_DIRECT's writes sit on the other sync tree and never wait for a drain here.
     */
    private boolean shouldIdle(Bio sync) {
        if (noidleTree == null || !noidle(sync)) {
            return false;
        }
        for (Bio b : queue) {
            if (b != sync && noidle(b)) {
                return false; // another task's queue on the tree has a write waiting
            }
        }
        return !noidleTree.big();
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void loadNext(Actor self) {
        if (idleWindow != null && idleWindow.idling()) {
            if (cfq.now() >= idleWindow.timerAt()) {
                idleWindow.fire(); // cfq_idle_slice_timer: the timed clock starts a disk waiting on it then
            } else if (idleTimerAt() > Double.NEGATIVE_INFINITY) {
                // Loaded early, after end_io steps the clock priced as the last command's: nothing to dispatch
                // yet, so the disk waits; idle again, the clock starts it when the timer fires.
                self.pushFront(idleWait);
                return;
            }
        }
        commands++;
        if (!reads.isEmpty()) {
            currentRead = reads.pollFirst();
            commandIsRead = true;
            startAt(currentRead.sector(), currentRead.bytes());
            self.pushFront(readStep);
            return;
        }
        current = queueDepth > 1 ? nextForDrive() : nextFromHost();
        if (integrityPrep != null && current.integrity() == null) {
            String did = integrityPrep.apply(current);
            prepNote = self.tracing() ? did : null;
        }
        commandIsRead = false;
        cursor = 0;
        startAt(current.sector(), current.size());
        self.pushFront(dmaStep);
    }

    private void startAt(long sector, int bytes) {
        commandSector = sector;
        commandBytes = bytes;
        currentSequential = sector == headSector;
        currentDistance = headSector < 0 ? -1 : Math.abs(sector - headSector);
        headSector = sector + bytes / 512;
    }

    /** The whole read in one step: metadata is not modelled, only the time its bytes take. */
    private StepResult readAll(Actor self) {
        ReadRequest r = currentRead;
        currentRead = null;
        bytesRead += r.bytes();
        completions++;
        lastOk = true;
        if (self.tracing()) {
            self.note("sector " + r.sector() + ": " + r.bytes() + " bytes read (" + r.what() + ")");
        }
        r.done().run();
        return StepResult.DONE;
    }

    private StepResult dmaOneInterval(Actor self) {
        Bio bio = current;
        String prep = prepNote == null ? "" : prepNote + "; ";
        prepNote = null;
        long lba = bio.sector() / (interval / 512) + cursor;
        BioSegment at = BioSegment.at(bio, cursor * interval);
        Page page = at.page();
        int off = at.pageOffset();
        int tupleOff = cursor * integrity.tupleSize();
        if (injectedErrors.get((int) lba)) {
            injectedErrors.clear((int) lba);
            current.markFaultInjected();
            return fail(self, BlkStatus.IOERR, prep + "lba " + lba + ": injected media error");
        }
        costs.bytesTransferred += interval;
        byte[] received = page.data();
        int recvOff = off;
        String wire = "";
        if (wireFlipArmed) {
            // What arrives is a copy of the interval with one bit flipped; memory is untouched.
            wireFlipArmed = false;
            if (wireBuffer == null) {
                wireBuffer = new byte[interval];
            }
            System.arraycopy(page.data(), off, wireBuffer, 0, interval);
            wireBuffer[0] ^= 1;
            received = wireBuffer;
            recvOff = 0;
            bio.markFaultInjected();
            wire = "bit 0 of its first byte flipped on the wire (injected fault); ";
        }
        if (integrity.verifiedBy() == VerifiedBy.DEVICE) {
            costs.bytesChecksummed += interval;
            if (!integrity.verify(received, recvOff, interval, lba, bio.integrity(), tupleOff)) {
                return fail(self, BlkStatus.PROTECTION, self.tracing()
                        ? prep + "lba " + lba + " from " + page + "+" + off + ": " + wire + integrity.describeMismatch(
                                received, recvOff, interval, lba, bio.integrity(), tupleOff)
                        : null);
            }
        }
        media.write(lba, received, recvOff, bio.integrity(), tupleOff);
        media.noteWriter(lba, bio);
        cursor++;
        boolean last = cursor * interval == bio.size();
        if (self.tracing()) {
            self.note(prep + "lba " + lba + " from " + page + "+" + off + ": " + wire + "received"
                    + (integrity.verifiedBy() == VerifiedBy.DEVICE ? ", tuple verified" : "")
                    + (last ? "; last interval" : ""));
        }
        if (last) {
            return finish(self, BlkStatus.OK);
        }
        self.pushFront(dmaStep);
        return StepResult.DONE;
    }

    /** Stops the bio here: the intervals before it are on the media, the rest never arrive. */
    private StepResult fail(Actor self, BlkStatus status, String what) {
        if (status == BlkStatus.PROTECTION) {
            costs.protectionErrors++;
        }
        if (self.tracing()) {
            self.note(what + " -> " + status.kernelName());
        }
        return finish(self, status);
    }

    private StepResult finish(Actor self, BlkStatus status) {
        Bio bio = current;
        if (promise != null && promise.of(bio)) {
            String broken = promise.broken();
            promise = null;
            if (broken != null) {
                throw new Scheduler.CommutationBroken("a DMA step of " + bio + " was taken first as commuting, but "
                        + broken + " before its command ended");
            }
        }
        current = null;
        completions++;
        lastOk = status == BlkStatus.OK;
        bio.setStatus(status);
        if (lastOk && completionAt != null) {
            double at = completionAt.getAsDouble();
            if (!Double.isNaN(at)) {
                held.hold(bio, at); // CFQ hears of it when it completes (heldCompleted)
                if (self.tracing()) {
                    self.note("the drive holds the completion: an older copy of its sectors, or room in its cache, first");
                }
                return StepResult.DONE;
            }
        }
        if (cfq != null) {
            cfq.completed();
            lastSyncFinished = bio.hasFlag(Bio.Flag.SYNC) ? bio : null; // its time comes with completedAt
        }
        bio.endIo().endIo(bio, self);
        return StepResult.DONE;
    }
}
