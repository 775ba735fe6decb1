package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.strategy.StrategyCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards against {@code list} hiding a discovered strategy or a scenario kind, or losing its one-line form. */
class ListCommandTest {
    private static final List<String> SCENARIOS = List.of("buffered-write", "mmap", "mmap-2proc", "odirect", "journal");

    @Test
    void list_exitsZeroAndWritesNothingOnStderr() {
        Cli.Result r = Cli.run("list");
        assertEquals(Main.HOLDS, r.status(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void list_printsEveryDiscoveredStrategyWithItsDescriptionOnOneLine() {
        StrategyCatalog catalog = StrategyCatalog.discover();
        assertTrue(catalog.ids().contains("none"), "the built-in strategy 'none' must be discovered");
        List<String> lines = Cli.run("list").outLines();
        for (String id : catalog.ids()) {
            String description = catalog.create(id).description();
            assertFalse(description.isBlank(), id);
            assertEquals(1, lines.stream().filter(l -> l.strip().startsWith(id + " ") && l.endsWith(description))
                    .count(), "exactly one line for strategy " + id + " in:\n" + String.join("\n", lines));
        }
    }

    @Test
    void list_printsAllFiveScenarioIdsEachOnItsOwnLine() {
        List<String> lines = Cli.run("list").outLines();
        for (String id : SCENARIOS) {
            assertEquals(1, lines.stream().filter(l -> l.strip().split("\\s+")[0].equals(id)).count(),
                    "exactly one line naming scenario " + id + " in:\n" + String.join("\n", lines));
        }
    }

    @Test
    void list_printsTheNoneStrategyDescriptionNextToItsId() {
        String line = Cli.run("list").line("  none ");
        assertTrue(line.contains("page_mkclean"), line);
    }

    @Test
    void list_showsTheSixBuiltInStrategies_andTheSettingsWithTheirDefaults() {
        Cli.Result r = Cli.run("list");
        for (String id : List.of("none", "mkwrite-wait", "writeback-then-ro", "ro-then-writeback", "bounce",
                "recheck-resubmit")) {
            assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("  " + id + " ")), id + " in:\n" + r.out());
        }
        assertTrue(r.line("  recheck-resubmit.retry-limit ").endsWith(" 3"), r.out());
    }

    @Test
    void list_namesEveryFaultKind_underItsOwnHeading() {
        List<String> lines = Cli.run("list").outLines();
        int heading = lines.indexOf("fault kinds (scenario option faults=; compare --faults for its matrix with faults):");
        assertTrue(heading > 0, String.join("\n", lines));
        for (dev.stablewrites.core.fault.FaultKind f : dev.stablewrites.core.fault.FaultKind.values()) {
            assertTrue(lines.get(heading + 1 + f.ordinal()).matches("  " + f.id() + " +" + java.util.regex.Pattern.quote(
                    f.description())), lines.get(heading + 1 + f.ordinal()));
        }
    }

    @Test
    void list_namesEveryExplorerThatExploreAccepts_andNoOther() {
        List<String> lines = Cli.run("list").outLines();
        int heading = lines.indexOf("explorers (--explorer on explore and compare):");
        int next = lines.indexOf("timed workloads (--workloads on compare and timed):");
        assertTrue(heading > 0 && next > heading, String.join("\n", lines));
        List<String> listed = lines.subList(heading + 1, next).stream().map(l -> l.strip().split("\\s+")[0]).toList();
        assertEquals(List.of("random", "weighted", "guided", "window", "pct", "exhaustive", "verify"), listed);
        for (String id : listed) {
            ExplorerChoice choice = new ExplorerChoice();
            choice.explorer = id;
            choice.bound = "none";
            choice.scope = 1;
            choice.depth = 3;
            assertEquals(id, choice.create("random").id(), id);
        }
        assertTrue(Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--explorer", "nope").err()
                .contains("valid: random, weighted, guided, window, pct, exhaustive, verify"));
    }
}
