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

    /** The measured failure rate, and beside it the explorer's guarantee if it has one. */
    public static String rate(Exploration.Result r) {
        String measured = String.format("measured: %d of %d schedules failed", r.failures(), r.schedulesExplored());
        return r.summary().guarantee() == null ? measured : measured + "; " + r.summary().guarantee();
    }
}
