package dev.stablewrites.harness.explore;

import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sim.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Feedback-guided search, as a fuzzer does it for inputs: keep a small corpus of the runs that
 * pressed hardest on the race (most writes attempted and landing between prep and completion, most
 * resubmits) and spend most schedules on mutants of them: the same choices up to a random point,
 * then random ones. A bug that needs a store in each of several DMA windows is reached by climbing one window
 * at a time, where uniform choice has to hit all of them at once.
 */
public final class GuidedExplorer implements Explorer {
    private static final int CORPUS = 32;
    /** One schedule in this many is fresh, so the corpus keeps meeting new scenarios. */
    private static final int FRESH_EVERY = 4;
    /** Runs drawn from one state of the corpus, made side by side. */
    static final int GENERATION = 16;

    @Override
    public String id() {
        return "guided";
    }

    @Override
    public String describe() {
        return "guided";
    }

    /** A run worth mutating. */
    private record Entry(Scenario scenario, String choices, long score) {
    }

    /**
     * How hard a run pressed on the race: writes attempted and stores landed in the DMA window, and
     * bios sent again. Attempts count so that a strategy that makes them wait is pressed too: with
     * landings alone, mkwrite-wait on mmap saw a write attempted in the window in 1.8% of its
     * contract's schedules; with attempts, 31%.
     */
    static long score(RunResult run) {
        return run.coverage().attempts(StoreWindow.PREP_TO_COMPLETION)
                + run.coverage().stores(StoreWindow.PREP_TO_COMPLETION) + 8 * run.costs().resubmits;
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        List<Entry> corpus = new ArrayList<>();
        int n = 0;
        boolean going = true;
        while (going && n < budget) {
            // One generation: every run drawn from the corpus as it stood before it, so that the
            // generation's runs can be made side by side and the search is the same for any number
            // of threads; then each run joins the corpus in order.
            int size = Math.min(GENERATION, budget - n);
            List<Scenario> scenarios = new ArrayList<>(size);
            List<Chooser> choosers = new ArrayList<>(size);
            for (int i = 1; i <= size; i++) {
                if (corpus.isEmpty() || (n + i) % FRESH_EVERY == 0) {
                    scenarios.add(source.next(master.split()));
                    choosers.add(new RandomChooser(master.nextLong()));
                } else {
                    Entry parent = corpus.get(master.nextInt(corpus.size()));
                    int cut = master.nextInt(parent.choices.length() + 1);
                    scenarios.add(parent.scenario);
                    choosers.add(new PrefixThenRandom(parent.choices.substring(0, cut), master.split()));
                }
            }
            for (RunResult run : runner.runAll(scenarios, choosers)) {
                n++;
                keep(corpus, new Entry(run.scenario(), run.schedule().choices(), score(run)));
                if (!visitor.visit(n, run)) {
                    going = false;
                    break;
                }
            }
        }
        return new Exploration.Summary(false, "no property failed in " + n + " schedules (guided)");
    }

    /** Keeps the {@link #CORPUS} best-scoring runs; among equals, the newest. */
    private static void keep(List<Entry> corpus, Entry e) {
        if (e.score == 0) {
            return;
        }
        if (corpus.size() < CORPUS) {
            corpus.add(e);
            return;
        }
        int worst = 0;
        for (int i = 1; i < corpus.size(); i++) {
            if (corpus.get(i).score < corpus.get(worst).score) {
                worst = i;
            }
        }
        if (e.score >= corpus.get(worst).score) {
            corpus.set(worst, e);
        }
    }

    /** Follows a prefix of choices (skipping any actor not runnable), then chooses uniformly. */
    static final class PrefixThenRandom implements Chooser {
        private final String prefix;
        private final SplittableRandom random;
        private int next;

        PrefixThenRandom(String prefix, SplittableRandom random) {
            this.prefix = prefix;
            this.random = random;
        }

        @Override
        public int choose(Actor[] runnable, int count, int step, Actor previous) {
            while (next < prefix.length()) {
                char wanted = prefix.charAt(next++);
                for (int i = 0; i < count; i++) {
                    if (runnable[i].id() == wanted) {
                        return i;
                    }
                }
            }
            return count == 1 ? 0 : random.nextInt(count);
        }
    }
}
