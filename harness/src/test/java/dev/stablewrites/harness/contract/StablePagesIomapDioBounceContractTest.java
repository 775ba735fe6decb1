package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against Linux 7.0's composition, {@code stable-pages+iomap-dio-bounce}: the page cache waits,
 * O_DIRECT is bounced; only ext3, which 7.0 no longer has, still fails.
 */
class StablePagesIomapDioBounceContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "stable-pages+iomap-dio-bounce";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO);
    }
}
