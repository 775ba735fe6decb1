package dev.stablewrites.core.coverage;

/**
 * Where, in the life of the bios that write a page, a write to that page came. Only a store in
 * {@link #PREP_TO_COMPLETION} can make the device see data that does not match its tuples, so a
 * run that never tries one there has not tested a strategy against the race at all.
 *
 * <p>The window runs from {@code submit_bio} (the tuples generated) to {@code bio_endio}: a store
 * in the last interval's wake, after the DMA and before the completion, counts too, which the
 * model's one-step gap between them makes rare. A bio that a strategy took over at completion
 * is out of the window until it is resubmitted.
 */
public enum StoreWindow {
    /** No bio carrying the page had been prepped yet in this run. */
    BEFORE_PREP("before prep"),
    /** A bio carrying the page (or a bounce copy of it) had its tuples generated and was not yet completed:
     *  the DMA window. */
    PREP_TO_COMPLETION("between prep and completion"),
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
