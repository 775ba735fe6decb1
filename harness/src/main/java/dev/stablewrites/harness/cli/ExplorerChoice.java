package dev.stablewrites.harness.cli;

import dev.stablewrites.harness.explore.ExhaustiveExplorer;
import dev.stablewrites.harness.explore.Explorer;
import dev.stablewrites.harness.explore.PctExplorer;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.harness.explore.VerifyExplorer;
import dev.stablewrites.harness.explore.WindowExplorer;
import picocli.CommandLine.Option;

/**
 * How a command explores: {@code --explorer}, PCT's {@code --depth}, the exhaustive {@code --bound}
 * and {@code --no-state-caching}, the unbounded search's {@code --no-reduction}, verify's {@code --scope}.
 */
final class ExplorerChoice {
    /** Every explorer {@link #create} accepts, in the order {@code list} prints them, with its line there. */
    static final java.util.Map<String, String> EXPLORERS = explorers();

    static final String VALID = String.join(", ", EXPLORERS.keySet());

    private static java.util.Map<String, String> explorers() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("random", "uniform choice among the runnable actors at every step (explore's default)");
        m.put("weighted", "random with a per-schedule bias for each actor");
        m.put("guided", "mutates the runs that pressed hardest on the DMA window");
        m.put("window", "window-targeted (after RFF): moves a writer's steps into each DMA window it opens (compare's"
                + " default)");
        m.put("pct", "random priorities with d-1 change points (--depth, default 3)");
        m.put("exhaustive", "every schedule of one instance, state caching, no preemption bound (or --bound B)");
        m.put("verify", "exhaustive on every instance of the kind within --scope data operations (default "
                + VerifyExplorer.DEFAULT_SCOPE + ")");
        return java.util.Collections.unmodifiableMap(m);
    }

    @Option(names = "--explorer", paramLabel = "NAME", description = "random, weighted, guided, window, pct, exhaustive or verify (explore: random; compare: window)")
    String explorer;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "" + PctExplorer.DEFAULT_DEPTH,
            description = "PCT bug depth: d-1 priority change points (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--bound", paramLabel = "B", defaultValue = "none",
            description = "exhaustive and verify: most preemptions per schedule, 0 to 10, or none (default: none)")
    String bound;

    @Option(names = "--no-state-caching",
            description = "exhaustive and verify: replay every schedule to its end instead of cutting runs at states"
                    + " already searched (needs a --bound; the reference the caching search is checked against)")
    boolean noStateCaching;

    @Option(names = "--no-reduction",
            description = "exhaustive and verify, with no bound: try every runnable actor at every decision point,"
                    + " also where the disk's DMA step commutes with every other step (the reference"
                    + " that reduction is checked against)")
    boolean noReduction;

    @Option(names = "--scope", paramLabel = "S", defaultValue = "" + VerifyExplorer.DEFAULT_SCOPE,
            description = "verify: most data operations per instance; every instance within it is explored"
                    + " exhaustively (default: ${DEFAULT-VALUE})")
    int scope;

    /** The preemption bound asked for, or {@link ExhaustiveExplorer#UNBOUNDED}. */
    int bound() {
        if (bound.equals("none")) {
            return ExhaustiveExplorer.UNBOUNDED;
        }
        try {
            return Integer.parseInt(bound);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bound '" + bound + "' is not a number; valid: 0 to 10, or none");
        }
    }

    /**
     * @param fallback the explorer when none is given
     * @throws IllegalArgumentException naming the valid explorers, or the range of a bad parameter
     */
    Explorer create(String fallback) {
        String id = explorer == null ? fallback : explorer;
        if (!EXPLORERS.containsKey(id)) {
            // The table is the list: an explorer only the switch knows could not be listed or named.
            throw new IllegalArgumentException("unknown explorer '" + id + "'; valid: " + VALID);
        }
        return switch (id) {
            case "random" -> new RandomExplorer();
            case "weighted" -> RandomExplorer.weighted();
            case "guided" -> new GuidedExplorer();
            case "window" -> new WindowExplorer();
            case "pct" -> new PctExplorer(depth);
            case "exhaustive" -> new ExhaustiveExplorer(bound(), !noStateCaching, !noReduction);
            case "verify" -> new VerifyExplorer(scope, bound(), !noStateCaching, !noReduction);
            default -> throw new IllegalArgumentException("unknown explorer '" + id + "'; valid: " + VALID);
        };
    }
}
