package dev.stablewrites.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel wait queue: actors sleep on it and a wake-up makes all of them runnable again, each
 * retrying the step that slept (as the kernel's wait loops re-test their condition).
 */
public final class WaitQueue {
    private final String what;
    private final Object of;
    private final boolean pageWriteback;
    private final boolean pageLock;
    private String name;
    private final List<Actor> sleepers = new ArrayList<>(2);

    /** @param name what is waited for, shown in deadlock reports (e.g. "PG_writeback of page 0") */
    public WaitQueue(String name) {
        this(name, null);
        this.name = name;
    }

    /**
     * A queue named "{@code what} of {@code of}", the name made only when a report asks for it:
     * every page has two queues, and most runs never name either.
     *
     * @param of an immutable value (its {@code toString()} must not change)
     */
    public WaitQueue(String what, Object of) {
        this.what = what;
        this.of = of;
        // Asked for every sleeping writer at every step: decided once here.
        this.pageWriteback = "PG_writeback".equals(what);
        this.pageLock = "PG_locked".equals(what);
    }

    /**
     * Puts {@code actor} to sleep on this queue; the caller returns what this returns:
     * {@link StepResult#SLEEP}, or {@link StepResult#DONE} when the actor may not sleep (atomic
     * context) and the attempt was reported instead.
     */
    public StepResult sleep(Actor actor) {
        if (actor.atomicContext()) {
            return actor.sleepInAtomicContext(this);
        }
        sleepers.add(actor);
        actor.sleepOn(this);
        return StepResult.SLEEP;
    }

    /** Wakes every sleeper ({@code wake_up_all}). */
    public void wakeAll() {
        for (int i = 0; i < sleepers.size(); i++) {
            sleepers.get(i).wake();
        }
        sleepers.clear();
    }

    /**
     * Wakes the sleeper that has waited longest ({@code wake_up} on an exclusive wait, as
     * {@code get_request}'s): one freed resource, one task woken, no thundering herd.
     */
    public void wakeOne() {
        if (!sleepers.isEmpty()) {
            sleepers.remove(0).wake();
        }
    }

    /** Whether this is a page's {@code PG_writeback} queue (for the writer-stall split of the costs). */
    public boolean isPageWriteback() {
        return pageWriteback;
    }

    /** Whether this is a page's {@code PG_locked} queue. */
    public boolean isPageLock() {
        return pageLock;
    }

    /** Whether anyone sleeps here. */
    public boolean hasSleepers() {
        return !sleepers.isEmpty();
    }

    /** What is waited for. */
    public String name() {
        if (name == null) {
            name = what + " of " + of;
        }
        return name;
    }

    @Override
    public String toString() {
        return name();
    }
}
