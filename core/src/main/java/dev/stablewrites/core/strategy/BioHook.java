package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.sched.Actor;

/**
 * What a submission hook sees.
 *
 * @param kernel the primitives a strategy may use
 * @param actor  the submitting task
 * @param bio    the bio about to be submitted; its pages may be swapped
 */
public record BioHook(KernelPrimitives kernel, Actor actor, Bio bio) {
}
