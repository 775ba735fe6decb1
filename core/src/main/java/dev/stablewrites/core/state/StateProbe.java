package dev.stablewrites.core.state;

import java.util.IdentityHashMap;

/**
 * A view of one running simulation's state, handed to a chooser that caches states: what it can
 * ask at a decision point, and again after the run.
 */
@FunctionalInterface
public interface StateProbe {
    /** The fingerprint of the whole model state now. */
    Fingerprint fingerprint();

    /**
     * Each object of the state now with its number ({@link StateFingerprint#numbering}): for naming
     * footprints the same way in every run that reaches this state.
     */
    default IdentityHashMap<Object, Integer> numbering() {
        throw new UnsupportedOperationException("this probe numbers no objects");
    }
}
