package dev.stablewrites.core.block;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WorkSource;
import java.util.PriorityQueue;

/**
 * The completions an NCQ drive with its write cache on gives later than the step its data arrived
 * in: a write to sectors the cache still holds is accepted only once that older copy is on the
 * media (and any write only once the cache has room for it), and meanwhile the drive goes on with its
 * other queued commands (Intel and Seagate,
 * "Serial ATA Native Command Queuing", 2003: each command completes on its own, in any order).
 * Without this the disk's one actor would sit out the wait, and every command behind it with it.
 *
 * <p>Timed runs only: the timed clock says, as a write's last byte arrives, when the drive completes
 * it ({@link Disk#holdCompletions}). Each held bio then completes ({@code bio_endio}) in a step of
 * this source's own actor, the drive's completion interrupt, at its time, earliest first; until
 * then its pages stay under writeback and its request stays taken.
 */
public final class HeldCompletions implements WorkSource {
    private record Held(Bio bio, double at, long order) {
    }

    private final Actor actor;
    private final Disk disk;
    private final PriorityQueue<Held> held = new PriorityQueue<>((x, y) -> x.at() != y.at()
            ? Double.compare(x.at(), y.at()) : Long.compare(x.order(), y.order()));
    private long holds;
    private long completed;
    private double lastDue = Double.NaN;
    private final Step complete = Step.of("bio_endio (held by the drive)", null, this::completeNext);
    /**
     * Ends each completion's chain with a visible step, so the scheduler never loads the next held
     * completion in the same turn as a chain whose last step is silent, before its time. Being visible
     * it is priced as one more interrupt step (50 ns by default), the handler's exit.
     */
    private final Step irqExit = Step.of("irq_exit", null, self -> StepResult.DONE);

    HeldCompletions(Actor actor, Disk disk) {
        this.actor = actor;
        this.disk = disk;
        actor.setSource(this);
    }

    /** The drive's completion interrupt for held writes. */
    public Actor actor() {
        return actor;
    }

    /** Holds {@code bio}, whose status is set, until simulated time {@code at}. */
    void hold(Bio bio, double at) {
        held.add(new Held(bio, at, holds++));
    }

    /** When the earliest held bio completes; +infinity when none is held. */
    public double nextAt() {
        return held.isEmpty() ? Double.POSITIVE_INFINITY : held.peek().at();
    }

    /** Bios held so far. */
    public long holds() {
        return holds;
    }

    /** Held bios completed so far. */
    public long completed() {
        return completed;
    }

    /** When the held bio completed last was due; NaN before the first. */
    public double lastDue() {
        return lastDue;
    }

    /** Bios held now: each keeps its NCQ tag until it completes. */
    int size() {
        return held.size();
    }

    /** How many held bios are sync requests: CFQ counts each in flight until it completes. */
    int syncHeld() {
        int n = 0;
        for (Held h : held) {
            if (h.bio().hasFlag(Bio.Flag.SYNC)) {
                n++;
            }
        }
        return n;
    }

    /** Whether a held write is a {@code WRITE_SYNC} write of {@code task}. */
    boolean holdsNoidleOf(Actor task) {
        for (Held h : held) {
            Bio b = h.bio();
            if (Disk.noidle(b) && b.submitter() == task) {
                return true;
            }
        }
        return false;
    }

    private StepResult completeNext(Actor self) {
        Held h = held.poll();
        completed++;
        lastDue = h.at();
        if (self.tracing()) {
            self.note("the drive completes a write it held");
        }
        disk.heldCompleted(h.bio(), h.at());
        self.pushFront(irqExit);
        h.bio().endIo().endIo(h.bio(), self);
        return StepResult.DONE;
    }

    @Override
    public boolean ready() {
        return !held.isEmpty();
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void loadNext(Actor a) {
        a.pushFront(complete);
    }
}
