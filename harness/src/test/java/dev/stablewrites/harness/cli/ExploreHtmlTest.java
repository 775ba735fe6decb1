package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards {@code explore --format html --out DIR}: one page with the race drawn, its trace, the same exit status. */
class ExploreHtmlTest {
    @Test
    void aCounterexample_isWrittenAsAPageWithItsSwimlanesAndTrace(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--format", "html", "--out",
                dir.toString());
        assertEquals(Main.FOUND, r.status(), r.err());
        Path page = dir.resolve("index.html");
        assertEquals("explore: wrote " + page + "; FAILS NO_FALSE_EIO: fsync by fsync caller (pid 2) returned EIO,"
                + " no fault injected (found after 9 schedules explored)\n", r.out());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>Stable page writes: NO_FALSE_EIO as a race</title>"));
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swimlanes\""));
        assertTrue(html.contains("<g class=\"dma-window\""));
        assertTrue(html.contains("class=\"step store-in-window\""));
        assertTrue(html.contains("class=\"step violation\""));
        assertTrue(html.contains("replay:   java -jar "), "the trace and its replay line");
        assertFalse(html.contains("<script"), "nothing runs: it opens from a file");
        Cli.Result text = Cli.run("explore", "--strategy", "none", "--scenario", "mmap");
        assertTrue(html.contains(dev.stablewrites.harness.report.html.Html.esc(text.line("replay:"))));
    }

    @Test
    void whenNothingFails_thePageSaysWhatWasExplored(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("explore", "--strategy", "bounce", "--scenario", "mmap", "--budget", "50", "--format",
                "html", "--out", dir.toString());
        assertEquals(Main.HOLDS, r.status(), r.err());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<title>Stable page writes: no counterexample</title>"), html);
        assertTrue(html.contains("HOLDS: no property failed in 50 schedules"), html);
        assertFalse(html.contains("<svg"));
    }

    @Test
    void textWithOut_writesWhatItWouldHavePrinted(@TempDir Path dir) throws Exception {
        Cli.Result printed = Cli.run("explore", "--strategy", "none", "--scenario", "mmap");
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--out", dir.toString());
        assertEquals(Main.FOUND, r.status(), r.err());
        assertEquals(printed.out(), Files.readString(dir.resolve("explore.txt")));
        assertTrue(r.out().startsWith("explore: wrote " + dir.resolve("explore.txt") + "; FAILS NO_FALSE_EIO"), r.out());
    }

    @Test
    void htmlWithoutOut_andAnUnknownFormat_areBadInput() {
        Cli.Result r = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--format", "html");
        assertEquals(Main.BAD_INPUT, r.status());
        assertEquals("stablewrites: --format html writes a page: give --out DIR\n", r.err());
        r = Cli.run("explore", "--strategy", "none", "--scenario", "mmap", "--format", "pdf");
        assertEquals(Main.BAD_INPUT, r.status());
        assertEquals("stablewrites: unknown format 'pdf'; valid: text, html\n", r.err());
    }
}
