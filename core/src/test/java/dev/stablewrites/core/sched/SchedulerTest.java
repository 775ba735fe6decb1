package dev.stablewrites.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.sched.Actor.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Guards the deterministic scheduler: choices, default rule, silent steps, sleep/wake, outcomes and replay. */
class SchedulerTest {

    // ---------------------------------------------------------------- helpers

    /** Feeds a fixed list of operations, each a list of steps, as the simulation's operation source does. */
    private static final class OpList implements WorkSource {
        private final List<List<Step>> ops;
        private int next;

        OpList(List<List<Step>> ops) {
            this.ops = ops;
        }

        @Override
        public boolean ready() {
            return next < ops.size();
        }

        @Override
        public boolean exhausted() {
            return next >= ops.size();
        }

        @Override
        public void loadNext(Actor actor) {
            actor.pushFront(ops.get(next++));
        }
    }

    /** A daemon's queue: ready when {@code ready} says so, never exhausted; each load appends one step. */
    private static final class DaemonQueue implements WorkSource {
        private final BooleanSupplier ready;
        private final Step step;

        DaemonQueue(BooleanSupplier ready, Step step) {
            this.ready = ready;
            this.step = step;
        }

        @Override
        public boolean ready() {
            return ready.getAsBoolean();
        }

        @Override
        public boolean exhausted() {
            return false;
        }

        @Override
        public void loadNext(Actor actor) {
            actor.append(step);
        }
    }

    @SafeVarargs
    private static Actor actor(char id, Kind kind, List<Step>... ops) {
        Actor a = new Actor(id, "actor " + id, kind);
        a.setSource(new OpList(List.of(ops)));
        return a;
    }

    /** An actor whose single operation is one visible step per function name. */
    private static Actor steps(char id, Kind kind, String... functions) {
        List<Step> op = new ArrayList<>();
        for (String f : functions) {
            op.add(done(f));
        }
        return actor(id, kind, op);
    }

    private static Step done(String function) {
        return Step.of(function, null, self -> StepResult.DONE);
    }

    /** A visible step that sleeps on {@code q} until {@code open[0]} is set. */
    private static Step waitFor(String function, WaitQueue q, boolean[] open) {
        return Step.of(function, null, self -> open[0] ? StepResult.DONE : q.sleep(self));
    }

    /** Records every visible step as "stepNo:actor:function:result". */
    private static final class Recorder implements Scheduler.Listener {
        final List<String> events = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();

        @Override
        public void stepped(int stepNo, Actor actor, Step step, StepResult result) {
            events.add(stepNo + ":" + actor.id() + ":" + step.function() + ":" + result);
            steps.add(step);
        }
    }

    private static String ids(List<Actor> actors) {
        StringBuilder sb = new StringBuilder();
        actors.forEach(a -> sb.append(a.id()));
        return sb.toString();
    }

    // ---------------------------------------------------------------- (a) ScheduleChooser

    @Test
    void scheduleChooser_followsItsChoicesThenTheDefaultRule() {
        Scheduler s = new Scheduler(List.of(
                steps('A', Kind.WRITER, "a1", "a2", "a3"),
                steps('B', Kind.WRITER, "b1", "b2"),
                steps('C', Kind.SYNCER, "c1", "c2")));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.parse("BCA")), 100, r);

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        // B, C, A by choice; then keep A while runnable; then lowest id B; then C
        assertEquals("BCAAABC", s.taken().choices());
        assertEquals(List.of("1:B:b1:DONE", "2:C:c1:DONE", "3:A:a1:DONE", "4:A:a2:DONE", "5:A:a3:DONE",
                "6:B:b2:DONE", "7:C:c2:DONE"), r.events);
    }

    @Test
    void scheduleChooser_skipsAChoiceNamingAFinishedActor() {
        Scheduler s = new Scheduler(List.of(
                steps('A', Kind.WRITER, "a1"),
                steps('B', Kind.WRITER, "b1", "b2"),
                steps('C', Kind.WRITER, "c1", "c2")));

        // the second A names a finished actor: skipped, so C (not the default's B) runs next
        s.run(new ScheduleChooser(Schedule.parse("A2CB")), 100, new Recorder());

        assertEquals("ACBBC", s.taken().choices());
    }

    @Test
    void scheduleChooser_skipsAChoiceNamingASleepingActor() {
        WaitQueue q = new WaitQueue("q");
        boolean[] open = {false};
        Actor a = actor('A', Kind.WRITER, List.of(waitFor("a_wait", q, open)));
        Actor b = actor('B', Kind.WRITER, List.of(done("b1"),
                Step.of("b_wake", null, self -> {
                    open[0] = true;
                    q.wakeAll();
                    return StepResult.DONE;
                })));
        Scheduler s = new Scheduler(List.of(a, b));

        // A sleeps; the second A is skipped while A sleeps; the third A comes after B woke it
        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.parse("A2B2A")), 100, new Recorder());

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertEquals("ABBA", s.taken().choices());
    }

    @Test
    void scheduleChooser_choiceNamingAnUnknownActor_isSkipped() {
        Scheduler s = new Scheduler(List.of(steps('A', Kind.WRITER, "a1"), steps('B', Kind.WRITER, "b1")));

        s.run(new ScheduleChooser(Schedule.parse("ZB")), 100, new Recorder());

        assertEquals("BA", s.taken().choices());
    }

    @Test
    void scheduleChooser_choose_returnsIndexOfNamedRunnableActor() {
        Actor a = new Actor('A', "a", Kind.WRITER);
        Actor c = new Actor('C', "c", Kind.WRITER);
        Actor[] runnable = {a, c, null};
        ScheduleChooser chooser = new ScheduleChooser(Schedule.parse("BC"));

        assertEquals(1, chooser.choose(runnable, 2, 0, null)); // B skipped, C taken
        assertEquals(0, chooser.choose(runnable, 2, 1, null)); // choices used up: lowest id
        assertEquals(1, chooser.choose(runnable, 2, 2, c)); // keep previous
    }

    // ---------------------------------------------------------------- (b) default rule

    @Test
    void defaultRule_keepsPreviousWhileRunnable_otherwiseLowestId() {
        Actor a = new Actor('A', "a", Kind.WRITER);
        Actor b = new Actor('B', "b", Kind.WRITER);
        Actor c = new Actor('C', "c", Kind.WRITER);
        Actor[] runnable = {a, b, c};

        assertEquals(2, Chooser.defaultRule(runnable, 3, c));
        assertEquals(1, Chooser.defaultRule(runnable, 3, b));
        assertEquals(0, Chooser.defaultRule(runnable, 3, null));
        // c is beyond count: not runnable, so the lowest id wins
        assertEquals(0, Chooser.defaultRule(runnable, 2, c));
    }

    @Test
    void defaultRule_anActorThatYielded_goesAfterTheOthers_unlessItIsAlone() {
        Actor a = new Actor('A', "a", Kind.WRITER);
        Actor b = new Actor('B', "b", Kind.WRITER);
        a.yieldCpu();
        b.yieldCpu();

        assertEquals(1, Chooser.defaultRule(new Actor[] {a, b}, 2, a));
        assertEquals(0, Chooser.defaultRule(new Actor[] {a, b}, 2, b));
        assertEquals(0, Chooser.defaultRule(new Actor[] {a}, 1, a));
    }

    @Test
    void aSpinningRetryLoopThatYields_letsTheStepItWaitsForRun_underTheDefaultRule() {
        boolean[] released = {false};
        Actor a = actor('A', Kind.WRITER, List.of(spinUntil(released)));
        Actor b = actor('B', Kind.WRITER, List.of(Step.of("release", null, self -> {
            released[0] = true;
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(a, b));
        Recorder r = new Recorder();

        assertEquals(Scheduler.Outcome.COMPLETED, s.run(new ScheduleChooser(Schedule.empty()), 100, r));
        assertEquals(List.of("1:A:retry:DONE", "2:B:release:DONE", "3:A:retry:DONE"), r.events);
    }

    @Test
    void twoSpinningRetryLoops_doNotStarveTheStepTheyBothWaitFor() {
        boolean[] released = {false};
        Actor a = actor('A', Kind.WRITER, List.of(spinUntil(released)));
        Actor c = actor('C', Kind.WRITER, List.of(spinUntil(released)));
        Actor k = actor('K', Kind.WRITER, List.of(Step.of("release", null, self -> {
            released[0] = true;
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(a, c, k));
        Recorder r = new Recorder();

        assertEquals(Scheduler.Outcome.COMPLETED, s.run(new ScheduleChooser(Schedule.empty()), 100, r));
        assertEquals(List.of("1:A:retry:DONE", "2:C:retry:DONE", "3:K:release:DONE", "4:A:retry:DONE",
                "5:C:retry:DONE"), r.events);
    }

    @Test
    void spinnersWithNobodyElseRunnable_takeTurnsInIdOrder() {
        Actor a = new Actor('A', "a", Kind.WRITER);
        Actor b = new Actor('B', "b", Kind.WRITER);
        Actor c = new Actor('C', "c", Kind.WRITER);
        a.yieldCpu();
        b.yieldCpu();
        c.yieldCpu();
        Actor[] runnable = {a, b, c};
        assertEquals(2, Chooser.defaultRule(runnable, 3, b));
        assertEquals(0, Chooser.defaultRule(runnable, 3, c));
    }

    private static Step spinUntil(boolean[] released) {
        Step[] spin = new Step[1];
        spin[0] = Step.of("retry", null, self -> {
            if (!released[0]) {
                self.yieldCpu();
                self.pushFront(spin[0]);
            }
            return StepResult.DONE;
        });
        return spin[0];
    }

    @Test
    void emptySchedule_keepsThePreviousActorUntilItStops_thenTakesTheLowestId() {
        Scheduler s = new Scheduler(List.of(
                steps('C', Kind.WRITER, "c1", "c2"),
                steps('A', Kind.WRITER, "a1", "a2"),
                steps('B', Kind.WRITER, "b1", "b2")));

        s.run(new ScheduleChooser(Schedule.empty()), 100, new Recorder());

        assertEquals("AABBCC", s.taken().choices());
    }

    @Test
    void defaultRule_afterSchedule_keepsTheActorChosenLast() {
        Scheduler s = new Scheduler(List.of(
                steps('A', Kind.WRITER, "a1", "a2"),
                steps('B', Kind.WRITER, "b1", "b2", "b3")));

        s.run(new ScheduleChooser(Schedule.parse("B")), 100, new Recorder());

        // lowest id alone would give BA2B2; keeping the previous actor gives B3A2
        assertEquals("B3A2", s.taken().encode());
    }

    @Test
    void defaultRule_whenPreviousSleeps_switchesToLowestIdRunnable() {
        WaitQueue q = new WaitQueue("q");
        boolean[] open = {false};
        Actor b = actor('B', Kind.WRITER, List.of(done("b1"), waitFor("b_wait", q, open)));
        Actor c = actor('C', Kind.WRITER, List.of(done("c1")));
        Actor d = actor('D', Kind.WRITER, List.of(Step.of("d_wake", null, self -> {
            open[0] = true;
            q.wakeAll();
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(b, c, d));

        s.run(new ScheduleChooser(Schedule.parse("B")), 100, new Recorder());

        // B runs b1 and sleeps in b_wait; C (lowest runnable) runs; then D wakes B; B retries
        assertEquals("BBCDB", s.taken().choices());
    }

    // ---------------------------------------------------------------- (c) silent steps

    @Test
    void silentSteps_runWithTheNextVisibleStep_andConsumeNoStepNumber() {
        List<String> ran = new ArrayList<>();
        List<Step> op = List.of(
                Step.silent("s1", self -> { ran.add("s1"); return StepResult.DONE; }),
                Step.silent("s2", self -> { ran.add("s2"); return StepResult.DONE; }),
                Step.of("v1", null, self -> { ran.add("v1"); return StepResult.DONE; }),
                Step.silent("s3", self -> { ran.add("s3"); return StepResult.DONE; }),
                Step.of("v2", null, self -> { ran.add("v2"); return StepResult.DONE; }));
        Actor a = actor('A', Kind.WRITER, op);
        Scheduler s = new Scheduler(List.of(a));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertEquals(List.of("s1", "s2", "v1", "s3", "v2"), ran);
        assertEquals(2, s.steps());
        assertEquals("A2", s.taken().encode());
        assertEquals(List.of("1:A:v1:DONE", "2:A:v2:DONE"), r.events);
    }

    @Test
    void silentStep_pushingVisibleSteps_expandsIntoThemWithinTheSameStep() {
        Step hook = Step.silent("hook", self -> {
            self.pushFront(done("x1"), done("x2"));
            return StepResult.DONE;
        });
        Actor a = actor('A', Kind.WRITER, List.of(hook, done("after")));
        Scheduler s = new Scheduler(List.of(a));
        Recorder r = new Recorder();

        s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(List.of("1:A:x1:DONE", "2:A:x2:DONE", "3:A:after:DONE"), r.events);
        assertEquals(3, s.steps());
    }

    @Test
    void silentStep_thatSleeps_isReportedAndRetried() {
        WaitQueue q = new WaitQueue("q");
        boolean[] open = {false};
        int[] runs = {0};
        Step gate = Step.silent("gate", self -> {
            runs[0]++;
            return open[0] ? StepResult.DONE : q.sleep(self);
        });
        Actor a = actor('A', Kind.WRITER, List.of(gate, done("v")));
        Actor b = actor('B', Kind.WRITER, List.of(Step.of("wake", null, self -> {
            open[0] = true;
            q.wakeAll();
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(a, b));
        Recorder r = new Recorder();

        s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(List.of("1:A:gate:SLEEP", "2:B:wake:DONE", "3:A:v:DONE"), r.events);
        assertEquals(2, runs[0]);
    }

    @Test
    void silentStepThatKeepsAddingSilentSteps_isStoppedWithAnError_notSpunForever() {
        Step[] loop = new Step[1];
        loop[0] = Step.silent("hook", self -> {
            self.pushFront(List.of(loop[0]));
            return StepResult.DONE;
        });
        Scheduler s = new Scheduler(List.of(actor('A', Kind.WRITER, List.of(loop[0]))));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.run(new ScheduleChooser(Schedule.empty()), 100, new Recorder()));
        assertTrue(e.getMessage().contains("silent steps without a visible one"), e.getMessage());
        assertEquals(1, s.steps());
    }

    @Test
    void silentStepsWithNothingVisibleAfter_takeOneStepButTellTheListenerNothing() {
        int[] runs = {0};
        Actor a = actor('A', Kind.WRITER, List.of(Step.silent("bookkeeping", self -> {
            runs[0]++;
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(a));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertEquals(1, runs[0]);
        assertEquals(1, s.steps());
        assertTrue(r.events.isEmpty());
    }

    // ---------------------------------------------------------------- (d) deadlock and daemons

    @Test
    void twoWritersAsleepOnQueuesNobodyWakes_isADeadlockListingBoth() {
        WaitQueue qa = new WaitQueue("qa");
        WaitQueue qb = new WaitQueue("qb");
        boolean[] never = {false};
        Actor b = actor('B', Kind.WRITER, List.of(waitFor("b_wait", qb, never)));
        Actor a = actor('A', Kind.WRITER, List.of(waitFor("a_wait", qa, never)));
        Actor idleDevice = new Actor('D', "device", Kind.DAEMON);
        idleDevice.setSource(new DaemonQueue(() -> false, done("never")));
        Scheduler s = new Scheduler(List.of(b, idleDevice, a));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(Scheduler.Outcome.DEADLOCK, outcome);
        assertEquals("AB", ids(s.stuck()));
        assertSame(qa, a.sleepingOn());
        assertSame(qb, b.sleepingOn());
        assertTrue(qa.hasSleepers());
        assertEquals(2, s.steps());
        assertEquals(List.of("1:A:a_wait:SLEEP", "2:B:b_wait:SLEEP"), r.events);
    }

    @Test
    void idleDaemons_doNotCountAsUnfinished() {
        Actor a = steps('A', Kind.WRITER, "a1");
        Actor idle = new Actor('D', "device, queue empty", Kind.DAEMON);
        idle.setSource(new DaemonQueue(() -> false, done("never")));
        Actor asleep = actor('E', Kind.DAEMON, List.of(waitFor("e_wait", new WaitQueue("e"), new boolean[1])));
        Scheduler s = new Scheduler(List.of(a, idle, asleep));

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, new Recorder());

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertFalse(idle.finished());
        assertFalse(asleep.finished());
        assertTrue(s.stuck().isEmpty());
    }

    @Test
    void syncerAsleepForever_isADeadlock() {
        Actor c = actor('C', Kind.SYNCER, List.of(waitFor("wait_on_writeback", new WaitQueue("wb"), new boolean[1])));
        Scheduler s = new Scheduler(List.of(c, steps('A', Kind.WRITER, "a1")));

        assertEquals(Scheduler.Outcome.DEADLOCK, s.run(new ScheduleChooser(Schedule.empty()), 100, new Recorder()));
        assertEquals("C", ids(s.stuck()));
    }

    @Test
    void quiesceThatCanNeverStart_isADeadlock() {
        Actor q = new Actor('Q', "quiesce", Kind.QUIESCE);
        q.setSource(new DaemonQueue(() -> false, done("fsync")));
        Scheduler s = new Scheduler(List.of(q, steps('A', Kind.WRITER, "a1")));

        assertEquals(Scheduler.Outcome.DEADLOCK, s.run(new ScheduleChooser(Schedule.empty()), 100, new Recorder()));
        assertEquals("Q", ids(s.stuck()));
    }

    @Test
    void killedActor_runsNoFurtherStep_andCountsAsFinished() {
        Actor a = actor('A', Kind.WRITER, List.of(done("a1"),
                Step.silent("oops", self -> {
                    self.kill("BUG at test");
                    return StepResult.DONE;
                }),
                done("a_never")), List.of(done("a_never_either")));
        Scheduler s = new Scheduler(List.of(a, steps('B', Kind.WRITER, "b1")));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        // a killing step is reported even when silent
        assertEquals(List.of("1:A:a1:DONE", "2:A:oops:DONE", "3:B:b1:DONE"), r.events);
        assertTrue(a.dead());
        assertEquals("BUG at test", a.deathCause());
        assertTrue(a.finished());
    }

    // ---------------------------------------------------------------- (e) budget

    @Test
    void actorThatRepushesAStepForever_exhaustsTheBudgetExactly() {
        Step[] spin = new Step[1];
        spin[0] = Step.of("spin", null, self -> {
            self.pushFront(spin[0]);
            return StepResult.DONE;
        });
        Actor a = actor('A', Kind.WRITER, List.of(spin[0]));
        Scheduler s = new Scheduler(List.of(a, steps('B', Kind.WRITER, "b1")));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 37, r);

        assertEquals(Scheduler.Outcome.BUDGET_EXHAUSTED, outcome);
        assertEquals(37, s.steps());
        assertEquals(37, r.events.size());
        assertEquals("A37", s.taken().encode());
    }

    @Test
    void sourceThatIsAlwaysReady_exhaustsTheBudget() {
        Actor a = new Actor('K', "kworker", Kind.DAEMON);
        a.setSource(new DaemonQueue(() -> true, done("work")));
        Scheduler s = new Scheduler(List.of(a));

        assertEquals(Scheduler.Outcome.BUDGET_EXHAUSTED, s.run(new RandomChooser(5L), 12, new Recorder()));
        assertEquals(12, s.steps());
    }

    @Test
    void runThatNeedsExactlyTheBudget_completes() {
        Scheduler s = new Scheduler(List.of(steps('A', Kind.WRITER, "a1", "a2", "a3")));

        assertEquals(Scheduler.Outcome.COMPLETED, s.run(new ScheduleChooser(Schedule.empty()), 3, new Recorder()));
        assertEquals(3, s.steps());
    }

    @Test
    void zeroBudget_withARunnableActor_takesNoStep() {
        Scheduler s = new Scheduler(List.of(steps('A', Kind.WRITER, "a1")));

        assertEquals(Scheduler.Outcome.BUDGET_EXHAUSTED, s.run(new ScheduleChooser(Schedule.empty()), 0,
                new Recorder()));
        assertEquals(0, s.steps());
    }

    // ---------------------------------------------------------------- (f) sleep and retry

    @Test
    void stepThatSleeps_runsAgainAfterWakeAll() {
        WaitQueue q = new WaitQueue("PG_writeback");
        boolean[] open = {false};
        int[] attempts = {0};
        Step wait = Step.of("folio_wait_writeback", null, self -> {
            attempts[0]++;
            return open[0] ? StepResult.DONE : q.sleep(self);
        });
        Actor a = actor('A', Kind.WRITER, List.of(wait, done("after_wait")));
        Actor b = actor('B', Kind.SYNCER, List.of(Step.of("end_page_writeback", null, self -> {
            open[0] = true;
            q.wakeAll();
            return StepResult.DONE;
        })));
        Scheduler s = new Scheduler(List.of(a, b));
        Recorder r = new Recorder();

        Scheduler.Outcome outcome = s.run(new ScheduleChooser(Schedule.empty()), 100, r);

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertEquals(List.of("1:A:folio_wait_writeback:SLEEP", "2:B:end_page_writeback:DONE",
                "3:A:folio_wait_writeback:DONE", "4:A:after_wait:DONE"), r.events);
        assertEquals(2, attempts[0]);
        assertSame(wait, r.steps.get(0));
        assertSame(wait, r.steps.get(2));
        assertNull(a.sleepingOn());
        assertFalse(q.hasSleepers());
    }

    @Test
    void sleepingActor_isNotRunnableUntilWoken() {
        WaitQueue q = new WaitQueue("q");
        Actor a = actor('A', Kind.WRITER, List.of(done("x")));
        assertTrue(a.runnable());

        assertEquals(StepResult.SLEEP, q.sleep(a));
        assertFalse(a.runnable());
        assertFalse(a.finished());
        assertSame(q, a.sleepingOn());

        q.wakeAll();
        assertTrue(a.runnable());
        assertNull(a.sleepingOn());
        assertFalse(q.hasSleepers());
    }

    // ---------------------------------------------------------------- (g) replay

    /** A small system: two writers and a syncer contending for a lock; a device completing submitted I/O. */
    private static final class World {
        final List<Actor> actors = new ArrayList<>();
        boolean held;
        int pendingIo;
        long data = 1;
        final WaitQueue lockQ = new WaitQueue("lock");

        World() {
            Step lock = Step.of("lock", null, self -> {
                if (held) {
                    return lockQ.sleep(self);
                }
                held = true;
                return StepResult.DONE;
            });
            Step unlock = Step.of("unlock", null, self -> {
                held = false;
                lockQ.wakeAll();
                return StepResult.DONE;
            });
            Step add = Step.of("add", null, self -> {
                data = data * 31 + 7;
                return StepResult.DONE;
            });
            Step dbl = Step.of("double", null, self -> {
                data = data * 2 + 1;
                return StepResult.DONE;
            });
            Step prepare = Step.silent("prepare", self -> StepResult.DONE);
            Step submit = Step.of("submit_bio", null, self -> {
                pendingIo++;
                return StepResult.DONE;
            });
            Step complete = Step.of("bio_endio", null, self -> {
                pendingIo--;
                data ^= 0x55;
                return StepResult.DONE;
            });
            actors.add(actor('A', Kind.WRITER, List.of(prepare, lock, add, unlock), List.of(prepare, lock, add,
                    unlock), List.of(lock, add, add, unlock)));
            actors.add(actor('B', Kind.WRITER, List.of(lock, dbl, unlock), List.of(dbl), List.of(lock, dbl, unlock)));
            actors.add(actor('C', Kind.SYNCER, List.of(lock, submit, unlock), List.of(prepare, lock, submit, unlock)));
            Actor d = new Actor('D', "device", Kind.DAEMON);
            d.setSource(new DaemonQueue(() -> pendingIo > 0, complete));
            actors.add(d);
        }
    }

    @Test
    void takenSchedule_replayedOnAFreshIdenticalSystem_givesTheSameEvents() {
        for (long seed = 1; seed <= 40; seed++) {
            World w1 = new World();
            Scheduler s1 = new Scheduler(w1.actors);
            Recorder r1 = new Recorder();
            Scheduler.Outcome o1 = s1.run(new RandomChooser(seed), 1000, r1);

            World w2 = new World();
            Scheduler s2 = new Scheduler(w2.actors);
            Recorder r2 = new Recorder();
            Scheduler.Outcome o2 = s2.run(new ScheduleChooser(Schedule.parse(s1.taken().encode())), 1000, r2);

            assertEquals(Scheduler.Outcome.COMPLETED, o1, "seed " + seed);
            assertEquals(o1, o2, "seed " + seed);
            assertEquals(r1.events, r2.events, "seed " + seed);
            assertEquals(s1.taken(), s2.taken(), "seed " + seed);
            assertEquals(w1.data, w2.data, "seed " + seed);
            assertEquals(s1.writerStallSteps(), s2.writerStallSteps(), "seed " + seed);
        }
    }

    @Test
    void takenSchedule_hasOneChoicePerStep() {
        World w = new World();
        Scheduler s = new Scheduler(w.actors);
        Recorder r = new Recorder();
        s.run(new RandomChooser(99L), 1000, r);

        assertEquals(s.steps(), s.taken().length());
        assertEquals(s.steps(), r.events.size()); // no silent-only steps in this world
        for (int i = 0; i < r.events.size(); i++) {
            assertEquals(s.taken().choice(i), r.events.get(i).split(":")[1].charAt(0));
        }
    }

    // ---------------------------------------------------------------- (h) duplicate ids

    @Test
    void duplicateActorIds_areRejected() {
        List<Actor> actors = List.of(new Actor('A', "first", Kind.WRITER), new Actor('B', "b", Kind.SYNCER),
                new Actor('A', "second", Kind.DAEMON));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Scheduler(actors));
        assertEquals("two actors share the id A", e.getMessage());
    }

    // ---------------------------------------------------------------- (i) writer stalls

    @Test
    void writerStallSteps_countsEachStepEndedWithAWriterAsleep_notSyncers() {
        WaitQueue q = new WaitQueue("q");
        boolean[] open = {false};
        Actor w = actor('W', Kind.WRITER, List.of(waitFor("w_wait", q, open)));
        Actor s = actor('S', Kind.SYNCER, List.of(waitFor("s_wait", q, open)));
        Actor x = actor('X', Kind.SYNCER, List.of(done("tick1"), done("tick2"), Step.of("release", null, self -> {
            open[0] = true;
            q.wakeAll();
            return StepResult.DONE;
        })));
        Scheduler sched = new Scheduler(List.of(w, s, x));

        Scheduler.Outcome outcome = sched.run(new ScheduleChooser(Schedule.parse("WSX")), 100, new Recorder());

        assertEquals(Scheduler.Outcome.COMPLETED, outcome);
        assertEquals("WSX3SW", sched.taken().encode());
        // W asleep at the end of steps 1 (its own sleep), 2, 3 and 4; woken in step 5
        assertEquals(4, sched.writerStallSteps());
    }

    @Test
    void writerStallSteps_sumsOverWriters() {
        WaitQueue q = new WaitQueue("q");
        boolean[] open = {false};
        Actor v = actor('V', Kind.WRITER, List.of(waitFor("v_wait", q, open)));
        Actor w = actor('W', Kind.WRITER, List.of(waitFor("w_wait", q, open)));
        Actor x = actor('X', Kind.DAEMON, List.of(done("tick"), Step.of("release", null, self -> {
            open[0] = true;
            q.wakeAll();
            return StepResult.DONE;
        })));
        Scheduler sched = new Scheduler(List.of(v, w, x));

        sched.run(new ScheduleChooser(Schedule.parse("VWX")), 100, new Recorder());

        // step 1: V asleep (1); step 2: V, W (2); step 3: V, W (2); step 4 wakes both (0)
        assertEquals(5, sched.writerStallSteps());
    }

    @Test
    void writerStallSteps_isZeroWhenNoWriterSleeps() {
        Scheduler s = new Scheduler(List.of(steps('A', Kind.WRITER, "a1", "a2"), steps('B', Kind.SYNCER, "b1")));
        s.run(new RandomChooser(3L), 100, new Recorder());
        assertEquals(0, s.writerStallSteps());
        assertEquals(3, s.steps());
    }

    // ---------------------------------------------------------------- (j) RandomChooser

    @Test
    void randomChooser_sameSeed_makesTheSameChoices() {
        Actor[] runnable = new Actor[5];
        for (int i = 0; i < 5; i++) {
            runnable[i] = new Actor((char) ('A' + i), "x", Kind.WRITER);
        }
        RandomChooser c1 = new RandomChooser(0x5eedL);
        RandomChooser c2 = new RandomChooser(0x5eedL);
        RandomChooser other = new RandomChooser(0x5eedL + 1);
        List<Integer> l1 = new ArrayList<>();
        List<Integer> l2 = new ArrayList<>();
        List<Integer> l3 = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < 200; step++) {
            int count = 2 + step % 4;
            int i = c1.choose(runnable, count, step, null);
            assertTrue(i >= 0 && i < count, "index " + i + " of " + count);
            l1.add(i);
            seen.add(i);
            l2.add(c2.choose(runnable, count, step, null));
            l3.add(other.choose(runnable, count, step, null));
        }
        assertEquals(l1, l2);
        assertNotEquals(l1, l3);
        assertEquals(Set.of(0, 1, 2, 3, 4), seen);
    }

    @Test
    void randomChooser_singleRunnable_isChosen() {
        Actor[] runnable = {new Actor('A', "a", Kind.WRITER)};
        RandomChooser c = new RandomChooser(1L);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, c.choose(runnable, 1, i, null));
        }
    }

    @Test
    void randomChooser_sameSeed_givesTheSameRun_differentSeedsDiffer() {
        Set<Schedule> distinct = new HashSet<>();
        for (long seed = 11; seed <= 20; seed++) {
            Scheduler s1 = new Scheduler(new World().actors);
            Scheduler s2 = new Scheduler(new World().actors);
            s1.run(new RandomChooser(seed), 1000, new Recorder());
            s2.run(new RandomChooser(seed), 1000, new Recorder());
            assertEquals(s1.taken(), s2.taken(), "seed " + seed);
            distinct.add(s1.taken());
        }
        assertTrue(distinct.size() > 1, "ten seeds gave one schedule");
    }
}
