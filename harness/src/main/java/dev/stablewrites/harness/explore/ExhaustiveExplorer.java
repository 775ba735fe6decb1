package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import java.util.ArrayList;
import java.util.List;

/**
 * Every schedule of one scenario instance with at most {@code bound} preemptions (CHESS-style
 * preemption bounding, Musuvathi and Qadeer, PLDI 2007), depth first, each run replayed from the
 * start. Switching away from an actor that could go on is a preemption; when the running actor
 * sleeps, finishes or spins, choosing any other is free. A search that runs out of schedules before
 * its budget has verified the scenario up to that bound: no schedule within it fails.
 */
public final class ExhaustiveExplorer implements Explorer {
    /** Preemption bound used when none is given. */
    public static final int DEFAULT_BOUND = 2;
    private final int bound;

    public ExhaustiveExplorer(int bound) {
        if (bound < 0 || bound > 10) {
            throw new IllegalArgumentException("preemption bound " + bound + " is out of range; valid: 0 to 10");
        }
        this.bound = bound;
    }

    @Override
    public String id() {
        return "exhaustive";
    }

    @Override
    public String describe() {
        return "exhaustive (preemption bound " + bound + ")";
    }

    /** One decision point of the current run: the choices left to try there. */
    private static final class Node {
        final char chosen;
        final List<Character> untried = new ArrayList<>();

        Node(char chosen) {
            this.chosen = chosen;
        }
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        Scenario scenario = source.single();
        List<Node> stack = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        int ran = 0;
        while (true) {
            if (ran == budget) {
                return new Exploration.Summary(false, "no property failed in " + ran + " schedules of " + scenario.kind().id()
                        + ", but the budget ran out before preemption bound " + bound + " was covered");
            }
            Recorder recorder = new Recorder(prefix.toString(), stack, bound);
            ran++;
            if (!visitor.visit(ran, runner.run(scenario, recorder))) {
                return new Exploration.Summary(false, "stopped after " + ran + " schedules");
            }
            // Backtrack to the deepest decision point with a choice left.
            while (!stack.isEmpty() && stack.get(stack.size() - 1).untried.isEmpty()) {
                stack.remove(stack.size() - 1);
            }
            if (stack.isEmpty()) {
                return new Exploration.Summary(true, "verified up to preemption bound " + bound + ": all " + ran
                        + " schedules of '" + scenario + "' hold");
            }
            Node top = stack.get(stack.size() - 1);
            prefix.setLength(0);
            for (int i = 0; i < stack.size() - 1; i++) {
                prefix.append(stack.get(i).chosen);
            }
            char next = top.untried.remove(0);
            stack.set(stack.size() - 1, copyWith(top, next));
            prefix.append(next);
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
    private static final class Recorder implements Chooser {
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
                pick = indexOf(runnable, count, forced.charAt(decisions));
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

        private static int indexOf(Actor[] runnable, int count, char id) {
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
