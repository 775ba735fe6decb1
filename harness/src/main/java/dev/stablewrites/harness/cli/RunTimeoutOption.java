package dev.stablewrites.harness.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --run-timeout}: the watchdog's patience, shared by every command that runs strategies. */
final class RunTimeoutOption {
    @Option(names = "--run-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "wall-clock seconds one run may go without ending before it is reported as TERMINATES:"
                    + " a strategy hook that never returns (default: ${DEFAULT-VALUE})")
    int seconds;

    /** The timeout, checked. */
    Duration duration() {
        return Duration.ofSeconds(Lab.positive("run timeout", seconds));
    }
}
