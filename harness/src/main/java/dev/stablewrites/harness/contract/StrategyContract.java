package dev.stablewrites.harness.contract;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.stablewrites.core.fault.FaultKind;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.PctExplorer;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.VerifyExplorer;
import dev.stablewrites.harness.explore.WindowExplorer;
import dev.stablewrites.harness.gen.ScenarioGen;
import dev.stablewrites.harness.property.CheckResult;
import dev.stablewrites.harness.property.PropertyCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * Every property of docs/model.md §6 against one strategy, on every scenario: extend it, name the
 * strategy, and state what it is known to violate.
 *
 * <pre>{@code
 * class MyStrategyContractTest extends StrategyContract {
 *     protected String strategy() { return "my-strategy"; }
 *     protected Expectations expectations() {
 *         return Expectations.sound().fails(ScenarioKind.ODIRECT, Property.NO_FALSE_EIO);
 *     }
 * }
 * }</pre>
 *
 * <p>For each scenario kind one check runs, seeded: a small-scope verification (every instance with
 * at most 2 data operations, every schedule within preemption bound 1, which is cheap), every
 * schedule of the kind's default instance within preemption bound 2, then generated instances under
 * the window-targeted explorer and under PCT; the report says what a holding property holds with
 * (verified within which scope and bound, or sampled). Each
 * property is then one test: where the strategy is expected to fail it, the test asserts that a
 * counterexample <em>is found</em>; everywhere else that none is, and a failure prints the shrunk
 * trace and the replay command. A last test per kind asserts that the runs attempted writes between
 * prep and completion, so "holds" never means "never tried"; its statistics go to the test report
 * and to {@code target/stablewrites-contract/<strategy>-<scenario>.txt}.
 *
 * <p>A second check per kind runs with a fault injected ({@link #faultKind()}, {@code faults=flip} by
 * default: a bit of the bio's page flips after its tuples were generated) and asserts
 * {@code NO_SILENT_CORRUPTION} alone: that the fix still lets the integrity check catch corruption
 * ({@link Expectations#blessesFaults} where it is known not to).
 *
 * <p>System properties {@code stablewrites.contract.seed} and {@code stablewrites.contract.budget}
 * change the seed and the budget, to search harder away from CI.
 */
public abstract class StrategyContract {
    /** The strategy's id in the catalog. */
    protected abstract String strategy();

    /** What the strategy is known to violate; by default nothing. */
    protected Expectations expectations() {
        return Expectations.sound();
    }

    /** Where the strategy comes from: by default every strategy on the class path. */
    protected StrategyCatalog catalog() {
        return StrategyCatalog.discover();
    }

    /** The geometry (page, interval, integrity profile, device) every scenario runs on. */
    protected Geometry geometry() {
        return Geometry.DEFAULT;
    }

    /** The seed of every check. */
    protected long seed() {
        return Long.getLong("stablewrites.contract.seed", 1L);
    }

    /** Generated schedules per scenario for the window-targeted explorer; PCT gets half as many. */
    protected int budget() {
        return Integer.getInteger("stablewrites.contract.budget", 2000);
    }

    /** The check of one scenario kind, for the tests of that kind; override to add explorers. */
    protected PropertyCheck check(ScenarioKind kind) {
        return PropertyCheck.of(catalog(), strategy())
                .scenarios(new ScenarioGen(kind, geometry()), Scenario.defaultOf(kind, geometry()))
                .explore(new VerifyExplorer(2, 1), 20_000)
                .explore(new ExhaustiveExplorer(ExhaustiveExplorer.DEFAULT_BOUND), 50_000)
                .explore(new WindowExplorer(), budget())
                .explore(new PctExplorer(PctExplorer.DEFAULT_DEPTH), Math.max(1, budget() / 2))
                .seed(seed());
    }

    /** The fault the second check injects. */
    protected FaultKind faultKind() {
        return FaultKind.FLIP;
    }

    /**
     * The check of one kind with {@link #faultKind()} injected: the default instance's schedules
     * within preemption bound 2 (at most 10,000: {@code F} multiplies them, and {@code mmap-2proc}
     * has more), then generated instances under the guided explorer.
     */
    protected PropertyCheck faultCheck(ScenarioKind kind) {
        Geometry g = geometry().withFaults(faultKind());
        return PropertyCheck.of(catalog(), strategy())
                .scenarios(new ScenarioGen(kind, g), Scenario.defaultOf(kind, g))
                .explore(new ExhaustiveExplorer(2), 10_000)
                .explore(new GuidedExplorer(), Math.max(1, Math.min(budget(), 2000) / 2))
                .seed(seed());
    }

    @TestFactory
    Stream<DynamicNode> contract(TestReporter reporter) {
        Expectations expected = expectations();
        List<DynamicNode> kinds = new ArrayList<>();
        for (ScenarioKind kind : ScenarioKind.values()) {
            Supplier<CheckResult> result = once(() -> check(kind).run());
            List<DynamicNode> tests = new ArrayList<>();
            for (Property p : Property.values()) {
                tests.add(expected.expectsFailure(kind, p)
                        ? dynamicTest(p + " fails: a counterexample is found", () -> result.get().assertFound(p))
                        : dynamicTest(p + " holds", () -> result.get().assertHolds(p)));
            }
            Supplier<CheckResult> faulty = once(() -> faultCheck(kind).run());
            String withFaults = Property.NO_SILENT_CORRUPTION + " with faults=" + faultKind().id();
            tests.add(expected.expectsSilentCorruption(kind)
                    ? dynamicTest(withFaults + " fails: a counterexample is found",
                            () -> faulty.get().assertFound(Property.NO_SILENT_CORRUPTION))
                    : dynamicTest(withFaults + " holds", () -> faulty.get().assertHolds(Property.NO_SILENT_CORRUPTION)));
            tests.add(dynamicTest("coverage: writes were attempted between prep and completion, the fault fired", () -> {
                CheckResult r = result.get();
                CheckResult f = faulty.get();
                String report = strategy() + " on " + kind.id() + ", seed " + seed() + "\n" + r.statistics()
                        + String.join("\n", r.claims()) + "\n" + r.asserts() + "\n\nwith faults=" + faultKind().id()
                        + " (judged by " + Property.NO_SILENT_CORRUPTION + " alone)\n" + f.statistics()
                        + String.join("\n", f.claims()) + "\n";
                reporter.publishEntry(strategy() + " on " + kind.id(), report);
                writeReport(kind, report);
                if (f.statistics().schedulesWithFault() == 0) {
                    throw new AssertionError("the fault never fired: the check with faults tested nothing\n"
                            + f.statistics());
                }
                if (r.statistics().schedulesHittingWindow() == 0) {
                    throw new AssertionError("no schedule attempted a write between prep and completion: the check never tested"
                            + " the race\n" + r.statistics());
                }
            }));
            kinds.add(dynamicContainer(kind.id(), tests.stream()));
        }
        return kinds.stream();
    }

    /**
     * Where each check's statistics are written, one file per strategy and scenario, so a user
     * sees what the runs covered without a debugger; {@code stablewrites.contract.report} moves it.
     */
    protected Path reportDirectory() {
        return Path.of(System.getProperty("stablewrites.contract.report", "target/stablewrites-contract"));
    }

    private void writeReport(ScenarioKind kind, String report) {
        try {
            Files.createDirectories(reportDirectory());
            Files.writeString(reportDirectory().resolve(strategy() + "-" + kind.id() + ".txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the contract report", e);
        }
    }

    /** Runs {@code s} the first time it is asked for, then keeps the answer. */
    private static <T> Supplier<T> once(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
