package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.harness.gen.ScenarioScope;
import java.util.List;

/**
 * Small-scope verification: every instance of the scenario's kind within a scope
 * ({@link ScenarioScope}: at most {@code scope} data operations, each of four shapes, every sync
 * placement), each explored exhaustively ({@link ExhaustiveExplorer}): by default with state
 * caching and no preemption bound, or within a bound; the runs are numbered across the instances
 * in order. When nothing fails and the budget lasts, the claim is {@code verified: every instance
 * within scope S (I instances), every schedule (no preemption bound), N schedules, M states}: no
 * bug that needs at most S operations is left in the model. With several threads, state-caching
 * searches of different instances run side by side (each on one thread) and a search without
 * caching is shared out as the exhaustive search shares it; either way the result is the same for
 * any number.
 */
public final class VerifyExplorer implements Explorer {
    /** Scope used when none is given. */
    public static final int DEFAULT_SCOPE = 2;
    private final int scope;
    private final ExhaustiveExplorer exhaustive;

    /** Every instance within {@code scope}, each with state caching and no preemption bound. */
    public VerifyExplorer(int scope) {
        this(scope, ExhaustiveExplorer.UNBOUNDED, true);
    }

    /** Every instance within {@code scope}, each within {@code bound} preemptions, with state caching. */
    public VerifyExplorer(int scope, int bound) {
        this(scope, bound, true);
    }

    /**
     * @param bound   most preemptions per schedule, or {@link ExhaustiveExplorer#UNBOUNDED}
     * @param caching state caching; without it a bound is needed
     */
    public VerifyExplorer(int scope, int bound, boolean caching) {
        this(scope, bound, caching, true);
    }

    /**
     * @param reduction whether each unbounded search takes a commuting step alone
     *                  ({@link ExhaustiveExplorer#ExhaustiveExplorer(int, boolean, boolean)})
     */
    public VerifyExplorer(int scope, int bound, boolean caching, boolean reduction) {
        if (scope < 1 || scope > 6) {
            throw new IllegalArgumentException("verification scope " + scope + " is out of range; valid: 1 to 6"
                    + " data operations");
        }
        this.exhaustive = new ExhaustiveExplorer(bound, caching, reduction);
        this.scope = scope;
    }

    @Override
    public String id() {
        return "verify";
    }

    @Override
    public String describe() {
        return "verify (scope " + scope + ", " + ExhaustiveExplorer.boundText(exhaustive.bound())
                + (exhaustive.caching() ? ", state caching" : "") + ")";
    }

    public int scope() {
        return scope;
    }

    /** The instances this explorer goes through for {@code source}'s kind and options. */
    public List<Scenario> instances(ScenarioSource source) {
        Scenario s = source.single();
        return ScenarioScope.instances(s.kind(), s.geometry(), scope);
    }

    @Override
    public Exploration.Summary explore(Runner runner, ScenarioSource source, long seed, int budget,
                                       RunVisitor visitor) {
        List<Scenario> instances = instances(source);
        if (exhaustive.caching()) {
            return exploreCaching(runner, source, instances, budget, visitor);
        }
        int bound = exhaustive.bound();
        int[] ran = {0};
        boolean[] stopped = {false};
        String kind = source.single().kind().id();
        for (Scenario instance : instances) {
            if (ran[0] == budget) {
                return new Exploration.Summary(false, "no property failed in " + ran[0] + " schedules of " + kind
                        + ", but the budget ran out before every instance within scope " + scope + " was covered");
            }
            int before = ran[0];
            Exploration.Summary s = exhaustive.explore(runner, ScenarioSource.generated(null, instance,
                    instance.toString()), seed, budget - before, new RunVisitor() {
                        @Override
                        public boolean visit(int n, dev.stablewrites.core.sim.RunResult run) {
                            ran[0] = before + n;
                            boolean go = visitor.visit(ran[0], run);
                            stopped[0] |= !go;
                            return go;
                        }

                        @Override
                        public boolean stopsAtFailure() {
                            return visitor.stopsAtFailure();
                        }
                    });
            if (stopped[0]) {
                return new Exploration.Summary(false, "stopped after " + ran[0] + " schedules");
            }
            if (!s.complete()) {
                return new Exploration.Summary(false, "no property failed in " + ran[0] + " schedules of " + kind
                        + ", but the budget ran out before every instance within scope " + scope + " was covered");
            }
        }
        String scopeText = scopeText(source, instances);
        return new Exploration.Summary(true, "verified: " + scopeText + ", every schedule within preemption bound "
                + bound + ": all " + ran[0] + " schedules hold", null, new Strength(true, scopeText, bound, ran[0]));
    }

    /**
     * Each instance searched with state caching on one thread, instances side by side on the
     * workers, visited in instance order: the numbering and the first failure are those of one
     * search after another.
     */
    private Exploration.Summary exploreCaching(Runner runner, ScenarioSource source, List<Scenario> instances,
                                               int budget, RunVisitor visitor) {
        String kind = source.single().kind().id();
        List<java.util.function.Supplier<StateCachingSearch.Found>> jobs = new java.util.ArrayList<>();
        for (Scenario instance : instances) {
            jobs.add(() -> exhaustive.searchCaching(runner, instance, budget, visitor.stopsAtFailure(), false));
        }
        java.util.Iterator<StateCachingSearch.Found> found = runner.stream(jobs);
        int ran = 0;
        long spent = 0; // runs replayed, cut ones too: what the budget limits
        long states = 0;
        String firstReason = null; // why the first instance made again without the reduction was
        int restarted = 0;
        while (found.hasNext()) {
            if (spent >= budget) {
                return budgetSpent(kind, ran);
            }
            StateCachingSearch.Found f = found.next();
            for (dev.stablewrites.core.sim.RunResult run : f.runs()) {
                if (ran == budget) {
                    return budgetSpent(kind, ran);
                }
                if (!visitor.visit(++ran, run)) {
                    return new Exploration.Summary(false, "stopped after " + ran + " schedules");
                }
            }
            spent += f.runsSpent();
            if (!f.complete() || spent > budget) {
                return budgetSpent(kind, ran);
            }
            states += f.states();
            if (f.reductionDropped() != null && restarted++ == 0) {
                firstReason = f.reductionDropped();
            }
        }
        String dropped = restarted == 0 ? "" : "; " + restarted + " of " + instances.size() + " instances "
                + ExhaustiveExplorer.SEARCHED_AGAIN + ", the first as " + firstReason;
        String scopeText = scopeText(source, instances);
        Integer b = ExhaustiveExplorer.strengthBound(exhaustive.bound());
        return new Exploration.Summary(true, "verified: " + scopeText + ", every schedule ("
                + ExhaustiveExplorer.boundText(exhaustive.bound()) + "): all " + ran + " schedules hold, " + states
                + " states" + dropped, null, new Strength(true, scopeText, b, ran, states));
    }

    private Exploration.Summary budgetSpent(String kind, int ran) {
        return new Exploration.Summary(false, "no property failed in " + ran + " schedules of " + kind
                + ", but the budget ran out before every instance within scope " + scope + " was covered");
    }

    private String scopeText(ScenarioSource source, List<Scenario> instances) {
        int effective = ScenarioScope.effective(source.single().kind(), scope);
        return "every instance of " + source.single().kind().id() + " within scope " + effective
                + (effective > scope ? " (the least for its writers)" : "") + " (" + instances.size() + " instances)";
    }
}
