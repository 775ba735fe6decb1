package dev.stablewrites.harness.compare;

/**
 * A cell's verdict with its strength, the one place every output takes the words from:
 * {@code HOLDS (verified: the instance '...', every schedule within preemption bound 2, 148
 * schedules)}, {@code HOLDS (sampled: 20000 schedules, no counterexample)}, or the plain label for
 * a failure or a skipped cell. The short form for a matrix is {@code HOLDS (verified)} or
 * {@code HOLDS (sampled)}.
 */
public final class VerdictText {
    private VerdictText() {
    }

    /** The verdict with its full strength. */
    public static String full(Cell c) {
        return c.verdict() == Verdict.HOLDS && c.strength() != null ? "HOLDS (" + c.strength().text() + ")"
                : c.label();
    }

    /** The verdict with the kind of its strength only, for a matrix. */
    public static String brief(Cell c) {
        return c.verdict() == Verdict.HOLDS && c.strength() != null ? "HOLDS (" + c.strength().kind() + ")"
                : c.label();
    }

    /** {@code verified}, {@code sampled}, or null when the cell does not hold. */
    public static String kind(Cell c) {
        return c.verdict() == Verdict.HOLDS && c.strength() != null ? c.strength().kind() : null;
    }
}
