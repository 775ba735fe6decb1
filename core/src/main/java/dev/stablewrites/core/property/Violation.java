package dev.stablewrites.core.property;

import dev.stablewrites.core.state.NotState;

/**
 * One property found false in a run.
 *
 * @param property which property
 * @param step     the step at which it was seen (0 for checks made after the run)
 * @param message  what was seen, in kernel terms
 */
public record Violation(Property property, @NotState int step, String message) {
    @Override
    public String toString() {
        return property + " at step " + step + ": " + message;
    }
}
