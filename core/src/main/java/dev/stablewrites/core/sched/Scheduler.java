package dev.stablewrites.core.sched;

import dev.stablewrites.core.footprint.FootprintRecorder;
import java.util.List;

/**
 * Steps actors one atomic step at a time, as the {@link Chooser} decides, until no actor is
 * runnable or the step budget is spent. No threads and no clock: the same actors and choices
 * always give the same run.
 */
public final class Scheduler {
    /** Told about every visible step, after it ran. */
    public interface Listener {
        void stepped(int stepNo, Actor actor, Step step, StepResult result);
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every writer, syncer and the quiesce finished and no daemon has work left. */
        COMPLETED,
        /** Some actor is unfinished and none is runnable. */
        DEADLOCK,
        /** The step budget ran out. */
        BUDGET_EXHAUSTED,
        /** The chooser ended the run ({@link Chooser#STOP}): a search cut it short, nothing is judged. */
        STOPPED
    }

    /** A hook kept adding silent steps: a loop with no end that the step budget cannot see. */
    public static final class SilentLoopException extends IllegalStateException {
        SilentLoopException(String message) {
            super(message);
        }
    }

    /**
     * The chooser, the harness's code inside a run, failed: a bug of the harness, never of the
     * strategy or the run, so it is not turned into a property violation.
     */
    public static final class ChooserFailure extends RuntimeException {
        ChooserFailure(Throwable cause) {
            super("the scheduling chooser failed: " + cause, cause);
        }
    }

    /**
     * A step promised to commute with every other actor's ({@link WorkSource#nextStepCommutes}) did
     * not: what it read was changed by another actor before its work was done. The search that relied
     * on the promise is not sound for this run's strategy and must search again without it. Like
     * {@link ChooserFailure} it is never a property violation of the run.
     */
    public static final class CommutationBroken extends RuntimeException {
        public CommutationBroken(String message) {
            super(message);
        }
    }

    /** More silent steps than this inside one visible step is a hook that never yields. */
    static final int SILENT_STEP_LIMIT = 100_000;

    private final Actor[] actors;
    private final Actor[] runnable;
    private final StringBuilder taken = new StringBuilder(64);
    private int steps;
    private long writerStallSteps;
    private long writerWritebackStallSteps;
    private boolean recordTaken = true;
    private Actor lastActor;

    public Scheduler(List<Actor> actors) {
        this.actors = actors.toArray(new Actor[0]);
        java.util.Arrays.sort(this.actors, (a, b) -> Character.compare(a.id(), b.id()));
        for (int i = 1; i < this.actors.length; i++) {
            if (this.actors[i].id() == this.actors[i - 1].id()) {
                throw new IllegalArgumentException("two actors share the id " + this.actors[i].id());
            }
        }
        this.runnable = new Actor[this.actors.length];
    }

    /** Runs to the end, to a deadlock, or until {@code budget} steps have been taken. */
    public Outcome run(Chooser chooser, int budget, Listener listener) {
        Actor previous = null;
        while (true) {
            int n = collectRunnable();
            if (n == 0) {
                return anyUnfinished() ? Outcome.DEADLOCK : Outcome.COMPLETED;
            }
            if (steps >= budget) {
                return Outcome.BUDGET_EXHAUSTED;
            }
            int choice;
            try {
                choice = chooser.choose(runnable, n, steps, previous);
            } catch (RuntimeException | Error e) {
                throw new ChooserFailure(e);
            }
            if (choice == Chooser.STOP) {
                return Outcome.STOPPED;
            }
            Actor actor = runnable[choice];
            stepOnce(actor, listener);
            previous = actor;
        }
    }

    private int collectRunnable() {
        int n = 0;
        for (Actor a : actors) {
            if (a.runnable()) {
                runnable[n++] = a;
            }
        }
        return n;
    }

    private boolean anyUnfinished() {
        for (Actor a : actors) {
            if (a.kind() != Actor.Kind.DAEMON && !a.finished()) {
                return true;
            }
        }
        return false;
    }

    /** Runs silent steps and then exactly one visible step of {@code actor}. */
    private void stepOnce(Actor actor, Listener listener) {
        steps++;
        lastActor = actor;
        if (recordTaken) {
            taken.append(actor.id());
        }
        actor.clearYield();
        int silent = 0;
        // A footprint is the step's own accesses: not the runnable scan before it, the listener, or the tally after it.
        boolean recording = FootprintRecorder.enterStep();
        try {
            while (true) {
                if (++silent > SILENT_STEP_LIMIT) {
                    // The step budget only counts visible steps: without this a hook that keeps adding
                    // silent steps would spin the harness forever instead of failing its own run.
                    throw new SilentLoopException("actor " + actor.id() + " took " + SILENT_STEP_LIMIT
                            + " silent steps without a visible one");
                }
                if (actor.program().isEmpty()) {
                    if (!actor.source().ready()) {
                        break; // only silent bookkeeping was left: the step ends here
                    }
                    actor.source().loadNext(actor);
                    continue;
                }
                Step step = actor.program().pollFirst();
                StepResult result = step.body().run(actor);
                if (result == StepResult.SLEEP) {
                    actor.program().addFirst(step);
                }
                if (!step.silent() || result == StepResult.SLEEP || actor.dead()) {
                    FootprintRecorder.exitStep(recording);
                    recording = false;
                    listener.stepped(steps, actor, step, result);
                    break;
                }
            }
        } finally {
            FootprintRecorder.exitStep(recording);
        }
        for (Actor a : actors) {
            if (a.kind() == Actor.Kind.WRITER && a.sleepingOn() != null) {
                writerStallSteps++;
                if (a.sleepingOn().isPageWriteback()) {
                    writerWritebackStallSteps++;
                }
            }
        }
    }

    /** The actor that took the latest step, or null before the first. */
    public Actor lastActor() {
        return lastActor;
    }

    /** Steps taken so far. */
    public int steps() {
        return steps;
    }

    /**
     * Whether the schedule taken is kept for {@link #taken()} (the default). A timed run of a million
     * operations turns it off: it replays from its seed, not from its choices.
     */
    public Scheduler recordTaken(boolean on) {
        recordTaken = on;
        return this;
    }

    /** The part of {@link #writerStallSteps()} spent asleep on {@code PG_writeback}. */
    public long writerWritebackStallSteps() {
        return writerWritebackStallSteps;
    }

    /** Steps a writer spent asleep, summed over writers. */
    public long writerStallSteps() {
        return writerStallSteps;
    }

    /** The schedule actually taken, replayable with {@link ScheduleChooser}. */
    public Schedule taken() {
        return Schedule.ofChoices(taken);
    }

    /** The actors that are neither finished nor runnable (for deadlock reports). */
    public List<Actor> stuck() {
        List<Actor> out = new java.util.ArrayList<>();
        for (Actor a : actors) {
            if (a.kind() != Actor.Kind.DAEMON && !a.finished() && !a.runnable()) {
                out.add(a);
            }
        }
        return out;
    }
}
