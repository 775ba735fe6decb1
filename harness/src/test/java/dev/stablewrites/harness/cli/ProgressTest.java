package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards the stderr bar: it moves with parts of a unit, never floods a terminal, and leaves no line behind. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> draws() {
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\r")).filter(s -> !s.isBlank()).toList();
    }

    @Test
    void partsOfOneRun_moveTheBar() {
        Progress p = Progress.drawnOn(err, 1, "timed runs");
        p.advance(0.25);
        p.advance(0.25);
        List<String> d = draws();
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).contains(" 25% 0/1 timed runs"), d.get(0));
        assertTrue(d.get(1).contains(" 50% 0/1 timed runs"), d.get(1));
    }

    @Test
    void aMillionSchedules_drawAtMostAThousandTimes_andTheLineIsErasedAtTheEnd() {
        Progress p = Progress.drawnOn(err, 1_000_000, "schedules");
        for (int i = 0; i < 1_000_000; i++) {
            p.step();
        }
        List<String> d = draws();
        assertTrue(d.size() <= 1_001, d.size() + " draws");
        assertTrue(d.get(d.size() - 1).contains("100% 1000000/1000000 schedules"), d.get(d.size() - 1));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r"), "erased, the cursor at the line's start");
    }

    @Test
    void aNote_replacesTheBar_andClearErasesIt() {
        Progress p = Progress.drawnOn(err, 10, "schedules");
        p.step();
        p.note("shrinking the counterexample");
        p.clear();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("\rshrinking the counterexample"), all);
        String last = all.substring(all.lastIndexOf('\r', all.length() - 2) + 1);
        assertTrue(last.isBlank() && last.length() >= "shrinking the counterexample".length(), "erased: '" + last + "'");
    }
}
