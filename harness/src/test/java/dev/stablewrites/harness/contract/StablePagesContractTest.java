package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code stable-pages} on T10 PI, which requires stable writes: 3.0's waits, so the
 * page cache holds; O_DIRECT and ext3's kjournald set no {@code PG_writeback} for a wait to find.
 */
class StablePagesContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "stable-pages";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.ODIRECT, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO);
    }
}
