package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import java.util.ArrayList;
import dev.stablewrites.core.sim.RunResult;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Future;

/**
 * Every schedule of one scenario instance, depth first, each run replayed from the start: with
 * {@linkplain #caching state caching} (the default) and no preemption bound, every schedule there is;
 * with a bound, those with at most {@code bound} preemptions (CHESS-style preemption bounding,
 * Musuvathi and Qadeer, PLDI 2007). Switching away from an actor that could go on is a preemption;
 * when the running actor sleeps, finishes or spins, choosing any other is free. A search that runs
 * out of schedules before its budget has verified the instance: no schedule in its space fails.
 *
 * <p>Without caching only a bounded search ends (spin loops make the unbounded tree endless); it
 * is kept as the reference the caching search is checked against ({@code StateCachingTest}) and
 * runs its subtrees on every worker. A caching search decides on one thread and makes the runs it
 * will need next ahead on the workers ({@link StateCachingSearch}).
 */
public final class ExhaustiveExplorer implements Explorer {
    /** No preemption bound: only with state caching. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Preemption bound used when none is given: none. */
    public static final int DEFAULT_BOUND = UNBOUNDED;
    private final int bound;
    private final boolean caching;
    private final boolean reduction;

    /** Every schedule within {@code bound} preemptions ({@link #UNBOUNDED} for all), with state caching. */
    public ExhaustiveExplorer(int bound) {
        this(bound, true);
    }

    /**
     * @param caching whether to cut runs at states already searched; without it a bound is needed
     */
    public ExhaustiveExplorer(int bound, boolean caching) {
        this(bound, caching, true);
    }

    /**
     * @param caching   whether to cut runs at states already searched; without it a bound is needed
     * @param reduction whether the unbounded search takes a step that commutes with every other
     *                  actor's alone ({@link dev.stablewrites.core.sched.Actor#nextStepCommutes}); off,
     *                  it is the reference that reduction is checked against
     */
    public ExhaustiveExplorer(int bound, boolean caching, boolean reduction) {
        if (bound != UNBOUNDED && (bound < 0 || bound > 10)) {
            throw new IllegalArgumentException("preemption bound " + bound + " is out of range; valid: 0 to 10,"
                    + " or none");
        }
        if (bound == UNBOUNDED && !caching) {
            throw new IllegalArgumentException("an exhaustive search without state caching needs a preemption bound"
                    + " (0 to 10): spin loops make the unbounded schedule tree endless");
        }
        this.bound = bound;
        this.caching = caching;
        this.reduction = reduction;
    }

    @Override
    public String id() {
        return "exhaustive";
    }

    @Override
    public String describe() {
        return "exhaustive (" + boundText(bound) + (caching ? ", state caching" : "") + ")";
    }

    /** Why a search made itself again without its reduction, as the end of a summary's line; or nothing. */
    static String dropped(StateCachingSearch.Found found) {
        return found.reductionDropped() == null ? "" : "; " + SEARCHED_AGAIN + ", as " + found.reductionDropped();
    }

    /** What a search made again without its reduction did, for a summary line. */
    static final String SEARCHED_AGAIN = "searched again trying every actor at every step";

    /** "no preemption bound" or "preemption bound B". */
    static String boundText(int bound) {
        return bound == UNBOUNDED ? "no preemption bound" : "preemption bound " + bound;
    }

    /** The bound for a {@link Strength}: null for none. */
    static Integer strengthBound(int bound) {
        return bound == UNBOUNDED ? null : bound;
    }

    public int bound() {
        return bound;
    }

    public boolean caching() {
        return caching;
    }

    public boolean reduction() {
        return reduction;
    }

    /**
     * Searches one instance with state caching: in order on this thread, with the runs it will make
     * next made ahead on the runner's workers when {@code ahead} and there are some.
     */
    StateCachingSearch.Found searchCaching(Runner runner, Scenario scenario, int budget, boolean stopAtFailure,
                                           boolean ahead) {
        StateCachingSearch search = new StateCachingSearch(runner, scenario, bound, budget, stopAtFailure);
        if (!reduction) {
            search.withoutReduction();
        }
        return (ahead ? search : search.onThisThread()).search();
    }

    /** One decision point of the current run: the choices left to try there. */
    private static final class Node {
        final char chosen;
        final List<Character> untried = new ArrayList<>();

        Node(char chosen) {
            this.chosen = chosen;
        }
    }

    /**
     * The search runs depth first from the root on one worker; whenever another worker is idle, the
     * search hands it the alternatives left at its shallowest decision point, each a subtree searched
     * the same way. In depth-first order those subtrees come after everything the giver still has to
     * search, and before what it gave away earlier (which was shallower), so each subtree's result
     * lists its own runs, then the subtrees it gave away, in that order; reading them so gives the
     * runs, their numbering and the first failure of one depth-first search, whatever the number of
     * threads and whenever the hand-offs happened.
     */
    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        Scenario scenario = source.single();
        if (caching) {
            StateCachingSearch.Found found = searchCaching(runner, scenario, budget, visitor.stopsAtFailure(), true);
            int n = 0;
            for (RunResult run : found.runs()) {
                if (!visitor.visit(++n, run)) {
                    return new Exploration.Summary(false, "stopped after " + n + " schedules");
                }
            }
            if (!found.complete()) {
                return budgetSpent(scenario, n);
            }
            return new Exploration.Summary(true, "verified with " + boundText(bound) + ": all " + n + " schedules of '"
                    + scenario + "' hold (" + found.states() + " states" + dropped(found) + ")", null,
                    new Strength(true, "the instance '" + scenario + "'", strengthBound(bound), n, found.states()));
        }
        Search search = new Search(runner, scenario, budget, visitor.stopsAtFailure());
        int[] ran = {0};
        try {
            Exploration.Summary stopped = visit(Workers.join(runner.fork(() -> search.subtree(""))), ran, budget,
                    visitor, scenario);
            if (stopped != null) {
                return stopped;
            }
        } finally {
            search.stop.set(true); // subtrees still running end at their next run
        }
        return new Exploration.Summary(true, "verified up to preemption bound " + bound + ": all " + ran[0]
                + " schedules of '" + scenario + "' hold", null,
                new Strength(true, "the instance '" + scenario + "'", bound, ran[0]));
    }

    /** Visits a subtree's runs, then the subtrees it gave away; a summary if the exploration ends here. */
    private Exploration.Summary visit(Subtree t, int[] ran, int budget, RunVisitor visitor, Scenario scenario) {
        for (RunResult run : t.runs) {
            if (ran[0] == budget) {
                return budgetSpent(scenario, ran[0]);
            }
            ran[0]++;
            if (!visitor.visit(ran[0], run)) {
                return new Exploration.Summary(false, "stopped after " + ran[0] + " schedules");
            }
        }
        if (!t.complete) {
            return budgetSpent(scenario, ran[0]);
        }
        for (Future<Subtree> given : t.given) {
            Exploration.Summary stopped = visit(Workers.join(given), ran, budget, visitor, scenario);
            if (stopped != null) {
                return stopped;
            }
        }
        return null;
    }

    private Exploration.Summary budgetSpent(Scenario scenario, int ran) {
        return new Exploration.Summary(false, "no property failed in " + ran + " schedules of " + scenario.kind().id()
                + ", but the budget ran out before " + (bound == UNBOUNDED ? "every schedule"
                : "preemption bound " + bound) + " was covered");
    }

    /**
     * The runs of one subtree in depth-first order, then the subtrees it gave away, in the order
     * they are searched in; complete unless cut by the budget, a failure or a stop.
     */
    private record Subtree(List<RunResult> runs, boolean complete, List<Future<Subtree>> given) {
    }

    /** One exhaustive search, shared by the subtrees it is cut into. */
    private final class Search {
        final Runner runner;
        final Scenario scenario;
        final int budget;
        final boolean stopAtFailure;
        final AtomicBoolean stop = new AtomicBoolean();

        Search(Runner runner, Scenario scenario, int budget, boolean stopAtFailure) {
            this.runner = runner;
            this.scenario = scenario;
            this.budget = budget;
            this.stopAtFailure = stopAtFailure;
        }

        /** Depth first under {@code base}: the search as it always was, with the first choices fixed. */
        Subtree subtree(String base) {
            List<RunResult> runs = new ArrayList<>();
            List<Future<Subtree>> given = new ArrayList<>();
            List<Node> stack = new ArrayList<>();
            StringBuilder prefix = new StringBuilder(base);
            while (true) {
                if (runs.size() == budget || stop.get()) {
                    return new Subtree(runs, false, given);
                }
                RunResult run = runner.run(scenario, new Recorder(prefix.toString(), stack, bound));
                runs.add(run);
                if (stopAtFailure && !run.holds()) {
                    return new Subtree(runs, false, given);
                }
                // Backtrack to the deepest decision point with a choice left.
                while (!stack.isEmpty() && stack.get(stack.size() - 1).untried.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
                if (stack.isEmpty()) {
                    return new Subtree(runs, true, given);
                }
                if (stack.size() > 1 && runner.hungry()) {
                    giveAway(base, stack, given);
                }
                Node top = stack.get(stack.size() - 1);
                prefix.setLength(0);
                prefix.append(base);
                for (int i = 0; i < stack.size() - 1; i++) {
                    prefix.append(stack.get(i).chosen);
                }
                char next = top.untried.remove(0);
                stack.set(stack.size() - 1, copyWith(top, next));
                prefix.append(next);
            }
        }

        /**
         * Hands the alternatives of the shallowest decision point with some left (not the deepest,
         * which this search takes next) to other workers, ahead of what was given away before.
         */
        private void giveAway(String base, List<Node> stack, List<Future<Subtree>> given) {
            for (int d = 0; d < stack.size() - 1; d++) {
                Node node = stack.get(d);
                if (node.untried.isEmpty()) {
                    continue;
                }
                StringBuilder at = new StringBuilder(base);
                for (int i = 0; i < d; i++) {
                    at.append(stack.get(i).chosen);
                }
                List<Future<Subtree>> group = new ArrayList<>();
                for (char alternative : node.untried) {
                    String sub = at.toString() + alternative;
                    group.add(runner.fork(() -> subtree(sub)));
                }
                node.untried.clear();
                given.addAll(0, group);
                return;
            }
        }
    }

    private static Node copyWith(Node node, char chosen) {
        Node n = new Node(chosen);
        n.untried.addAll(node.untried);
        return n;
    }

    /**
     * Follows the forced choices of a prefix at decision points (steps with more than one runnable
     * actor), then the default rule; records every new decision point with the alternatives still
     * within the preemption bound.
     */
    static final class Recorder implements Chooser {
        private final String forced;
        private final List<Node> stack;
        private final int bound;
        private int decisions;
        private int preemptions;

        Recorder(String forced, List<Node> stack, int bound) {
            this.forced = forced;
            this.stack = stack;
            this.bound = bound;
        }

        @Override
        public int choose(Actor[] runnable, int count, int step, Actor previous) {
            if (count == 1) {
                return 0;
            }
            int pick;
            if (decisions < forced.length()) {
                pick = Recorder.indexOf(runnable, count, forced.charAt(decisions));
            } else {
                pick = Chooser.defaultRule(runnable, count, previous);
                Node node = new Node(runnable[pick].id());
                for (int i = 0; i < count; i++) {
                    if (i != pick && preemptions + Preemptions.cost(runnable, count, previous, i) <= bound) {
                        node.untried.add(runnable[i].id());
                    }
                }
                stack.add(node);
            }
            preemptions += Preemptions.cost(runnable, count, previous, pick);
            decisions++;
            return pick;
        }

        static int indexOf(Actor[] runnable, int count, char id) {
            for (int i = 0; i < count; i++) {
                if (runnable[i].id() == id) {
                    return i;
                }
            }
            // The prefix was recorded from this very run: a missing actor means the run is not deterministic.
            throw new IllegalStateException("replayed prefix chose actor " + id + ", which is not runnable");
        }
    }
}
