package dev.stablewrites.core.sched;

import dev.stablewrites.core.state.NotState;

import java.util.ArrayDeque;

/**
 * A thread of the simulated system — a user thread, the fsync caller, a device, a kworker — as a
 * state machine: a program of pending steps, refilled operation by operation from its
 * {@link WorkSource}. Only the scheduler runs steps, one at a time.
 */
public final class Actor {
    /** What an actor is, for stall accounting and for deciding when a run has finished. */
    public enum Kind {
        /** A user or kernel thread that changes data (its sleeps count as writer stalls). */
        WRITER,
        /** A thread that writes data out and reports errors (fsync, O_DIRECT issuer, jbd2 commit). */
        SYNCER,
        /** The final quiesce: starts only when every writer and syncer is finished. */
        QUIESCE,
        /** A device or workqueue: runs when it has work; never counts as unfinished. */
        DAEMON
    }

    private final char id;
    @NotState private final String name;
    private final Kind kind;
    private final ArrayDeque<Step> program = new ArrayDeque<>();
    private WorkSource source = WorkSource.NONE;
    private WaitQueue sleepingOn;
    private boolean dead;
    private String deathCause;
    @NotState private boolean tracing;
    private boolean yielded;
    private java.util.function.Consumer<String> atomicSleep;
    @NotState private String note;

    public Actor(char id, String name, Kind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }

    public char id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public void setSource(WorkSource source) {
        this.source = source;
    }

    /** Pushes steps so that {@code steps[0]} runs next, before anything already pending. */
    public void pushFront(Step... steps) {
        for (int i = steps.length - 1; i >= 0; i--) {
            program.addFirst(steps[i]);
        }
    }

    /** Pushes a list of steps so that its first element runs next. */
    public void pushFront(java.util.List<Step> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            program.addFirst(steps.get(i));
        }
    }

    /** Appends a step after everything pending (used by work sources building an operation). */
    public void append(Step step) {
        program.addLast(step);
    }

    /**
     * Whether this actor's next step commutes with every step of every other actor
     * ({@link WorkSource#nextStepCommutes}): asked by the state-caching search alone.
     */
    public boolean nextStepCommutes() {
        return !dead && sleepingOn == null && !program.isEmpty() && source.nextStepCommutes(this);
    }

    /** The step this actor runs next, or null when it has none pending. */
    public Step nextStep() {
        return program.peekFirst();
    }

    ArrayDeque<Step> program() {
        return program;
    }

    WorkSource source() {
        return source;
    }

    void sleepOn(WaitQueue queue) {
        sleepingOn = queue;
    }

    void wake() {
        sleepingOn = null;
    }

    /** The wait queue this actor sleeps on, or null when awake. */
    public WaitQueue sleepingOn() {
        return sleepingOn;
    }

    /**
     * Kills the actor, as an oops kills the task: it runs no further step and any lock it holds
     * stays held.
     */
    public void kill(String cause) {
        dead = true;
        deathCause = cause;
        program.clear();
        source = WorkSource.NONE;
    }

    public boolean dead() {
        return dead;
    }

    public String deathCause() {
        return deathCause;
    }

    /**
     * Gives up the CPU at the end of this step ({@code cond_resched} in a retry loop): the default
     * rule then lets another runnable actor go first, so a loop waiting for someone else's step does
     * not spin the rest of a run away. Choices in a schedule are not affected.
     */
    public void yieldCpu() {
        yielded = true;
    }

    /** Whether the actor's latest step gave up the CPU. */
    public boolean yielded() {
        return yielded;
    }

    void clearYield() {
        yielded = false;
    }

    /**
     * Marks this actor as running in atomic context (a device's completion interrupt), where
     * {@code bi_end_io} and everything it calls must not sleep. Any sleep it attempts, on any wait
     * queue, goes to {@code onSleep} (told what it would sleep on) instead of sleeping.
     */
    public void markAtomicContext(java.util.function.Consumer<String> onSleep) {
        atomicSleep = onSleep;
    }

    /** Whether this actor must never sleep. */
    public boolean atomicContext() {
        return atomicSleep != null;
    }

    /** A sleep attempted in atomic context: reported, and the step ends without sleeping. */
    StepResult sleepInAtomicContext(WaitQueue queue) {
        if (tracing) {
            note("BUG: scheduling while atomic, would sleep on " + queue.name());
        }
        atomicSleep.accept("sleep on " + queue.name());
        return StepResult.DONE;
    }

    /** Whether the actor has no step pending: its current operation, if any, is over. */
    public boolean idle() {
        return program.isEmpty();
    }

    /** Whether the scheduler may pick this actor now. */
    public boolean runnable() {
        return !dead && sleepingOn == null && (!program.isEmpty() || source.ready());
    }

    /** Whether this actor will never run again. */
    public boolean finished() {
        return dead || (sleepingOn == null && program.isEmpty() && source.exhausted());
    }

    /** Whether steps should describe what they did; off while exploring, so nothing is formatted. */
    public boolean tracing() {
        return tracing;
    }

    public void setTracing(boolean tracing) {
        this.tracing = tracing;
    }

    /** Records what the current step did, for the trace; call only when {@link #tracing()}. */
    public void note(String text) {
        note = text;
    }

    /** Returns and clears the current step's note. */
    public String takeNote() {
        String n = note;
        note = null;
        return n;
    }

    @Override
    public String toString() {
        return id + " (" + name + ")";
    }
}
