package dev.stablewrites.core.coverage;

/**
 * Where, in the life of the bios that write a page, a store to that page landed. Only a store in
 * {@link #PREP_TO_DMA} can make the device see data that does not match its tuples, so a run that
 * never lands one there has not tested a strategy against the race at all.
 */
public enum StoreWindow {
    /** No bio carrying the page had been prepped yet in this run. */
    BEFORE_PREP("before prep"),
    /** A bio carrying the page (or a bounce copy of it) had its tuples generated and was not yet completed. */
    PREP_TO_DMA("between prep and DMA"),
    /** Every bio carrying the page had completed. */
    AFTER_COMPLETION("after completion");

    private final String label;

    StoreWindow(String label) {
        this.label = label;
    }

    /** How a report names the window. */
    public String label() {
        return label;
    }
}
