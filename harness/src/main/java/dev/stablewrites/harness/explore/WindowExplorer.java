package dev.stablewrites.harness.explore;

import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.RandomChooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Window-targeted search, after reads-from fuzzing (RFF, Wolff et al., ASPLOS 2024), which mutates
 * a schedule at the events that matter rather than anywhere: keep a corpus of runs scored by how
 * many DMA windows their stores reached (each bio sent again is one window more, so the resubmits
 * weigh most), and mutate a kept run by putting a writer's next steps right after one of its
 * {@code submit_bio} steps, where the window opens, then following the rest of its choices. A
 * store that landed in window k is kept, and the next mutation aims at window k+1: {@code
 * recheck-resubmit}'s failure (a store in each of four windows of one bio) is four such climbs.
 * One schedule in four is fresh and one mutation in four is the guided explorer's (the kept choices
 * up to a random point, then random), so the corpus keeps meeting new instances.
 *
 * <p>Like {@link GuidedExplorer} it works in generations drawn from the corpus as it stood, so the
 * runs of one are made side by side and the search is the same for any number of threads. Where a
 * kept run's windows open is read from its trace, replayed once, when it is first mutated.
 */
public final class WindowExplorer implements Explorer {
    private static final int CORPUS = 32;
    private static final int FRESH_EVERY = 4;
    /** Most steps of the writer put into a window at once (a faulting store takes five). */
    private static final int MOST_STEPS = 6;
    /** How many of the writer's earlier steps are taken out: mostly one, as a store moved by one window. */
    private static final int[] DELAYS = {0, 1, 1, 1, 2, 3};

    @Override
    public String id() {
        return "window";
    }

    @Override
    public String describe() {
        return "window";
    }

    /** A run worth mutating; where its windows open is found when first needed. */
    private static final class Entry {
        final Scenario scenario;
        final String choices;
        final long score;
        int[] opens;

        Entry(Scenario scenario, String choices, long score) {
            this.scenario = scenario;
            this.choices = choices;
            this.score = score;
        }
    }

    /**
     * How many DMA windows a run reached: bios sent again first (each a window more that a store
     * reached), then the instance's data operations (a run with stores to spare can reach one more
     * window; one whose every store is spent is a dead end), then stores landed and writes
     * attempted between prep and completion. Zero when no write was even attempted in a window.
     */
    static long score(RunResult run) {
        long window = 10 * run.coverage().stores(StoreWindow.PREP_TO_COMPLETION)
                + run.coverage().attempts(StoreWindow.PREP_TO_COMPLETION);
        return window == 0 ? 0 : 10_000 * run.costs().resubmits + 1000 * dataOps(run.scenario()) + window;
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        SplittableRandom master = new SplittableRandom(seed);
        List<Entry> corpus = new ArrayList<>();
        Entry climbing = null;
        ArrayDeque<Entry> neighbours = new ArrayDeque<>();
        int n = 0;
        boolean going = true;
        while (going && n < budget) {
            Entry best = best(corpus);
            if (best != null && best != climbing && (climbing == null || best.score > climbing.score)) {
                climbing = best;
                neighbours = new ArrayDeque<>(neighbourhood(runner, best));
            }
            int size = Math.min(GuidedExplorer.GENERATION, budget - n);
            List<Scenario> scenarios = new ArrayList<>(size);
            List<Chooser> choosers = new ArrayList<>(size);
            for (int i = 1; i <= size; i++) {
                if (i % 2 == 1 && !neighbours.isEmpty()) {
                    Entry next = neighbours.poll();
                    scenarios.add(next.scenario);
                    choosers.add(new GuidedExplorer.PrefixThenRandom(next.choices, master.split()));
                    continue;
                }
                if (corpus.isEmpty() || (n + i) % FRESH_EVERY == 0) {
                    scenarios.add(source.next(master.split()));
                    choosers.add(new RandomChooser(master.nextLong()));
                    continue;
                }
                Entry parent = pick(corpus, master);
                scenarios.add(parent.scenario);
                choosers.add(new GuidedExplorer.PrefixThenRandom(mutate(runner, parent, master), master.split()));
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
        return new Exploration.Summary(false, "no property failed in " + n + " schedules (window)");
    }

    /** Half the time the best run kept (the newest among equals), otherwise any. */
    private static Entry pick(List<Entry> corpus, SplittableRandom random) {
        return random.nextBoolean() ? best(corpus) : corpus.get(random.nextInt(corpus.size()));
    }

    /** The best run kept, the newest among equals; null for an empty corpus. */
    private static Entry best(List<Entry> corpus) {
        Entry best = null;
        for (Entry e : corpus) {
            if (best == null || e.score >= best.score) {
                best = e;
            }
        }
        return best;
    }

    /**
     * Every single move of one of a run's writer steps to right after one of its window openings,
     * the newest window first, on the run's instance and then on the same instance with every write
     * moved to the page's last integrity interval: the device reads that one last, so a store there
     * counts anywhere in the window, where a store to an interval already read is wasted. The one
     * step that turns k windows reached into k+1 is usually among them. Tried in turn, in half of
     * every generation, whenever a better run is kept.
     */
    private static List<Entry> neighbourhood(Runner runner, Entry e) {
        int[] opens = opens(runner, e);
        String writers = writers(e.scenario);
        Scenario late = late(e.scenario);
        List<Entry> out = new ArrayList<>();
        if (!late.equals(e.scenario)) {
            out.add(new Entry(late, e.choices, e.score));
        }
        List<String> moves = new ArrayList<>();
        for (int j = opens.length - 1; j >= 0; j--) {
            int at = opens[j];
            for (char writer : writers.toCharArray()) {
                for (int steps : new int[] {1, MOST_STEPS}) {
                    String inserted = String.valueOf(writer).repeat(steps);
                    moves.add(e.choices.substring(0, at + 1) + inserted + e.choices.substring(at + 1));
                    for (int v = at - 1; v >= 0; v--) {
                        if (e.choices.charAt(v) == writer) {
                            moves.add(e.choices.substring(0, v) + e.choices.substring(v + 1, at + 1) + inserted
                                    + e.choices.substring(at + 1));
                        }
                    }
                }
            }
        }
        for (String m : moves) {
            out.add(new Entry(e.scenario, m, e.score));
        }
        if (!late.equals(e.scenario)) {
            for (String m : moves) {
                out.add(new Entry(late, m, e.score));
            }
        }
        return out;
    }

    /** The instance with every data operation moved to the end of the page (its last interval). */
    static Scenario late(Scenario s) {
        Scenario out = s;
        for (var entry : s.ops().entrySet()) {
            List<Op> moved = new ArrayList<>();
            for (Op op : entry.getValue()) {
                moved.add(op.type().writesData() && op.length() <= s.geometry().interval()
                        ? Op.data(op.type(), s.geometry().pageSize() - op.length(), op.length(), op.value()) : op);
            }
            out = out.withOps(entry.getKey(), moved);
        }
        return out;
    }

    /**
     * The choices of a mutant of {@code parent}: three times in four a writer's next steps put right
     * after one of its window openings (the newest half the time), with a few of its earlier steps
     * taken out; otherwise its choices up to a random point.
     */
    private static String mutate(Runner runner, Entry parent, SplittableRandom random) {
        if (random.nextInt(4) != 0) {
            int[] opens = opens(runner, parent);
            String writers = writers(parent.scenario);
            if (opens.length > 0 && !writers.isEmpty()) {
                // The newest window half the time: that is where the next climb is.
                int at = opens[random.nextBoolean() ? opens.length - 1 : random.nextInt(opens.length)];
                char writer = writers.charAt(random.nextInt(writers.length()));
                // A few of the writer's earlier steps taken out (a store spent before prep, or a
                // second one in an earlier window), so that it has one left for this window; half
                // the time only from inside the windows, where a second store is a store wasted.
                StringBuilder before = new StringBuilder(parent.choices.substring(0, at + 1));
                int delay = DELAYS[random.nextInt(DELAYS.length)];
                int from = random.nextBoolean() ? opens[0] + 1 : 0;
                for (int d = 0; d < delay; d++) {
                    int count = 0;
                    for (int i = from; i < before.length(); i++) {
                        count += before.charAt(i) == writer ? 1 : 0;
                    }
                    if (count == 0) {
                        break;
                    }
                    int victim = random.nextInt(count);
                    for (int i = from; i < before.length(); i++) {
                        if (before.charAt(i) == writer && victim-- == 0) {
                            before.deleteCharAt(i);
                            break;
                        }
                    }
                }
                int steps = 1 + random.nextInt(MOST_STEPS);
                return before + String.valueOf(writer).repeat(steps) + parent.choices.substring(at + 1);
            }
        }
        return parent.choices.substring(0, random.nextInt(parent.choices.length() + 1));
    }

    /** The actors of a scenario that write data (store, write, update), in id order. */
    private static String writers(Scenario scenario) {
        StringBuilder out = new StringBuilder();
        scenario.ops().forEach((id, ops) -> {
            if (ops.stream().anyMatch(op -> op.type().writesData())) {
                out.append(id);
            }
        });
        return out.toString();
    }

    /** Data operations in a scenario: how many windows its writers could reach at most. */
    private static int dataOps(Scenario scenario) {
        return (int) scenario.ops().values().stream().flatMap(java.util.List::stream)
                .filter(op -> op.type().writesData()).count();
    }

    /** Indexes into the choices of the steps that ran {@code submit_bio}: where windows open. */
    private static int[] opens(Runner runner, Entry e) {
        if (e.opens == null) {
            List<TraceEvent> trace = runner.replay(e.scenario, Schedule.ofChoices(e.choices), true).trace();
            e.opens = trace.stream().filter(t -> t.function().equals("submit_bio")).mapToInt(t -> t.step() - 1)
                    .filter(i -> i < e.choices.length()).toArray();
        }
        return e.opens;
    }

    /** Keeps the {@link #CORPUS} best-scoring runs; a full corpus takes only a better one. */
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
        if (e.score > corpus.get(worst).score) {
            corpus.set(worst, e);
        }
    }
}
