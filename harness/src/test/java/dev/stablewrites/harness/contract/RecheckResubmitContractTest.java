package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code recheck-resubmit}: a store in each of four DMA windows exhausts the retry limit
 * of 3 on every scenario; the guided explorer needs more schedules than the default to reach it on all.
 */
class RecheckResubmitContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "recheck-resubmit";
    }

    @Override
    protected Expectations expectations() {
        // Everywhere a writer can change a page during its DMA: not the journal, which jbd2 guards.
        Expectations e = Expectations.sound();
        for (ScenarioKind k : java.util.List.of(ScenarioKind.BUFFERED_WRITE, ScenarioKind.MMAP, ScenarioKind.MMAP_2PROC, ScenarioKind.ODIRECT,
                        ScenarioKind.EXT3_ORDERED)) {
            e = e.fails(k, Property.NO_FALSE_EIO);
        }
        return e;
    }

    @Override
    protected int budget() {
        return Math.max(20_000, super.budget());
    }
}
