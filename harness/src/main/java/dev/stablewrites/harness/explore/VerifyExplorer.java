package dev.stablewrites.harness.explore;

import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.harness.gen.ScenarioScope;
import java.util.List;

/**
 * Small-scope verification: every instance of the scenario's kind within a scope
 * ({@link ScenarioScope}: at most {@code scope} data operations, each of four shapes, every sync
 * placement), each explored exhaustively within a preemption bound ({@link ExhaustiveExplorer}),
 * instance after instance, the runs numbered across them all. When nothing fails and the budget
 * lasts, the claim is {@code verified: every instance within scope S (I instances), every schedule
 * within preemption bound b, N schedules}: no bug that needs at most S operations and b preemptions
 * is left in the model. With several threads each instance's search is shared out as the
 * exhaustive search shares it, so the result is the same for any number.
 */
public final class VerifyExplorer implements Explorer {
    /** Scope used when none is given. */
    public static final int DEFAULT_SCOPE = 2;
    private final int scope;
    private final int bound;

    public VerifyExplorer(int scope, int bound) {
        if (scope < 1 || scope > 6) {
            throw new IllegalArgumentException("verification scope " + scope + " is out of range; valid: 1 to 6"
                    + " data operations");
        }
        if (bound < 0 || bound > 10) {
            throw new IllegalArgumentException("preemption bound " + bound + " is out of range; valid: 0 to 10");
        }
        this.scope = scope;
        this.bound = bound;
    }

    @Override
    public String id() {
        return "verify";
    }

    @Override
    public String describe() {
        return "verify (scope " + scope + ", preemption bound " + bound + ")";
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
        ExhaustiveExplorer exhaustive = new ExhaustiveExplorer(bound);
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
        int effective = ScenarioScope.effective(source.single().kind(), scope);
        String scopeText = "every instance of " + kind + " within scope " + effective
                + (effective > scope ? " (the least for its writers)" : "") + " (" + instances.size() + " instances)";
        return new Exploration.Summary(true, "verified: " + scopeText + ", every schedule within preemption bound "
                + bound + ": all " + ran[0] + " schedules hold", null, new Strength(true, scopeText, bound, ran[0]));
    }
}
