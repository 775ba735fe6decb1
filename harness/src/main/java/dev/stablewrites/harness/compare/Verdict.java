package dev.stablewrites.harness.compare;

/** A cell's verdict, as docs/model.md §9 names it. */
public enum Verdict {
    /** No property failed in the schedules explored (or, exhaustively, in every schedule within the bound). */
    HOLDS,
    /** A counterexample was found. */
    FAILS,
    /**
     * The cell has no verdict: the strategy cannot be created with these settings, or the run
     * stopped outside the model (the reason says which).
     */
    SKIPPED
}
