package dev.stablewrites.harness.explore;

/**
 * How many runs an explorer hands to its workers at once: 8 at first, doubling with the runs made,
 * up to 512. Small first batches keep a failure found in the first few schedules cheap (the runs of a
 * batch after it are made and thrown away); large later ones keep the workers busy. The size depends
 * only on how many runs were made, never on the number of threads.
 */
final class Batches {
    static final int FIRST = 8;
    static final int MOST = 512;

    private Batches() {
    }

    /** The next batch's size after {@code done} runs, within what is left of {@code budget}. */
    static int next(int done, int budget) {
        return Math.min(budget - done, Math.max(FIRST, Math.min(MOST, done)));
    }
}
