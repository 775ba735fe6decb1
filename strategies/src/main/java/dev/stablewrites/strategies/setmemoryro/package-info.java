/**
 * The 2011 proposal's mechanism, the base of {@code writeback-then-ro} and {@code ro-then-writeback}:
 * 3.0's waits, {@code set_page_writeback} and {@code set_memory_ro} at {@code bio_integrity_prep},
 * undone by kintegrityd after completion.
 */
package dev.stablewrites.strategies.setmemoryro;
