package dev.stablewrites.harness.shrink;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.ScheduleChooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.harness.explore.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reduces a failing (scenario, schedule) to the simplest one that still violates the same
 * property (docs/model.md §8): a smaller scenario first, then fewer preemptions, then fewer steps; and
 * finally the shortest prefix of choices that replays to the same run, so the printed schedule
 * holds only the choices that matter. Deterministic: the same failure always shrinks the same way,
 * unless it reaches its time limit, the one bound read from the clock (a shrink that meets it
 * says so, and its result is what was found by then).
 */
public final class Shrinker {
    /** Random schedules tried on a smaller scenario when the old schedule no longer fails it. */
    static final int SEARCH_PER_CANDIDATE = 64;
    /** Most runs one shrink may spend; a failure this stubborn is reported as shrunk so far. */
    static final int MAX_RUNS = 20_000;
    /** Most simulated steps one shrink may spend: a run that fails TERMINATES is thousands of steps. */
    static final long MAX_STEPS = 5_000_000;
    /** Most edits tried per round on one schedule. */
    static final int MAX_CANDIDATES = 600;
    /** How long one shrink may take by default: seconds, where a usual one takes milliseconds. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    private final Runner runner;
    private final Function<Scenario, ? extends Iterable<Scenario>> scenarioShrinks;
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    private LongSupplier clock = System::nanoTime;
    private int runs;
    private long steps;
    private long deadline;
    private String gaveUp;

    /**
     * @param scenarioShrinks a scenario's smaller neighbours, most aggressive first (a generator's
     *                        shrinks, e.g. {@code ScenarioSource::shrink}); taken one at a time, so
     *                        they may be made lazily
     */
    public Shrinker(Runner runner, Function<Scenario, ? extends Iterable<Scenario>> scenarioShrinks) {
        this.runner = runner;
        this.scenarioShrinks = scenarioShrinks;
    }

    /**
     * Bounds each shrink by wall-clock time as well as by runs and steps: a failure in a
     * scenario of thousands of operations runs long, and the user waits. A shrink that reaches the
     * limit returns what it has found so far and says so ({@link Shrunk#gaveUp}).
     */
    public Shrinker withTimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("impossible shrink time limit " + limit.toMillis() + " ms");
        }
        this.timeLimit = limit;
        return this;
    }

    /** The clock the time limit is read from, in nanoseconds (a test's own, to give up on cue). */
    Shrinker withClock(LongSupplier nanos) {
        this.clock = nanos;
        return this;
    }

    /**
     * The failing run does not fail again when replayed: the strategy keeps state across runs,
     * or something outside the model decided the run. A shrunk trace would show a run that passes.
     */
    public static final class NotReproducible extends IllegalStateException {
        NotReproducible(String message) {
            super(message);
        }
    }

    /**
     * A shrunk counterexample.
     *
     * @param property    the property it violates, the same as the original's first
     * @param scenario    the smallest scenario found
     * @param schedule    the shortest schedule that replays to it
     * @param run         that run, traced
     * @param preemptions how many times it switches away from an actor that could have gone on
     * @param runs        runs the shrinking spent
     * @param gaveUp      null when shrinking ran to its end; else why it stopped early (its time,
     *                    run or step limit), so that the result is shrunk only so far
     */
    public record Shrunk(Property property, Scenario scenario, Schedule schedule, RunResult run, int preemptions,
                         int runs, String gaveUp) {
        /** Whether shrinking ran to its end rather than stopping at a limit. */
        public boolean complete() {
            return gaveUp == null;
        }
    }

    /**
     * Shrinks {@code failing}, which must have failed.
     *
     * @throws NotReproducible if replaying it does not fail the same way
     */
    public Shrunk shrink(RunResult failing) {
        Violation first = failing.firstViolation();
        if (first == null) {
            throw new IllegalArgumentException("only a failing run can be shrunk");
        }
        return shrink(failing, first.property());
    }

    /**
     * Shrinks {@code failing} keeping {@code target}, one of the properties it violated (not
     * necessarily its first).
     *
     * @throws NotReproducible if replaying it does not violate {@code target} again
     */
    public Shrunk shrink(RunResult failing, Property target) {
        runs = 0;
        steps = 0;
        gaveUp = null;
        deadline = clock.getAsLong() + timeLimit.toNanos();
        Candidate best = measure(failing.scenario(), failing.schedule());
        if (!fails(best, target)) {
            throw new NotReproducible("the failing run (" + target + ") passed when replayed from its schedule: the "
                    + "strategy keeps state between runs, though a new instance serves each run");
        }
        // Simplify the schedule first: a schedule with fewer switches carries over to a smaller
        // scenario as it is, where a tangled one needs a random search per candidate. Then
        // alternate, since a shorter schedule can make a smaller scenario fail that nothing found before.
        if (!handWrittenAndLong(best.scenario)) {
            best = shrinkSchedule(best, target);
        }
        Candidate before;
        do {
            before = best;
            best = shrinkScenario(best, target);
            best = shrinkSchedule(best, target);
        } while (best != before && budgetLeft());
        // The prefix search is cheap and makes the printed schedule readable: it runs even after the
        // run or step limit, but not past the time limit.
        Schedule minimal = shortestPrefix(best);
        RunResult traced = runner.replay(best.scenario, minimal, true);
        return new Shrunk(target, best.scenario, minimal, traced, best.preemptions, runs, gaveUp);
    }

    /**
     * Whether an actor has more operations than a generator draws: then each run is long, and a
     * smaller scenario (halving the list) saves more than a simpler schedule of the long one.
     */
    private static boolean handWrittenAndLong(Scenario s) {
        return s.ops().values().stream().anyMatch(ops -> ops.size() > dev.stablewrites.core.scenario.ScenarioGenerator
                .MAX_WRITER_OPS);
    }

    /** A run that failed, with what shrinking compares. */
    private record Candidate(Scenario scenario, RunResult run, int preemptions) {
        long steps() {
            return run.costs().steps;
        }

        boolean simplerThan(Candidate o) {
            return preemptions < o.preemptions || preemptions == o.preemptions && steps() < o.steps();
        }
    }

    private Candidate measure(Scenario scenario, Schedule schedule) {
        return measure(scenario, new ScheduleChooser(schedule));
    }

    private Candidate measure(Scenario scenario, Chooser chooser) {
        runs++;
        PreemptionCounter counter = new PreemptionCounter(chooser);
        RunResult r = runner.run(scenario, counter);
        steps += r.costs().steps;
        return new Candidate(scenario, r, counter.preemptions());
    }

    /** Whether the shrink may still run schedules; when not, the first time, notes why. */
    private boolean budgetLeft() {
        if (gaveUp != null) {
            return false;
        }
        if (runs >= MAX_RUNS) {
            gaveUp = String.format(Locale.ROOT, "its limit of %,d runs", MAX_RUNS);
        } else if (steps >= MAX_STEPS) {
            gaveUp = String.format(Locale.ROOT, "its limit of %,d simulated steps (%,d runs)", MAX_STEPS, runs);
        } else {
            timeLeft();
        }
        return gaveUp == null;
    }

    /** Whether the time limit is still ahead; notes it as the reason when it is not. */
    private boolean timeLeft() {
        if (clock.getAsLong() - deadline < 0) {
            return true;
        }
        if (gaveUp == null) {
            gaveUp = String.format(Locale.ROOT, "its time limit of %s (%,d runs)", seconds(timeLimit), runs);
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean fails(Candidate c, Property target) {
        for (Violation v : c.run.violations()) {
            if (v.property() == target) {
                return true;
            }
        }
        return false;
    }

    private Candidate shrinkScenario(Candidate best, Property target) {
        boolean improved = true;
        while (improved && budgetLeft()) {
            improved = false;
            for (Scenario smaller : scenarioShrinks.apply(best.scenario)) {
                if (!budgetLeft()) {
                    break;
                }
                Candidate c = failingScheduleFor(smaller, best.run.schedule(), target);
                if (c != null) {
                    best = c;
                    improved = true;
                    break;
                }
                if (!budgetLeft()) {
                    break;
                }
            }
        }
        return best;
    }

    /**
     * The old schedule on the smaller scenario, else one edit of it (a step of an operation that is
     * gone shifts the rest by one), else a few seeded random ones; null if none fails.
     */
    private Candidate failingScheduleFor(Scenario scenario, Schedule old, Property target) {
        Candidate c = measure(scenario, old);
        if (fails(c, target)) {
            return c;
        }
        List<String> edits = scheduleCandidates(old.choices());
        for (int i = 0; i < Math.min(edits.size(), SEARCH_PER_CANDIDATE * 2) && budgetLeft(); i++) {
            c = measure(scenario, Schedule.ofChoices(edits.get(edits.size() - 1 - i)));
            if (fails(c, target)) {
                return c;
            }
        }
        for (int i = 0; i < SEARCH_PER_CANDIDATE && budgetLeft(); i++) {
            c = measure(scenario, new RandomChooser(i));
            if (fails(c, target)) {
                return c;
            }
        }
        return null;
    }

    private Candidate shrinkSchedule(Candidate best, Property target) {
        boolean improved = true;
        while (improved && budgetLeft()) {
            improved = false;
            for (String choices : scheduleCandidates(best.run.schedule().choices())) {
                Candidate c = measure(best.scenario, Schedule.ofChoices(choices));
                if (fails(c, target) && c.simplerThan(best)) {
                    best = c;
                    improved = true;
                    break;
                }
                if (!budgetLeft()) {
                    break;
                }
            }
        }
        return best;
    }

    /**
     * Edits of a schedule's choices, cheapest first: cut it after a run of one actor (the default
     * rule, which never preempts, finishes it), drop a run, swap two adjacent runs, join a run to its
     * actor's previous one, drop one choice.
     */
    static List<String> scheduleCandidates(String choices) {
        List<Integer> bounds = new ArrayList<>(); // start of each run of one actor, and the end
        for (int i = 0; i < choices.length(); i++) {
            if (i == 0 || choices.charAt(i) != choices.charAt(i - 1)) {
                bounds.add(i);
            }
        }
        bounds.add(choices.length());
        List<String> out = new ArrayList<>();
        for (int j = 0; j < bounds.size() - 1 && out.size() < MAX_CANDIDATES; j++) {
            out.add(choices.substring(0, bounds.get(j)));
        }
        for (int j = 0; j < bounds.size() - 1 && out.size() < MAX_CANDIDATES; j++) {
            out.add(choices.substring(0, bounds.get(j)) + choices.substring(bounds.get(j + 1)));
        }
        for (int j = 0; j < bounds.size() - 2 && out.size() < MAX_CANDIDATES; j++) {
            String a = choices.substring(bounds.get(j), bounds.get(j + 1));
            String b = choices.substring(bounds.get(j + 1), bounds.get(j + 2));
            out.add(choices.substring(0, bounds.get(j)) + b + a + choices.substring(bounds.get(j + 2)));
        }
        // Join a run to its actor's previous run: one switch fewer on each side of it.
        for (int j = 1; j < bounds.size() - 1 && out.size() < MAX_CANDIDATES; j++) {
            char actor = choices.charAt(bounds.get(j));
            for (int i = j - 1; i >= 0; i--) {
                if (choices.charAt(bounds.get(i)) == actor) {
                    String run = choices.substring(bounds.get(j), bounds.get(j + 1));
                    out.add(choices.substring(0, bounds.get(i + 1)) + run
                            + choices.substring(bounds.get(i + 1), bounds.get(j)) + choices.substring(bounds.get(j + 1)));
                    break;
                }
            }
        }
        for (int i = 0; i < choices.length() && out.size() < MAX_CANDIDATES; i++) {
            out.add(choices.substring(0, i) + choices.substring(i + 1));
        }
        return out.size() > MAX_CANDIDATES ? out.subList(0, MAX_CANDIDATES) : out;
    }

    /** The shortest prefix of the run's choices that replays to exactly the same run. */
    private Schedule shortestPrefix(Candidate best) {
        String taken = best.run.schedule().choices();
        for (int len = 0; len < taken.length(); len++) {
            if (!timeLeft()) {
                return best.run.schedule();
            }
            if (len > 0 && taken.charAt(len) == taken.charAt(len - 1)) {
                continue; // cut only where one actor's run ends: the default rule continues a run anyway
            }
            Schedule prefix = Schedule.ofChoices(taken.substring(0, len));
            runs++;
            if (runner.replay(best.scenario, prefix, false).schedule().choices().equals(taken)) {
                return prefix;
            }
        }
        return best.run.schedule();
    }
}
