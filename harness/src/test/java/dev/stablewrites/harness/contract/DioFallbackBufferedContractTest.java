package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code dio-fallback-buffered} alone on T10 PI: without filesystem checksums no inode
 * requires them, so it never falls back, and every racing path fails as with {@code none}.
 */
class DioFallbackBufferedContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "dio-fallback-buffered";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.BUFFERED_WRITE, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.MMAP, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.MMAP_2PROC, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.ODIRECT, Property.NO_FALSE_EIO)
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO);
    }
}
