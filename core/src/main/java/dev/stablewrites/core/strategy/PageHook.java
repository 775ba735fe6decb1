package dev.stablewrites.core.strategy;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;

/**
 * What a page-level hook sees.
 *
 * @param kernel the primitives a strategy may use
 * @param actor  the task that reached the hook
 * @param page   the page being faulted on, written, or updated
 */
public record PageHook(KernelPrimitives kernel, Actor actor, Page page) {
}
