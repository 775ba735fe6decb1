package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

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
        // Everywhere but the journal, whose buffer jbd2 guards itself (BH_Shadow, the frozen copy).
        Expectations e = Expectations.sound();
        for (ScenarioKind k : java.util.List.of(ScenarioKind.BUFFERED_WRITE, ScenarioKind.MMAP, ScenarioKind.MMAP_2PROC, ScenarioKind.ODIRECT,
                        ScenarioKind.EXT3_ORDERED)) {
            e = e.fails(k, Property.NO_FALSE_EIO);
        }
        return e;
    }
}
