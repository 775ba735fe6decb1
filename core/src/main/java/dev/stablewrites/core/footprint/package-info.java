/**
 * Footprints: what each step of an actor reads and writes, recorded as it runs by rewriting the
 * model's classes when they load ({@link dev.stablewrites.core.footprint.FootprintAgent}). Two steps
 * whose footprints do not conflict commute; that is what a partial-order reduction needs.
 */
package dev.stablewrites.core.footprint;
