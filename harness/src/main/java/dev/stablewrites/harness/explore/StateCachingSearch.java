package dev.stablewrites.harness.explore;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.state.Fingerprint;
import dev.stablewrites.core.state.StateProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Depth-first search of every schedule of one instance with state caching: at each decision point
 * the whole model state is fingerprinted ({@link dev.stablewrites.core.state.StateFingerprint}), and a
 * run that reaches a state already searched stops there, since everything after it has been (or is
 * being) searched from its first visit. Runs are still replayed from the start; caching only cuts
 * their tails. Sound for every property judged on states, which all of docs/model.md §6 are: the
 * violations so far are part of the state (a false EIO is one, raised where the call returns).
 *
 * <p>With a preemption bound the cache key also holds the previous actor (whose yielding decides
 * what counts as a preemption), and a state is searched again when reached with fewer preemptions
 * spent than before, so the cut never loses a schedule within the bound. Without a bound the state
 * alone is the key, spin loops become cycles instead of endless runs, and {@code TERMINATES} is
 * judged on the graph: a state from which no schedule ends is a livelock, reported by replaying the
 * schedule that reached it (the default rule then spins until the step budget).
 *
 * <p>The search decides on one thread, in depth-first order. With workers ({@link Runner#parallel()})
 * the runs it will take next are made ahead on them ({@link RunsAhead}): the alternatives left on
 * its stack, and those at the last new decision point of a run just made. A run's steps never
 * depend on the cache, only where it is cut does; so a run made ahead records every decision point
 * until a state already searched when it gets there, or one it met earlier itself (a spin loop), and
 * this thread, taking the records in depth-first order, cuts each where the search on one thread
 * would have: at that state or before, since the cache only grows. Which runs are taken, their
 * numbering, the states, the first failure and the budget's count are the same for any number of
 * threads; only the work done ahead, and thrown away, differs. {@link VerifyExplorer} runs instances side by side instead.
 *
 * <p>Without a bound one partial-order reduction applies: where a runnable actor's next step commutes
 * with every step the others can take (a disk's DMA step of an interval that arrives intact), that
 * step is taken alone, a persistent set of one step, with no decision point. The actor that promised
 * it checks the promise (a writer that stored into a promised interval before the command ended breaks
 * it); a broken one, counted where this thread meets it, makes the whole search again without the
 * reduction.
 */
final class StateCachingSearch {
    /** The decision point's state with what the preemption count depends on (bounded search only). */
    private record Key(Fingerprint state, char previous, boolean previousYielded) {
    }

    /**
     * What a finished search found; {@code madeAhead} of its runs were made ahead (by a worker, or by
     * this thread while it waited). {@code takenFirst} steps of the runs it took were taken alone as
     * commuting ({@link Actor#nextStepCommutes}); {@code reductionDropped} says why the search was made
     * again without that, or is null, and {@code discardedRuns} how many runs the attempt thrown away
     * had taken (spent from the same budget).
     */
    record Found(List<RunResult> runs, boolean complete, int states, Set<Fingerprint> finalStates, long cutRuns,
                 long madeAhead, long takenFirst, String reductionDropped, long discardedRuns) {
        Found droppingReduction(String why, long discarded) {
            return new Found(runs, complete, states, finalStates, cutRuns, madeAhead, takenFirst, why,
                    discardedRuns + discarded);
        }

        /** Every run this search replayed, cut ones and a discarded attempt's too: what its budget counted. */
        long runsSpent() {
            return runs.size() + cutRuns + discardedRuns;
        }
    }

    /**
     * A state searched, and the fewest preemptions it was searched with. Workers read it while this
     * thread lowers it; a stale read is a higher count, which only lets a worker's run go on.
     */
    private static final class Seen {
        final int state;
        volatile int least;

        Seen(int state, int least) {
            this.state = state;
            this.least = least;
        }
    }

    private static final int END = 0;
    /** What {@link #absorb} returns for a run it cut. */
    private static final int CUT = Integer.MIN_VALUE;
    /** Generations of runs started ahead from runs made ahead. */
    private static final int GENERATIONS = 2;
    private final Runner runner;
    private final Scenario scenario;
    private final int bound;
    private final int budget;
    private final boolean stopAtFailure;
    private boolean cutting = true;
    private boolean runAhead = true;
    /** Whether a step that commutes with every other actor's is taken alone (unbounded searches only). */
    private boolean reducing;
    private long takenFirst;
    /** Runs taken so far, cut ones too: what the budget counts, and what a search made again has left. */
    private long runsTaken;
    private final Map<Key, Seen> index = new ConcurrentHashMap<>();
    /**
     * Per state, the state it was first reached from (-1 at the root) and the choice made there: the
     * schedule to it ({@link #scheduleTo}) in six bytes a state rather than a string of its depth.
     */
    private int[] reachedFrom = new int[1024];
    private char[] reachedWith = new char[1024];
    /** States numbered so far, {@link #END} included. */
    private int stateCount = 1;
    private final Set<Fingerprint> distinct = new HashSet<>();
    private final Set<Fingerprint> finals = new HashSet<>();
    private int[] edges = new int[1024];
    private int edgeCount;
    /** Runs made ahead on workers, when there are some and this search may ({@link #onThisThread}). */
    private RunsAhead<Walk> ahead;

    StateCachingSearch(Runner runner, Scenario scenario, int bound, int budget, boolean stopAtFailure) {
        this.runner = runner;
        this.scenario = scenario;
        this.bound = bound;
        this.budget = budget;
        this.stopAtFailure = stopAtFailure;
        this.reducing = unbounded();
        reachedFrom[END] = -1; // state 0 is END, the end of every run
    }

    /**
     * The same search trying every runnable actor at every decision point, even where one's next step
     * commutes with all the others': the reference the reduction is checked against.
     */
    StateCachingSearch withoutReduction() {
        reducing = false;
        return this;
    }

    /**
     * The same search with no state cached and no run cut: every schedule within the bound, each
     * run to its end, final states still fingerprinted. The reference the cut search is checked
     * against; needs a bound.
     */
    StateCachingSearch withoutCutting() {
        if (unbounded()) {
            throw new IllegalArgumentException("a search that cuts nothing needs a preemption bound");
        }
        cutting = false;
        reducing = false;
        return this;
    }

    /** The same search, making no run ahead: for searches already side by side on the workers. */
    StateCachingSearch onThisThread() {
        runAhead = false;
        return this;
    }

    private boolean unbounded() {
        return bound == ExhaustiveExplorer.UNBOUNDED;
    }

    /** One decision point of the current run: the state there and the choices left to try. */
    private static final class Node {
        final char chosen;
        final int state;
        final List<Character> untried;

        Node(char chosen, int state, List<Character> untried) {
            this.chosen = chosen;
            this.state = state;
            this.untried = untried;
        }
    }

    /**
     * What one run met past its forced prefix: each decision point's key (when cutting), the
     * preemptions spent before it, the alternatives within the bound and the default rule's pick;
     * then either the run's result and final state, or that it stopped at a state searched before.
     */
    private static final class Walk {
        final List<Key> keys = new ArrayList<>();
        final List<List<Character>> untried = new ArrayList<>();
        final StringBuilder picks = new StringBuilder();
        int[] preemptions = new int[16];
        boolean stopped;
        RunResult result;
        Fingerprint finalState;
        /** Steps taken alone as commuting, in the whole run. */
        long takenAlone;
        /** Why the run ended on a broken promise ({@link #absorb} decides whether it counts), or null. */
        String broken;
        /** The decision point whose alternatives were started ahead from this record, or -1. */
        int startedFrom = -1;

        void add(Key key, int spent, List<Character> alternatives, char pick) {
            int i = picks.length();
            if (i == preemptions.length) {
                preemptions = Arrays.copyOf(preemptions, i * 2);
            }
            preemptions[i] = spent;
            keys.add(key);
            untried.add(alternatives);
            picks.append(pick);
        }

        int points() {
            return picks.length();
        }
    }

    Found search() {
        try {
            return searchOnce();
        } catch (dev.stablewrites.core.sched.Scheduler.CommutationBroken e) {
            if (!reducing) {
                throw e;
            }
            // A strategy changed what a step taken first had read: nothing this search found can be
            // trusted, so it is made again from the start, trying every actor everywhere.
            StateCachingSearch again = new StateCachingSearch(runner, scenario, bound,
                    (int) Math.max(0, budget - runsTaken), stopAtFailure).withoutReduction();
            again.runAhead = runAhead;
            return again.search().droppingReduction(e.getMessage(), runsTaken);
        }
    }

    private Found searchOnce() {
        ahead = cutting && runAhead && runner.parallel() ? new RunsAhead<>(runner, this::walkAndStartNext) : null;
        try {
            return searchInOrder();
        } finally {
            if (ahead != null) {
                ahead.dropAll(); // runs still made ahead are thrown away
            }
        }
    }

    private Found found(List<RunResult> runs, boolean complete, long cut) {
        return new Found(runs, complete, distinct.size(), finals, cut, madeAhead(), takenFirst, null, 0);
    }

    /**
     * The runnable actor whose next step commutes with every other actor's, which the reduction takes
     * alone, or -1. Taking it is no decision: a schedule's prefix counts only the points where there was
     * a choice, so every chooser of this search asks this first.
     */
    private int takenAlone(Actor[] runnable, int count) {
        if (!reducing) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (runnable[i].nextStepCommutes()) {
                return i;
            }
        }
        return -1;
    }

    private Found searchInOrder() {
        List<RunResult> runs = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        long cut = 0;
        while (true) {
            if (runs.size() + cut >= budget) {
                // A cut run costs a replay like any other: the budget counts both.
                return found(runs, false, cut);
            }
            String forced = prefix.toString();
            Walk walk = take(forced);
            takenFirst += walk.takenAlone;
            runsTaken++;
            int last = absorb(forced, walk, stack);
            if (last == CUT) {
                cut++;
            } else {
                if (cutting) {
                    edge(last, END);
                }
                finals.add(walk.finalState);
                runs.add(walk.result);
                if (stopAtFailure && !walk.result.holds()) {
                    return found(runs, false, cut);
                }
            }
            while (!stack.isEmpty() && stack.get(stack.size() - 1).untried.isEmpty()) {
                stack.remove(stack.size() - 1);
            }
            if (stack.isEmpty()) {
                break;
            }
            Node top = stack.get(stack.size() - 1);
            prefix.setLength(0);
            for (int i = 0; i < stack.size() - 1; i++) {
                prefix.append(stack.get(i).chosen);
            }
            char next = top.untried.remove(0);
            stack.set(stack.size() - 1, new Node(next, top.state, top.untried));
            prefix.append(next);
            if (ahead != null) {
                startFromStack(stack, prefix);
            }
        }
        if (unbounded()) {
            String livelock = livelock();
            if (livelock != null) {
                // No schedule from there ends: the default rule spins on it until the step budget.
                RunResult run = runner.run(scenario, new Replay(livelock, this));
                if (run.violations().stream().anyMatch(v -> v.property() == Property.TERMINATES)) {
                    runs.add(run);
                }
            }
        }
        return found(runs, true, cut);
    }

    /**
     * Takes one run's record in depth-first order, as the search on one thread would have made it:
     * each decision point past the prefix is looked up, the first searched before (with no more
     * preemptions spent) cuts the run, and each new one goes on the stack with its alternatives.
     *
     * @return the last state of the run, for its edge to the end, or {@link #CUT}
     */
    private int absorb(String forced, Walk walk, List<Node> stack) {
        int last = cutting && !forced.isEmpty() ? stack.get(forced.length() - 1).state : -1;
        for (int i = 0; i < walk.points(); i++) {
            int state = -1; // an uncut search keeps no states
            if (cutting) {
                Key key = walk.keys.get(i);
                int spent = walk.preemptions[i];
                Seen seen = index.get(key);
                state = seen != null ? seen.state : stateCount;
                if (seen == null) {
                    index.put(key, new Seen(state, spent));
                    // Reached from the point before, over the pick made there (or the prefix's last choice).
                    newState(last, i > 0 ? walk.picks.charAt(i - 1) : forced.isEmpty() ? ' ' : forced.charAt(forced.length() - 1));
                    distinct.add(key.state());
                }
                edge(last, state);
                last = state;
                if (seen != null) {
                    if (seen.least <= spent) {
                        forget(forced, walk, i);
                        return CUT;
                    }
                    seen.least = spent; // reached with more of the bound left: search it again
                }
            }
            stack.add(new Node(walk.picks.charAt(i), state, walk.untried.get(i)));
        }
        if (walk.broken != null) {
            // Only now, where the search on one thread would have reached it: a run made ahead goes on
            // past the state where this thread cuts it, and a promise it breaks there counts for nothing.
            throw new dev.stablewrites.core.sched.Scheduler.CommutationBroken(walk.broken);
        }
        if (walk.stopped) {
            // A run stops only at a state searched before it ran, or met earlier in it; the cache only grows.
            throw new IllegalStateException("a run stopped at a state not searched: " + forced);
        }
        return last;
    }

    /**
     * Gives up the runs started ahead from {@code walk}'s decision point at or past {@code cut}: the
     * search cut the run there, so it never takes them.
     */
    private void forget(String forced, Walk walk, int cut) {
        if (ahead != null && walk.startedFrom >= cut) {
            String at = forced + walk.picks.substring(0, walk.startedFrom);
            walk.untried.get(walk.startedFrom).forEach(alternative -> ahead.drop(at + alternative));
        }
    }

    private long madeAhead() {
        return ahead == null ? 0 : ahead.taken();
    }

    /** The record of the run forced by {@code forced}: made ahead on a worker, or made now. */
    private Walk take(String forced) {
        Walk made = ahead == null ? null : ahead.take(forced);
        return made != null ? made : walkAndStartNext(forced, 0);
    }

    /**
     * Starts the runs the search takes after the one it takes now ({@code next}): the alternatives
     * left on the stack, deepest first, four per thread.
     */
    private void startFromStack(List<Node> stack, CharSequence next) {
        int wanted = 4 * runner.workerThreads();
        StringBuilder at = new StringBuilder();
        for (int d = stack.size() - 1; d >= 0 && wanted > 0; d--) {
            Node node = stack.get(d);
            if (node.untried.isEmpty()) {
                continue;
            }
            at.setLength(0);
            at.append(next, 0, d);
            for (int k = 0; k < node.untried.size() && wanted > 0; k++, wanted--) {
                at.setLength(d);
                ahead.start(at.append(node.untried.get(k)).toString(), 1, true);
            }
        }
    }

    /**
     * One run, then, when running ahead, the alternatives at its last new decision point started:
     * the search's next runs whenever that point is still new when it takes this one. A run started
     * by a run made ahead starts none ({@link #GENERATIONS}): the further from what the search has
     * taken, the likelier the point is cut by then.
     */
    private Walk walkAndStartNext(String forced, int generation) {
        Walk w = walk(forced);
        int point = w.points() - (w.stopped ? 2 : 1); // a stop is at a state searched: it goes on no stack
        if (ahead != null && generation < GENERATIONS && point >= 0 && !w.untried.get(point).isEmpty()) {
            w.startedFrom = point;
            String at = forced + w.picks.substring(0, point);
            boolean first = true;
            for (char alternative : w.untried.get(point)) {
                ahead.start(at + alternative, generation + 1, first);
                first = false;
            }
        }
        return w;
    }

    /** One run forced by {@code forced}, recorded; safe on any thread, as the cache is only read. */
    private Walk walk(String forced) {
        Recorder recorder = new Recorder(forced);
        RunResult run;
        try {
            run = run(recorder);
        } catch (dev.stablewrites.core.sched.Scheduler.CommutationBroken e) {
            recorder.walk.broken = e.getMessage();
            return recorder.walk;
        }
        if (!recorder.walk.stopped) {
            recorder.walk.result = run;
            recorder.walk.finalState = recorder.probe.fingerprint();
        }
        return recorder.walk;
    }

    /**
     * One run. A state the fingerprint cannot read (a strategy keeping a JDK type it does not know)
     * is bad input for this search, said in one line with the way around it.
     */
    private RunResult run(Chooser chooser) {
        try {
            return runner.run(scenario, chooser);
        } catch (dev.stablewrites.core.sched.Scheduler.ChooserFailure e) {
            if (e.getCause() instanceof dev.stablewrites.core.state.StateFingerprint.Unsupported u) {
                throw new IllegalArgumentException("state caching cannot read the state of " + runner.strategy() + ": "
                        + u.getMessage() + "; or search without it: --no-state-caching --bound B");
            }
            throw e;
        }
    }

    private void edge(int from, int to) {
        if (from < 0) {
            return;
        }
        if (edgeCount + 2 > edges.length) {
            edges = Arrays.copyOf(edges, edges.length * 2);
        }
        edges[edgeCount++] = from;
        edges[edgeCount++] = to;
    }

    private void newState(int from, char with) {
        if (stateCount == reachedFrom.length) {
            reachedFrom = Arrays.copyOf(reachedFrom, stateCount * 2);
            reachedWith = Arrays.copyOf(reachedWith, stateCount * 2);
        }
        reachedFrom[stateCount] = from;
        reachedWith[stateCount] = with;
        stateCount++;
    }

    /**
     * The choices that first reached {@code state}, read back along the states it was reached from.
     * Without a bound a run goes on only from a state new to the search, so each of those was first
     * reached by the same choices as this one.
     */
    private String scheduleTo(int state) {
        StringBuilder back = new StringBuilder();
        for (int s = state; reachedFrom[s] >= 0; s = reachedFrom[s]) {
            back.append(reachedWith[s]);
        }
        return back.reverse().toString();
    }

    /** The schedule to a state from which no run ends, or null when every state can reach an end. */
    private String livelock() {
        int n = stateCount;
        int[] degree = new int[n + 1];
        for (int i = 0; i < edgeCount; i += 2) {
            degree[edges[i + 1]]++;
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] from = new int[edgeCount / 2];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < edgeCount; i += 2) {
            from[fill[edges[i + 1]]++] = edges[i];
        }
        boolean[] ends = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        ends[END] = true;
        queue[tail++] = END;
        while (head < tail) {
            int s = queue[head++];
            for (int i = start[s]; i < start[s + 1]; i++) {
                if (!ends[from[i]]) {
                    ends[from[i]] = true;
                    queue[tail++] = from[i];
                }
            }
        }
        for (int s = 1; s < n; s++) {
            if (!ends[s]) {
                return scheduleTo(s);
            }
        }
        return null;
    }

    /**
     * Follows a prefix of forced choices, then the default rule, recording each decision point past
     * the prefix; when cutting, stops at a state searched already (within the bound, with as few
     * preemptions) or met earlier in this run (a spin loop: preemptions never go down along a run).
     */
    private final class Recorder implements Chooser {
        private final String forced;
        private final Walk walk = new Walk();
        private final Set<Key> met = new HashSet<>();
        private StateProbe probe;
        private int decisions;
        private int preemptions;

        Recorder(String forced) {
            this.forced = forced;
        }

        @Override
        public void attach(StateProbe p) {
            probe = p;
        }

        @Override
        public int choose(Actor[] runnable, int count, int step, Actor previous) {
            if (count == 1) {
                return 0;
            }
            int alone = takenAlone(runnable, count);
            if (alone >= 0) {
                walk.takenAlone++;
                return alone;
            }
            int pick;
            if (decisions < forced.length()) {
                pick = ExhaustiveExplorer.Recorder.indexOf(runnable, count, forced.charAt(decisions));
            } else {
                Key key = null;
                boolean searched = false;
                if (cutting) {
                    Fingerprint fp = probe.fingerprint();
                    key = unbounded() ? new Key(fp, ' ', false)
                            : new Key(fp, previous == null ? ' ' : previous.id(), previous != null && previous.yielded());
                    Seen seen = index.get(key);
                    searched = seen != null && seen.least <= preemptions || !met.add(key);
                }
                pick = Chooser.defaultRule(runnable, count, previous);
                List<Character> untried = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (i != pick && (unbounded()
                            || preemptions + Preemptions.cost(runnable, count, previous, i) <= bound)) {
                        untried.add(runnable[i].id());
                    }
                }
                walk.add(key, preemptions, untried, runnable[pick].id());
                if (searched) {
                    walk.stopped = true;
                    return STOP;
                }
            }
            if (!unbounded()) {
                preemptions += Preemptions.cost(runnable, count, previous, pick);
            }
            decisions++;
            return pick;
        }
    }

    /** Follows a prefix of forced choices, then the default rule: how a livelock is shown. */
    private static final class Replay implements Chooser {
        private final String forced;
        private final StateCachingSearch search;
        private int decisions;

        Replay(String forced, StateCachingSearch search) {
            this.forced = forced;
            this.search = search;
        }

        @Override
        public int choose(Actor[] runnable, int count, int step, Actor previous) {
            if (count == 1) {
                return 0;
            }
            int alone = search.takenAlone(runnable, count);
            if (alone >= 0) {
                return alone;
            }
            int pick = decisions < forced.length()
                    ? ExhaustiveExplorer.Recorder.indexOf(runnable, count, forced.charAt(decisions))
                    : Chooser.defaultRule(runnable, count, previous);
            decisions++;
            return pick;
        }
    }
}
