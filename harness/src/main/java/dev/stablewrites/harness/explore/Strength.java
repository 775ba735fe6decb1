package dev.stablewrites.harness.explore;

/**
 * How strong a HOLDS is. <em>Verified</em>: every schedule of every instance in a stated scope was
 * run (within a preemption bound, if one is given) and none failed; nothing in that scope is left
 * to find. <em>Sampled</em>: some schedules were run and none failed; a bug the sample missed may
 * still be there.
 *
 * @param verified  whether the exploration covered its whole space
 * @param scope     for a verified HOLDS, the instances covered, e.g. "the instance 'mmap A: ...'" or
 *                  "every instance within scope 3 (120 instances)"; null when sampled
 * @param bound     the preemption bound the schedules were enumerated within, or null for none
 * @param schedules schedules run
 * @param states    distinct model states a state-caching search went through, or 0 when it kept none
 */
public record Strength(boolean verified, String scope, Integer bound, long schedules, long states) {

    /** A claim without a state count (no state caching). */
    public Strength(boolean verified, String scope, Integer bound, long schedules) {
        this(verified, scope, bound, schedules, 0);
    }

    /** A sampled HOLDS of {@code schedules}. */
    public static Strength sampled(long schedules) {
        return new Strength(false, null, null, schedules);
    }

    /** The words for a report, e.g. {@code sampled: 20000 schedules, no counterexample}. */
    public String text() {
        if (!verified) {
            return "sampled: " + schedules + " schedules, no counterexample";
        }
        return "verified: " + scope + ", every schedule" + (bound == null ? " (no preemption bound)"
                : " within preemption bound " + bound) + ", " + schedules + " schedules"
                + (states > 0 ? ", " + states + " states" : "");
    }

    /** {@code verified} or {@code sampled}, as JSON and CSV give it. */
    public String kind() {
        return verified ? "verified" : "sampled";
    }

    /** The same claim with another schedule count (a verified claim keeps its scope and bound). */
    public Strength withSchedules(long n) {
        return new Strength(verified, scope, bound, n, states);
    }
}
