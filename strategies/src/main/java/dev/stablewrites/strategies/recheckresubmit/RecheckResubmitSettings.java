package dev.stablewrites.strategies.recheckresubmit;

/**
 * The settings of {@code recheck-resubmit}, read from {@code stablewrites-defaults.properties}.
 *
 * @param retryLimit how often one bio may be resubmitted before its protection error stands
 *                   ({@code recheck-resubmit.retry-limit})
 */
public record RecheckResubmitSettings(int retryLimit) {
    /** The key of {@link #retryLimit()}. */
    public static final String RETRY_LIMIT = "recheck-resubmit.retry-limit";
}
