package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;

/**
 * The §6 properties against {@code recheck-resubmit}: a store in each of four DMA windows exhausts the retry limit
 * of 3 on every scenario; the guided explorer needs more schedules than the default to reach it on all. With a
 * bit flipped after prep it re-checksums the corrupt page and the write succeeds: {@code NO_SILENT_CORRUPTION}.
 */
class RecheckResubmitContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "recheck-resubmit";
    }

    @Override
    protected Expectations expectations() {
        // With a bit flipped in the window it regenerates the tuples over the flip and resubmits.
        return Expectations.sound().failsEverywhere(Property.NO_FALSE_EIO).blessesFaultsEverywhere();
    }

    @Override
    protected int budget() {
        return Math.max(20_000, super.budget());
    }
}
