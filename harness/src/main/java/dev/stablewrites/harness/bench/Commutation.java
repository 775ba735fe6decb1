package dev.stablewrites.harness.bench;

import dev.stablewrites.core.footprint.Footprint;
import dev.stablewrites.core.footprint.FootprintAgent;
import dev.stablewrites.core.footprint.FootprintRecorder;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.state.Fingerprint;
import dev.stablewrites.core.state.StateProbe;
import dev.stablewrites.harness.explore.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How much of a scenario's interleaving commutes where sampled: at a decision point drawn uniformly
 * from each of a number of seeded random runs, each pair of enabled actors is run in both orders, one
 * step each, the second right after the first, and the two states' fingerprints compared. A pair
 * that reaches one state commutes there; one whose states differ does not; in a third kind of pair
 * the second actor cannot run right after the first (the first step put it to sleep, or it was the
 * last). Local commutation is not
 * independence (a persistent set needs the actors' later steps too), so this says how much room a
 * partial-order reduction could have, not how much it would save: issue 14's design input.
 *
 * <p>With footprints ({@link FootprintAgent#enable}), each actor's step is also recorded from the
 * point, named by the state's object numbers, and a pair whose footprints do not conflict is
 * <em>independent</em>. An independent pair must commute: one that does not is a step the recorder
 * missed (a gap in {@link dev.stablewrites.core.footprint.FootprintTransformer}'s rewriting, or a
 * strategy touching state it cannot see), counted in {@code missed}.
 *
 * @param strategy the strategy
 * @param scenario the instance sampled
 * @param samples  decision points sampled (those with at least two enabled actors)
 * @param commute  pairs that reached one state in both orders
 * @param differ   pairs whose two orders reached different states
 * @param disabled pairs in which one order could not run the second actor right after the first
 * @param independent pairs whose steps' footprints do not conflict; -1 without footprints
 * @param missed   independent pairs that did not commute (should be none)
 */
public record Commutation(String strategy, String scenario, int samples, int commute, int differ, int disabled,
                          int independent, int missed) {

    /** Samples {@code runs} random runs of {@code scenario} under {@code runner}'s strategy, from {@code seed}. */
    public static Commutation measure(Runner runner, Scenario scenario, int runs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int samples = 0;
        int commute = 0;
        int differ = 0;
        int disabled = 0;
        boolean footprints = FootprintAgent.enable();
        int independent = 0;
        int missed = 0;
        for (int n = 0; n < runs; n++) {
            // One seeded random run; its decision points are sampled uniformly by depth.
            List<Character> walk = walk(runner, scenario, rnd);
            if (walk.isEmpty()) {
                continue;
            }
            List<Character> path = new ArrayList<>(walk.subList(0, rnd.nextInt(walk.size())));
            At here = at(runner, scenario, path);
            if (here == null || here.enabled.length < 2) {
                continue;
            }
            samples++;
            char[] en = here.enabled;
            Footprint[] feet = new Footprint[en.length];
            for (int i = 0; footprints && i < en.length; i++) {
                feet[i] = footprint(runner, scenario, path, en[i]);
            }
            for (int i = 0; i < en.length; i++) {
                for (int j = i + 1; j < en.length; j++) {
                    Fingerprint ab = after(runner, scenario, path, en[i], en[j]);
                    Fingerprint ba = after(runner, scenario, path, en[j], en[i]);
                    boolean commutes = ab != null && ba != null && ab.equals(ba);
                    if (ab == null || ba == null) {
                        disabled++;
                    } else if (commutes) {
                        commute++;
                    } else {
                        differ++;
                    }
                    if (footprints && !feet[i].conflictsWith(feet[j])) {
                        independent++;
                        if (!commutes) {
                            missed++;
                        }
                    }
                }
            }
        }
        return new Commutation(runner.strategy(), scenario.toString(), samples, commute, differ, disabled,
                footprints ? independent : -1, missed);
    }

    /**
     * What {@code actor}'s next step reads and writes from the decision point {@code prefix} leads to,
     * named by that state's object numbers. Recording starts at the point: the prefix is not this step.
     */
    static Footprint footprint(Runner runner, Scenario scenario, List<Character> prefix, char actor) {
        Footprint[] out = new Footprint[1];
        FootprintRecorder.Recording[] recording = new FootprintRecorder.Recording[1];
        List<Map<Object, Integer>> numbers = new ArrayList<>(1);
        try {
            runner.run(scenario, new FromPoint(prefix) {
                @Override
                int fromPoint(Actor[] runnable, int count, int choice) {
                    if (choice == 0) {
                        numbers.add(probe.numbering());
                        recording[0] = FootprintRecorder.open();
                        return indexOf(runnable, count, actor);
                    }
                    out[0] = recording[0].take().named(numbers.get(0));
                    return STOP;
                }
            });
            if (out[0] == null && recording[0] != null) {
                out[0] = recording[0].take().named(numbers.get(0)); // the step ended the run
            }
        } finally {
            if (recording[0] != null) {
                recording[0].close();
            }
        }
        return out[0];
    }

    /** Pairs compared. */
    public int pairs() {
        return commute + differ + disabled;
    }

    /**
     * The state right after {@code first}'s next step and then {@code second}'s, from the decision
     * point {@code prefix} leads to; null when {@code second} cannot run right after {@code first}
     * (asleep, or finished). Forced steps on the way to the decision point are taken as in
     * {@link #at}; after the first step, a decision with one runnable actor counts: the second step
     * must be the next one, whoever else could run.
     */
    private static Fingerprint after(Runner runner, Scenario scenario, List<Character> prefix, char first,
                                     char second) {
        Fingerprint[] out = new Fingerprint[1];
        boolean[] disabled = {false};
        int[] ran = {0}; // of first and second, how many were picked
        FromPoint chooser = new FromPoint(prefix) {
            @Override
            int fromPoint(Actor[] runnable, int count, int choice) {
                if (choice == 2) {
                    out[0] = probe.fingerprint();
                    return STOP;
                }
                int k = indexOf(runnable, count, choice == 0 ? first : second);
                if (k == STOP) {
                    disabled[0] = true;
                } else {
                    ran[0]++;
                }
                return k;
            }
        };
        runner.run(scenario, chooser);
        if (disabled[0] || ran[0] < 2) {
            return null; // the second could not run next, or the run ended before it
        }
        // The run may end with the second step: then its final state is the one after it.
        return out[0] != null ? out[0] : chooser.probe.fingerprint();
    }

    private static int indexOf(Actor[] runnable, int count, char id) {
        for (int k = 0; k < count; k++) {
            if (runnable[k].id() == id) {
                return k;
            }
        }
        return Chooser.STOP;
    }

    /** The choices of one run that picks among the runnable actors at random, at each decision with two or more. */
    private static List<Character> walk(Runner runner, Scenario scenario, SplittableRandom rnd) {
        List<Character> choices = new ArrayList<>();
        runner.run(scenario, (runnable, count, step, previous) -> {
            if (count == 1) {
                return 0;
            }
            int pick = rnd.nextInt(count);
            choices.add(runnable[pick].id());
            return pick;
        });
        return choices;
    }

    /** A decision point: its state and the actors enabled there. */
    private record At(Fingerprint state, char[] enabled) {
    }

    /**
     * Follows {@code prefix} (one actor id per decision with two or more runnable) and returns the next
     * decision point, or null when a pick was not runnable or the run ended first.
     */
    private static At at(Runner runner, Scenario scenario, List<Character> prefix) {
        At[] out = new At[1];
        runner.run(scenario, new FromPoint(prefix) {
            @Override
            int fromPoint(Actor[] runnable, int count, int choice) {
                char[] enabled = new char[count];
                for (int k = 0; k < count; k++) {
                    enabled[k] = runnable[k].id();
                }
                out[0] = new At(probe.fingerprint(), enabled);
                return STOP;
            }
        });
        return out[0];
    }

    /**
     * The one way every probe here reaches its decision point: forced steps run, {@code prefix} picks
     * at each decision among two or more, and the first such decision after it is the point. From there
     * {@link #fromPoint} makes every choice, forced ones too (the steps taken from the point are the
     * probe's business).
     */
    private abstract static class FromPoint implements Chooser {
        private final List<Character> prefix;
        private int i;
        private boolean reached;
        private int choice;
        StateProbe probe;

        FromPoint(List<Character> prefix) {
            this.prefix = prefix;
        }

        @Override
        public void attach(StateProbe p) {
            probe = p;
        }

        @Override
        public int choose(Actor[] runnable, int count, int step, Actor previous) {
            if (!reached) {
                if (count == 1) {
                    return 0;
                }
                if (i < prefix.size()) {
                    return indexOf(runnable, count, prefix.get(i++)); // STOP if that actor cannot run
                }
                reached = true;
            }
            return fromPoint(runnable, count, choice++);
        }

        /** The {@code choice}-th choice from the decision point (0 at the point). */
        abstract int fromPoint(Actor[] runnable, int count, int choice);
    }
}
