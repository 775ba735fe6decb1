package dev.stablewrites.core.trace;

/**
 * One visible step of a run, as a kernel engineer reads it.
 *
 * @param step      its number, from 1
 * @param actor     the actor's id
 * @param actorName the actor's description
 * @param function  the kernel function (or user action) it ran
 * @param detail    what happened, or empty
 * @param pageState the page's flags, its PTEs and its direct-map entry after the step
 */
public record TraceEvent(int step, char actor, String actorName, String function, String detail, String pageState) {
}
