package dev.stablewrites.harness.cli;

import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.PctExplorer;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.harness.explore.VerifyExplorer;
import dev.stablewrites.harness.explore.WindowExplorer;
import picocli.CommandLine.Option;

/** How a command explores: {@code --explorer}, PCT's {@code --depth}, the exhaustive {@code --bound}. */
final class ExplorerChoice {
    static final String VALID = "random, weighted, guided, window, pct, exhaustive, verify";

    @Option(names = "--explorer", paramLabel = "NAME", description = "random, weighted, guided, window, pct, exhaustive or verify (explore: random; compare: window)")
    String explorer;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "" + PctExplorer.DEFAULT_DEPTH,
            description = "PCT bug depth: d-1 priority change points (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--bound", paramLabel = "B", defaultValue = "" + ExhaustiveExplorer.DEFAULT_BOUND,
            description = "exhaustive: most preemptions per schedule (default: ${DEFAULT-VALUE})")
    int bound;

    @Option(names = "--scope", paramLabel = "S", defaultValue = "" + VerifyExplorer.DEFAULT_SCOPE,
            description = "verify: most data operations per instance; every instance within it is explored"
                    + " exhaustively within --bound (default: ${DEFAULT-VALUE})")
    int scope;

    /**
     * @param fallback the explorer when none is given
     * @throws IllegalArgumentException naming the valid explorers, or the range of a bad parameter
     */
    Explorer create(String fallback) {
        String id = explorer == null ? fallback : explorer;
        return switch (id) {
            case "random" -> new RandomExplorer();
            case "weighted" -> RandomExplorer.weighted();
            case "guided" -> new GuidedExplorer();
            case "window" -> new WindowExplorer();
            case "pct" -> new PctExplorer(depth);
            case "exhaustive" -> new ExhaustiveExplorer(bound);
            case "verify" -> new VerifyExplorer(scope, bound);
            default -> throw new IllegalArgumentException("unknown explorer '" + id + "'; valid: " + VALID);
        };
    }
}
