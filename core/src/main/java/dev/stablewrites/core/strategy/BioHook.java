package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.sched.Actor;

/**
 * What a submission hook sees.
 *
 * @param kernel the simulated kernel, for its primitives
 * @param actor  the submitting task
 * @param bio    the bio about to be submitted; its pages may be swapped
 */
public record BioHook(Kernel kernel, Actor actor, Bio bio) {
}
