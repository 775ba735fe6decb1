package dev.stablewrites.core.state;

/**
 * A 128-bit digest of the whole model state at one point of a run ({@link StateFingerprint}): equal
 * states give equal fingerprints; different states collide with probability about 2^-128 per pair.
 */
public record Fingerprint(long high, long low) {
    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
