package dev.stablewrites.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.coverage.Coverage;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.harness.explore.Strength;
import dev.stablewrites.harness.report.html.HtmlReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every output of a comparison says how strong each HOLDS is, in the same words. */
class VerdictTextTest {
    private static final Strength VERIFIED = new Strength(true, "every instance of mmap within scope 2 (60 instances)",
            2, 9936, 41234);
    private static final List<Cell> CELLS = List.of(
            new Cell("bounce", "mmap", Verdict.HOLDS, null, "verified", 9936, null, null, true,
                    Comparison.perSchedule(null, 0), new Coverage(), VERIFIED),
            new Cell("mkwrite-wait", "mmap", Verdict.HOLDS, null, "sampled", 300, null, null, false,
                    Comparison.perSchedule(null, 0), new Coverage()),
            new Cell("none", "mmap", Verdict.FAILS, Property.NO_FALSE_EIO, "NO_FALSE_EIO: x", 9, 9, null, false,
                    Comparison.perSchedule(null, 0), new Coverage()));
    private static final String FULL = "HOLDS (verified: every instance of mmap within scope 2 (60 instances), every"
            + " schedule within preemption bound 2, 9936 schedules, 41234 states)";

    @Test
    void theWords_verifiedWithScopeAndBound_sampledWithItsCount_aFailureItsLabel() {
        assertEquals(FULL, VerdictText.full(CELLS.get(0)));
        assertEquals("HOLDS (verified)", VerdictText.brief(CELLS.get(0)));
        assertEquals("HOLDS (sampled: 300 schedules, no counterexample)", VerdictText.full(CELLS.get(1)));
        assertEquals("HOLDS (sampled)", VerdictText.brief(CELLS.get(1)));
        assertEquals("FAILS(NO_FALSE_EIO)", VerdictText.full(CELLS.get(2)));
        assertNull(VerdictText.kind(CELLS.get(2)));
    }

    @Test
    void table_csv_json_andHtml_allCarryIt() {
        String table = CompareTable.render("compare: test", CELLS, "replay", "");
        assertTrue(table.lines().anyMatch(l -> l.matches("bounce\\s+HOLDS \\(verified\\)")), table);
        assertTrue(table.contains("bounce on mmap: " + FULL + "\n"), table);
        String csv = CompareCsv.render(CELLS);
        assertTrue(csv.startsWith("strategy,") && csv.lines().findFirst().orElseThrow().endsWith(",strength,strengthText"),
                csv);
        assertTrue(csv.contains(",verified,\"" + FULL.replace("\"", "\"\"") + "\"\r\n"), csv);
        assertTrue(csv.contains(",sampled,\"HOLDS (sampled: 300 schedules, no counterexample)\"\r\n"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("none,mmap,FAILS") && l.endsWith(",,")), csv);
        String json = CompareJson.render(CELLS, "replay", "");
        assertTrue(json.contains("\"strength\": \"verified\", \"strengthText\": \"" + FULL + "\", \"scope\": \"every"
                + " instance of mmap within scope 2 (60 instances)\", \"bound\": 2, \"states\": 41234}"), json);
        assertTrue(json.contains("\"strength\": null, \"strengthText\": null, \"scope\": null, \"bound\": null, \"states\": null}"), json);
        String html = HtmlReport.render("compare: test", CELLS, Map.of(), List.of(), "");
        assertTrue(html.contains(">HOLDS (verified)<"), "the matrix says which kind");
        assertTrue(html.contains("verified: every instance of mmap within scope 2 (60 instances), every schedule within"
                + " preemption bound 2, 9936 schedules"), "and the page the whole claim");
    }
}
