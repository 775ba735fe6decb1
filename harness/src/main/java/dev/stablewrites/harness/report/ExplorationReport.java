package dev.stablewrites.harness.report;

import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.harness.explore.Exploration;

/** The lines that say what an exploration ran and covered, whatever it found. */
public final class ExplorationReport {
    private ExplorationReport() {
    }

    /**
     * Where writes were attempted and where they landed, over every run: a search that never
     * attempted one in the DMA window tested nothing.
     */
    public static String coverage(Exploration.Result r) {
        StringBuilder sb = new StringBuilder("coverage: writes to the page attempted/landed");
        for (StoreWindow w : StoreWindow.values()) {
            sb.append(w.ordinal() == 0 ? " " : ", ").append(w.label()).append(' ')
                    .append(r.coverage().attempts(w)).append('/').append(r.coverage().stores(w));
        }
        return sb.toString();
    }

    /**
     * Where the first failure came and, for PCT, the guarantee beside it; explore stops at the first
     * failure, so the rate over many searches is {@code bench}'s to measure.
     */
    public static String firstFailure(Exploration.Result r) {
        String at = "first failure at schedule " + r.schedulesToFailure() + " of " + r.schedulesExplored();
        return r.summary().guarantee() == null ? at : at + "; " + r.summary().guarantee();
    }
}
