package dev.stablewrites.strategies.none;

import dev.stablewrites.core.strategy.Strategy;

/**
 * Linux before 3.0: no stable pages. {@code page_mkwrite} and {@code write_begin} do not wait for
 * writeback, so a page may change between {@code bio_integrity_prep} and the device's DMA.
 * {@code page_mkclean} still write-protects the PTEs when writeback starts — that is core
 * behaviour, not this strategy's — so an mmap writer faults once more and carries on, as in step 4
 * of the race Darrick Wong described on LKML in March 2011 ("block integrity: Fix write after
 * checksum calculation problem").
 *
 * <p>On the {@code journal} scenario jbd2's own guards, the frozen copy ({@code b_frozen_data})
 * and the wait on {@code BH_Shadow} in {@code do_get_write_access}, are the kernel model's
 * (docs/model.md §2.8), not a strategy's: {@code none} holds there for jbd2's reasons.
 */
public final class NoneStrategy implements Strategy {
    @Override
    public String description() {
        return "Linux before 3.0: no waits; page_mkclean still write-protects at writeback start";
    }
}
