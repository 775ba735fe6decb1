package dev.stablewrites.harness.cli;

import dev.stablewrites.harness.shrink.Shrinker;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --shrink-time}: how long one counterexample's shrinking may take, shared by the commands
 * that shrink. A shrink usually takes milliseconds; one of a scenario with thousands of operations
 * can take minutes, and then it stops here and says so.
 */
final class ShrinkTimeOption {
    @Option(names = "--shrink-time", paramLabel = "SECONDS", defaultValue = "30",
            description = "wall-clock seconds one counterexample's shrinking may take; past it, the smallest failure"
                    + " found so far is printed, marked as such (default: ${DEFAULT-VALUE})")
    int seconds;

    /** The limit, checked. */
    Duration duration() {
        return Duration.ofSeconds(Lab.positive("shrink time", seconds));
    }

    /** A shrinker with this limit. */
    Shrinker apply(Shrinker shrinker) {
        return shrinker.withTimeLimit(duration());
    }
}
