package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;

/**
 * The §6 properties against {@code none}: nothing keeps the page stable, so every scenario gives a false EIO.
 */
class NoneContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "none";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound().failsEverywhere(Property.NO_FALSE_EIO);
    }
}
