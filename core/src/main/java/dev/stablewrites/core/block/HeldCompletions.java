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
    private final PriorityQueue<Held> held = new PriorityQueue<>((x, y) -> x.at() != y.at()
            ? Double.compare(x.at(), y.at()) : Long.compare(x.order(), y.order()));
    private long holds;
    private final Step complete = Step.of("bio_endio (held by the drive)", null, this::completeNext);

    HeldCompletions(Actor actor) {
        this.actor = actor;
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

    private StepResult completeNext(Actor self) {
        Bio bio = held.poll().bio();
        if (self.tracing()) {
            self.note("the drive completes a write it held");
        }
        bio.endIo().endIo(bio, self);
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
