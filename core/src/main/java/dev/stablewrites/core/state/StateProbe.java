package dev.stablewrites.core.state;

/**
 * A view of one running simulation's state, handed to a chooser that caches states: what it can
 * ask at a decision point, and again after the run.
 */
@FunctionalInterface
public interface StateProbe {
    /** The fingerprint of the whole model state now. */
    Fingerprint fingerprint();
}
