package dev.stablewrites.core.block;

import dev.stablewrites.core.sched.Actor;

/**
 * A bio's completion callback ({@code bi_end_io}). It runs in the completing device's context and
 * pushes the steps of completion onto {@code irq}, so each of them is schedulable.
 */
@FunctionalInterface
public interface EndIo {
    void endIo(Bio bio, Actor irq);
}
