package dev.stablewrites.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Guards the compact schedule text form: a replayed schedule must decode to exactly the choices that were taken. */
class ScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"A5B8A5D9B3", "AB2", "", "A", "Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "A999999", "J2Q3D"})
    void parse_thenEncode_givesBackTheCanonicalText(String encoded) {
        Schedule s = Schedule.parse(encoded);
        assertEquals(encoded, s.encode());
        assertEquals(encoded, s.toString());
        assertEquals(s, Schedule.parse(s.encode()));
    }

    @Test
    void parse_expandsCountsIntoOneChoicePerStep() {
        Schedule s = Schedule.parse("A5B8A5D9B3");
        assertEquals("AAAAA" + "BBBBBBBB" + "AAAAA" + "DDDDDDDDD" + "BBB", s.choices());
        assertEquals(30, s.length());
        assertEquals('A', s.choice(0));
        assertEquals('B', s.choice(5));
        assertEquals('B', s.choice(29));
        assertEquals("ABB", Schedule.parse("AB2").choices());
    }

    @Test
    void parse_emptyText_isTheEmptySchedule() {
        assertEquals(0, Schedule.parse("").length());
        assertEquals(Schedule.empty(), Schedule.parse(""));
        assertEquals("", Schedule.empty().encode());
    }

    @Test
    void parse_surroundingWhitespace_isStripped() {
        assertEquals(Schedule.parse("AB2"), Schedule.parse("  AB2\t\n"));
    }

    @Test
    void parse_leadingZerosInACount_areAcceptedAndEncodeCanonically() {
        assertEquals("AB", Schedule.parse("A01B").choices());
        assertEquals("AB", Schedule.parse("A01B").encode());
    }

    @Test
    void ofChoices_runsAreLengthEncoded() {
        assertEquals("A2B3", Schedule.ofChoices("AABBB").encode());
        assertEquals("ABA", Schedule.ofChoices("ABA").encode());
        assertEquals("A2B3", Schedule.ofChoices(new StringBuilder("AABBB")).encode());
    }

    @Test
    void ofChoices_nonLetter_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.ofChoices("AB3"));
        assertTrue(e.getMessage().contains("'3'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.ofChoices("Ab"));
    }

    @Test
    void encode_thenParse_roundTripsRandomChoiceStrings() {
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int n = 0; n < 300; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) {
                // few distinct letters, so that runs of length > 1 and > 9 occur
                char c = (char) ('A' + random.nextInt(3));
                int run = 1 + random.nextInt(random.nextInt(4) == 0 ? 15 : 2);
                sb.append(String.valueOf(c).repeat(run));
            }
            Schedule s = Schedule.ofChoices(sb);
            Schedule back = Schedule.parse(s.encode());
            assertEquals(sb.toString(), back.choices());
            assertEquals(s, back);
            assertEquals(s.hashCode(), back.hashCode());
        }
    }

    @Test
    void equals_comparesChoicesOnly() {
        assertEquals(Schedule.parse("A2"), Schedule.ofChoices("AA"));
        assertNotEquals(Schedule.parse("A2"), Schedule.parse("A3"));
        assertNotEquals(Schedule.parse("AB"), Schedule.parse("BA"));
        assertSame(Schedule.empty(), Schedule.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5A      | 1",
        "a3      | 1",
        "A-1     | 2",
        "A B     | 2",
        "AB2c    | 4",
        "A5B7_D9 | 5",
    })
    void parse_nonLetterWhereAnActorIsExpected_isRejectedWithPositionAndForm(String input, int position) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(input));
        String m = e.getMessage();
        assertOneLine(m);
        assertTrue(m.startsWith("malformed schedule '" + input + "'"), m);
        assertTrue(m.contains("expected an actor letter at position " + position + ", found '"), m);
        assertTrue(m.endsWith(FORM), m);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A0     | 2",
        "AB00   | 3",
        "A3B0C  | 4",
    })
    void parse_countOfZero_isRejectedWithPosition(String input, int position) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(input));
        String m = e.getMessage();
        assertOneLine(m);
        assertTrue(m.startsWith("malformed schedule '" + input + "'"), m);
        assertTrue(m.contains("a count must be at least 1 (position " + position + ")"), m);
        assertTrue(m.endsWith(FORM), m);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A1234567890  | 2",
        "B2A0000000000 | 4",
    })
    void parse_countOfTenOrMoreDigits_isRejectedAsTooLarge(String input, int position) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(input));
        String m = e.getMessage();
        assertOneLine(m);
        assertTrue(m.startsWith("malformed schedule '" + input + "'"), m);
        assertTrue(m.contains("count too large at position " + position), m);
        assertTrue(m.endsWith(FORM), m);
    }

    @Test
    void parse_spaceInside_isMalformedNotIgnored() {
        // strip() removes only leading and trailing whitespace
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("A2 B3"));
        assertEquals("AABBB", Schedule.parse(" A2B3 ").choices());
    }

    @Test
    void encodeOfAMillionStepRun_parsesBack_andTenMillionIsTheLimit() {
        Schedule million = Schedule.ofChoices("A".repeat(1_000_000));
        assertEquals("A1000000", million.encode());
        assertEquals(million, Schedule.parse(million.encode()));
        assertEquals(10_000_000, Schedule.parse("A10000000").length());
        String m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("A10000000B")).getMessage();
        assertTrue(m.contains("more than 10000000 steps"), m);
    }

    @Test
    void controlCharacters_areEscaped_soTheMessageStaysOneLine() {
        String m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("A\nB")).getMessage();
        assertOneLine(m);
        assertTrue(m.contains("'A\\u000aB'") && m.contains("found \\u000a"), m);
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> Schedule.ofChoices("A\nB")).getMessage());
    }

    @Test
    void positions_countFromTheStrippedText_thatTheMessageQuotes() {
        String m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("  5A")).getMessage();
        assertTrue(m.startsWith("malformed schedule '5A': expected an actor letter at position 1"), m);
    }

    private static final String FORM = " (form: actor letters A-Z each followed by an optional count, e.g. A5B7D9)";

    private static void assertOneLine(String message) {
        assertFalse(message.isEmpty());
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("\r"), message);
    }
}
