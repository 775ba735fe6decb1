package dev.stablewrites.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.fault.FaultKind;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the project's own specification, {@code docs/model.md}: a clone must be readable without
 * anything beside it, so the README, the spec and everything the program prints or documents cite
 * only sections and anchors that exist there, and never the design file the project started from.
 * It also ties the spec's tables to the code: a property, counter, scenario kind, integrity profile
 * or fault kind added without a line in the spec fails here.
 */
class ModelDocTest {
    /** Surefire runs in the module's directory; the repository root is its parent. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)\\.? (.*)$", Pattern.MULTILINE);
    /** "docs/model.md §7", "docs/model.md section 7", "docs/model.md §4 and §7", "§2.7, §2.8". */
    private static final Pattern CITATION =
            Pattern.compile("docs/model\\.md (?:§|section )(\\d+(?:\\.\\d+)?)((?:(?:, | and )§\\d+(?:\\.\\d+)?)*)");
    private static final Pattern MORE = Pattern.compile("§(\\d+(?:\\.\\d+)?)");
    /** Links into the spec: from the README as docs/model.md#a, inside the spec as (#a). */
    private static final Pattern README_LINK = Pattern.compile("\\(docs/model\\.md#([^)]+)\\)");
    private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");

    private static final String SPEC = read(ROOT.resolve("docs/model.md"));
    /** Section number to its GitHub anchor. */
    private static final Map<String, String> SECTIONS = sections(SPEC);

    @Test
    void theSpecNumbersItsSectionsOneToTen() {
        for (int i = 1; i <= 10; i++) {
            assertTrue(SECTIONS.containsKey(String.valueOf(i)), "docs/model.md has no section " + i + ": " + SECTIONS);
        }
        assertEquals("10-where-the-model-decides", SECTIONS.get("10"));
    }

    @Test
    void everyCitationOfTheSpecNamesASectionItHas() {
        List<String> missing = new ArrayList<>();
        int citations = 0;
        for (Path p : citingFiles()) {
            Matcher m = CITATION.matcher(read(p));
            while (m.find()) {
                List<String> cited = new ArrayList<>(List.of(m.group(1)));
                Matcher more = MORE.matcher(m.group(2));
                while (more.find()) {
                    cited.add(more.group(1));
                }
                for (String s : cited) {
                    citations++;
                    if (!SECTIONS.containsKey(s)) {
                        missing.add(ROOT.relativize(p) + " cites §" + s);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "sections docs/model.md does not have: " + missing);
        assertTrue(citations >= 20, "only " + citations + " citations found: is the pattern still right?");
    }

    @Test
    void everyLinkIntoTheSpecLandsOnAHeading() {
        List<String> broken = new ArrayList<>();
        Matcher r = README_LINK.matcher(read(ROOT.resolve("README.md")));
        while (r.find()) {
            if (!SECTIONS.containsValue(r.group(1))) {
                broken.add("README.md: #" + r.group(1));
            }
        }
        Matcher l = LOCAL_LINK.matcher(SPEC);
        while (l.find()) {
            if (!SECTIONS.containsValue(l.group(1))) {
                broken.add("docs/model.md: #" + l.group(1));
            }
        }
        assertTrue(broken.isEmpty(), "links to no heading: " + broken);
        String firstScreen = read(ROOT.resolve("README.md")).lines().limit(40).reduce("", (a, b) -> a + b + "\n");
        assertTrue(firstScreen.contains("](docs/model.md)"), "the README's first screen links the spec");
    }

    @Test
    void nothingPointsOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path p : citingFiles()) {
            String text = read(p);
            if (text.contains("DESIGN.md") || text.contains("../shared")) {
                found.add(ROOT.relativize(p).toString());
            }
        }
        assertTrue(found.isEmpty(), "files citing a spec a clone does not have: " + found);
    }

    @Test
    void theSpecNamesEveryPropertyCounterScenarioProfileAndFault() {
        String properties = section("6");
        for (Property p : Property.values()) {
            assertTrue(properties.contains("| `" + p.name() + "` |"), "§6 has no row for " + p);
        }
        String costs = section("7");
        for (String counter : new Costs().asMap().keySet()) {
            assertTrue(costs.contains("| `" + counter + "` |"), "§7 has no row for " + counter);
        }
        for (String counter : new Costs().details().keySet()) {
            assertTrue(costs.contains("`" + counter + "`"), "§7 does not name " + counter);
        }
        String scenarios = section("5");
        for (ScenarioKind k : ScenarioKind.values()) {
            assertTrue(scenarios.contains("| `" + k.id() + "` |"), "§5 has no row for " + k.id());
        }
        String profiles = section("2.11");
        for (Integrity i : Integrity.values()) {
            assertTrue(profiles.contains("| `" + i.id() + "`"), "§2.11 has no row for " + i.id());
        }
        String faults = section("2.13");
        for (FaultKind f : FaultKind.values()) {
            assertTrue(faults.contains("`" + f.id() + "`"), "§2.13 does not name " + f.id());
        }
    }

    @Test
    void theSpecDescribesEveryKeyOfCompareJson() {
        String outputs = section("9");
        for (String key : List.of("results", "withFaults", "strategy", "scenario", "verdict", "violation",
                "schedulesExplored", "schedulesToFailure", "counterexample", "costs", "strength", "strengthText", "scope",
                "bound", "states")) {
            assertTrue(outputs.contains("| `" + key + "` |"), "§9 has no row for the JSON key " + key);
        }
        for (String key : List.of("schedule", "replay", "steps", "faults", "property", "seed", "budget")) {
            assertTrue(outputs.contains("`" + key + "`"), "§9 does not name the JSON key " + key);
        }
    }

    /** The text of one numbered section, up to the next heading of any numbered section. */
    private static String section(String number) {
        Matcher m = HEADING.matcher(SPEC);
        int start = -1;
        while (m.find()) {
            if (start >= 0) {
                return SPEC.substring(start, m.start());
            }
            if (m.group(1).equals(number)) {
                start = m.end();
            }
        }
        assertTrue(start >= 0, "docs/model.md has no section " + number);
        return SPEC.substring(start);
    }

    private static Map<String, String> sections(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(spec);
        while (m.find()) {
            out.put(m.group(1), anchor(m.group(0).replaceFirst("^#+ ", "")));
        }
        return out;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** The README, the spec and what ships: main sources and resources of every module. */
    private static List<Path> citingFiles() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/model.md")));
        for (String module : List.of("core", "strategies", "harness")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
