package dev.stablewrites.core.sched;

/**
 * A schedule: the sequence of scheduling choices, one actor id per step. Its compact text form
 * runs the ids length-encoded, {@code A5B7D9} meaning five steps of A, seven of B, nine of D; a
 * count of one is left out ({@code AB2} = A, B, B).
 *
 * <p>A choice naming an actor that is not runnable at that point is skipped, so any string of
 * valid ids is a schedule; once the choices run out, {@link Scheduler}'s default rule finishes the
 * run.
 */
public final class Schedule {
    private static final Schedule EMPTY = new Schedule("");
    private final String choices;

    private Schedule(String choices) {
        this.choices = choices;
    }

    /** The schedule with no choices: the default rule alone decides. */
    public static Schedule empty() {
        return EMPTY;
    }

    /** A schedule from its expanded form, one id character per step. */
    public static Schedule ofChoices(CharSequence choices) {
        String s = choices.toString();
        for (int i = 0; i < s.length(); i++) {
            if (!isActorId(s.charAt(i))) {
                throw new IllegalArgumentException("invalid actor id " + printable(s.charAt(i)) + " in schedule at position "
                        + (i + 1) + FORM);
            }
        }
        return new Schedule(s);
    }

    private static final String FORM = " (form: actor letters A-Z each followed by an optional count, e.g. A5B7D9)";
    /** Longest expanded schedule accepted: far beyond any step budget, small enough to hold in memory. */
    private static final int MAX_CHOICES = 10_000_000;

    /**
     * Parses the compact form ({@code A5B7D9}); white space around it is ignored.
     *
     * @throws IllegalArgumentException with a one-line message when the text is malformed
     */
    public static Schedule parse(String encoded) {
        String text = encoded.strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char id = text.charAt(i++);
            if (!isActorId(id)) {
                throw malformed(text, "expected an actor letter at position " + i + ", found " + printable(id));
            }
            int start = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int count = 1;
            if (i > start) {
                if (i - start > 9) {
                    throw malformed(text, "count too large at position " + (start + 1));
                }
                count = Integer.parseInt(text, start, i, 10);
                if (count == 0) {
                    throw malformed(text, "a count must be at least 1 (position " + (start + 1) + ")");
                }
            }
            if ((long) out.length() + count > MAX_CHOICES) {
                throw malformed(text, "more than " + MAX_CHOICES + " steps");
            }
            out.append(String.valueOf(id).repeat(count));
        }
        return new Schedule(out.toString());
    }

    private static IllegalArgumentException malformed(String text, String why) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new IllegalArgumentException("malformed schedule '" + escape(shown) + "': " + why + FORM);
    }

    private static String printable(char c) {
        return c >= ' ' && c < 0x7f ? "'" + c + "'" : String.format("\\u%04x", (int) c);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= ' ' && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    static boolean isActorId(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** Number of choices. */
    public int length() {
        return choices.length();
    }

    /** The i-th choice (an actor id). */
    public char choice(int i) {
        return choices.charAt(i);
    }

    /** The expanded form, one id per step. */
    public String choices() {
        return choices;
    }

    /** The compact, run-length form accepted by {@link #parse(String)} and by the CLI. */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < choices.length()) {
            char c = choices.charAt(i);
            int j = i;
            while (j < choices.length() && choices.charAt(j) == c) {
                j++;
            }
            sb.append(c);
            if (j - i > 1) {
                sb.append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.choices.equals(choices);
    }

    @Override
    public int hashCode() {
        return choices.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
