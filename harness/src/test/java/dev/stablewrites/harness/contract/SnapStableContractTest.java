package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code snap-stable} alone: it copies only ext3's flagged bios, and after their tuples,
 * so every other path is as {@code none} and ext3 keeps a window; only jbd2's journal holds.
 */
class SnapStableContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "snap-stable";
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
