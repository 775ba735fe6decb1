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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Depth-first search of every schedule of one instance with state caching: at each decision point
 * the whole model state is fingerprinted ({@link dev.stablewrites.core.state.StateFingerprint}), and a
 * run that reaches a state already searched stops there, since everything after it has been (or is
 * being) searched from its first visit. Runs are still replayed from the start; caching only cuts
 * their tails. Sound for every property judged on states, which all of docs/model.md §6 are: the
 * violations and system-call results so far are part of the state.
 *
 * <p>With a preemption bound the cache key also holds the previous actor (whose yielding decides
 * what counts as a preemption), and a state is searched again when reached with fewer preemptions
 * spent than before, so the cut never loses a schedule within the bound. Without a bound the state
 * alone is the key, spin loops become cycles instead of endless runs, and {@code TERMINATES} is
 * judged on the graph: a state from which no schedule ends is a livelock, reported by replaying the
 * schedule that reached it (the default rule then spins until the step budget).
 *
 * <p>One search runs on one thread, so which runs it makes, and in what order, never depends on
 * timing; {@link VerifyExplorer} runs instances side by side instead.
 */
final class StateCachingSearch {
    /** The decision point's state with what the preemption count depends on (bounded search only). */
    private record Key(Fingerprint state, char previous, boolean previousYielded) {
    }

    /** What a finished search found. */
    record Found(List<RunResult> runs, boolean complete, int states, Set<Fingerprint> finalStates, long cutRuns) {
    }

    private static final int END = 0;
    private final Runner runner;
    private final Scenario scenario;
    private final int bound;
    private final int budget;
    private final boolean stopAtFailure;
    private boolean cutting = true;
    private final Map<Key, Integer> index = new HashMap<>();
    private final List<int[]> spent = new ArrayList<>(); // per state: least preemptions it was searched with
    private final List<String> reachedBy = new ArrayList<>();
    private final Set<Fingerprint> distinct = new HashSet<>();
    private final Set<Fingerprint> finals = new HashSet<>();
    private int[] edges = new int[1024];
    private int edgeCount;

    StateCachingSearch(Runner runner, Scenario scenario, int bound, int budget, boolean stopAtFailure) {
        this.runner = runner;
        this.scenario = scenario;
        this.bound = bound;
        this.budget = budget;
        this.stopAtFailure = stopAtFailure;
        reachedBy.add(null); // state 0 is END, the end of every run
        spent.add(null);
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

    Found search() {
        List<RunResult> runs = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        long cut = 0;
        while (true) {
            if (runs.size() + cut >= budget) {
                // A cut run costs a replay like any other: the budget counts both.
                return new Found(runs, false, distinct.size(), finals, cut);
            }
            Recorder recorder = new Recorder(prefix.toString(), stack);
            RunResult run = run(recorder);
            if (recorder.stopped) {
                cut++;
            } else {
                if (cutting) {
                    edge(recorder.last, END);
                }
                finals.add(recorder.probe.fingerprint());
                runs.add(run);
                if (stopAtFailure && !run.holds()) {
                    return new Found(runs, false, distinct.size(), finals, cut);
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
        }
        if (unbounded()) {
            String livelock = livelock();
            if (livelock != null) {
                // No schedule from there ends: the default rule spins on it until the step budget.
                RunResult run = runner.run(scenario, new Recorder(livelock, new ArrayList<>()).replayOnly());
                if (run.violations().stream().anyMatch(v -> v.property() == Property.TERMINATES)) {
                    runs.add(run);
                }
            }
        }
        return new Found(runs, true, distinct.size(), finals, cut);
    }

    /**
     * One run. A state the fingerprint cannot read (a strategy keeping a JDK type it does not know)
     * is bad input for this search, said in one line with the way around it.
     */
    private RunResult run(Recorder recorder) {
        try {
            return runner.run(scenario, recorder);
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

    /** The schedule to a state from which no run ends, or null when every state can reach an end. */
    private String livelock() {
        int n = reachedBy.size();
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
                return reachedBy.get(s);
            }
        }
        return null;
    }

    /**
     * Follows a prefix of forced choices, then the default rule, fingerprinting each decision point
     * past the prefix: a state searched before (within the bound, with as few preemptions) ends the
     * run; a new one is recorded with the alternatives left to try.
     */
    private final class Recorder implements Chooser {
        private final String forced;
        private final List<Node> stack;
        private final StringBuilder path = new StringBuilder();
        private StateProbe probe;
        private int decisions;
        private int preemptions;
        private int last = -1;
        private boolean stopped;
        private boolean replayOnly;

        Recorder(String forced, List<Node> stack) {
            this.forced = forced;
            this.stack = stack;
        }

        Recorder replayOnly() {
            replayOnly = true;
            return this;
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
            int pick;
            if (decisions < forced.length()) {
                pick = ExhaustiveExplorer.Recorder.indexOf(runnable, count, forced.charAt(decisions));
                if (!replayOnly && cutting) {
                    last = stack.get(decisions).state;
                }
            } else if (replayOnly) {
                pick = Chooser.defaultRule(runnable, count, previous);
            } else {
                int state = cutting ? cache(previous) : -1; // an uncut search keeps no states
                if (cutting && state == STOP) {
                    stopped = true;
                    return STOP;
                }
                pick = Chooser.defaultRule(runnable, count, previous);
                List<Character> untried = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (i != pick && (unbounded()
                            || preemptions + Preemptions.cost(runnable, count, previous, i) <= bound)) {
                        untried.add(runnable[i].id());
                    }
                }
                stack.add(new Node(runnable[pick].id(), state, untried));
            }
            if (!unbounded()) {
                preemptions += Preemptions.cost(runnable, count, previous, pick);
            }
            path.append(runnable[pick].id());
            decisions++;
            return pick;
        }

        /**
         * Records this decision point's state, or returns {@link Chooser#STOP} when it was searched
         * before with no more preemptions spent than now.
         */
        private int cache(Actor previous) {
            Fingerprint fp = probe.fingerprint();
            Key key = unbounded() ? new Key(fp, ' ', false)
                    : new Key(fp, previous == null ? ' ' : previous.id(), previous != null && previous.yielded());
            Integer seen = index.get(key);
            int state = seen != null ? seen : reachedBy.size();
            if (seen == null) {
                index.put(key, state);
                reachedBy.add(path.toString());
                spent.add(new int[] {preemptions});
                distinct.add(fp);
            }
            edge(last, state);
            last = state;
            if (seen != null) {
                int[] least = spent.get(state);
                if (least[0] <= preemptions) {
                    return STOP;
                }
                least[0] = preemptions; // reached with more of the bound left: search it again
            }
            return state;
        }
    }
}
