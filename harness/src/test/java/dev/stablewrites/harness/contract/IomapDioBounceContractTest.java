package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code iomap-dio-bounce} alone: O_DIRECT is bounced where stable writes are required;
 * the page cache and ext3 are left as {@code none} leaves them.
 */
class IomapDioBounceContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "iomap-dio-bounce";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.BUFFERED_WRITE, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.MMAP, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.MMAP_2PROC, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO);
    }
}
