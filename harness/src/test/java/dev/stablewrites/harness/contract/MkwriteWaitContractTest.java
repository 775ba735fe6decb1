package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code mkwrite-wait}: the wait protects the page cache only; an O_DIRECT buffer and a journal
 * buffer are stored to without a fault or a write_begin.
 */
class MkwriteWaitContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "mkwrite-wait";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.ODIRECT, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO);
    }
}
