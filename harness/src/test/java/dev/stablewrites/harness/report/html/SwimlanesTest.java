package dev.stablewrites.harness.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.trace.TraceEvent;
import dev.stablewrites.harness.explore.Runner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Guards the race picture by its DOM: one lane per actor, a box per step named by its kernel
 * function in its actor's lane, the DMA window from submit_bio to bio_endio, the store inside it
 * and the violating step marked, the page state on every step. The run is the README's five-event
 * race, replayed from its fixed schedule.
 */
class SwimlanesTest {
    private static final RunResult RUN = new Runner(StrategyCatalog.discover(), "none").replay(
            Scenario.parse("mmap A: store@0x0+1=0xf1; B: fsync"), Schedule.parse("A4B9"), true);
    private static final Document SVG = parse(Swimlanes.svg(RUN));

    @Test
    void oneLanePerActor_upToTheViolation() {
        List<String> lanes = new ArrayList<>();
        for (Element g : byClass("lane")) {
            if (g.hasAttribute("data-actor")) {
                lanes.add(g.getAttribute("data-actor"));
            }
        }
        assertEquals(List.of("A", "B", "D"), lanes, "Q runs after the violation and is not drawn");
        assertEquals(1, byClass("page").size(), "and the page's lane");
    }

    @Test
    void eachStep_isABoxNamedByItsKernelFunction_inItsActorsLane_withThePageStateOnHover() {
        List<TraceEvent> shown = Swimlanes.shown(RUN);
        List<Element> steps = byClass("step");
        assertEquals(shown.size(), steps.size());
        assertEquals(RUN.violations().get(0).step(), shown.get(shown.size() - 1).step(), "up to the violating step");
        for (int i = 0; i < shown.size(); i++) {
            TraceEvent e = shown.get(i);
            Element g = steps.get(i);
            assertEquals(String.valueOf(e.step()), g.getAttribute("data-step"));
            assertEquals(String.valueOf(e.actor()), g.getAttribute("data-actor"));
            assertEquals(e.function(), g.getAttribute("data-function"));
            String label = g.getElementsByTagName("text").item(0).getTextContent();
            assertTrue(e.function().startsWith(label.replace("\u2026", "")), label + " for " + e.function());
            String title = g.getElementsByTagName("title").item(0).getTextContent();
            assertTrue(title.endsWith("page after: " + e.pageState()), title);
        }
        List<Element> pages = byClass("page-state");
        assertEquals(shown.size(), pages.size(), "the page beside every step");
        assertTrue(pages.get(0).getTextContent().contains("dmap rw"), pages.get(0).getTextContent());
    }

    @Test
    void theDmaWindow_runsFromSubmitBioToBioEndio_andTheStoreInsideItAndTheViolationAreMarked() {
        List<Element> windows = byClass("dma-window");
        assertEquals(1, windows.size());
        int from = Integer.parseInt(windows.get(0).getAttribute("data-from-step"));
        int to = Integer.parseInt(windows.get(0).getAttribute("data-to-step"));
        assertEquals("submit_bio", function(from));
        assertEquals("bio_endio", function(to));
        List<Element> stores = byClass("store-in-window");
        assertEquals(1, stores.size(), "A's one store lands between prep and completion");
        int store = Integer.parseInt(stores.get(0).getAttribute("data-step"));
        assertTrue(from < store && store < to, from + " < " + store + " < " + to);
        assertEquals("A", stores.get(0).getAttribute("data-actor"));
        List<Element> violations = byClass("violation");
        assertEquals(1, violations.size());
        Violation v = RUN.violations().get(0);
        assertEquals(String.valueOf(v.step()), violations.get(0).getAttribute("data-step"));
        assertTrue(violations.get(0).getTextContent().contains("^ NO_FALSE_EIO"));
    }

    @Test
    void theSameRun_givesTheSameBytes() {
        assertEquals(Swimlanes.svg(RUN), Swimlanes.svg(RUN));
    }

    @Test
    void windowsPairInOrder_andOneStillOpenRunsToTheEnd() {
        List<TraceEvent> t = List.of(ev(1, "submit_bio"), ev(2, "submit_bio"), ev(3, "bio_endio"), ev(4, "store"),
                ev(5, "bio_endio"), ev(6, "submit_bio"));
        assertEquals(List.of(new Swimlanes.Window(0, 2), new Swimlanes.Window(1, 4), new Swimlanes.Window(5, -1)),
                Swimlanes.windows(t));
    }

    private static TraceEvent ev(int step, String function) {
        return new TraceEvent(step, 'A', "a", function, "", "-");
    }

    private static String function(int step) {
        return RUN.trace().stream().filter(e -> e.step() == step).findFirst().orElseThrow().function();
    }

    private static List<Element> byClass(String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = SVG.getElementsByTagName("g");
        for (int i = 0; i < all.getLength(); i++) {
            Element g = (Element) all.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains(cls)) {
                out.add(g);
            }
        }
        return out;
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // &#39; and the like are XML; the picture must be well-formed to be SVG at all.
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("the SVG is not well-formed XML: " + e, e);
        }
    }
}
