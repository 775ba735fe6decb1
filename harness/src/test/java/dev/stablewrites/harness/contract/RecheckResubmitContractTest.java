package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;
import java.util.List;

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
        // Everywhere a writer can change a page during its DMA: not the journal, which jbd2 guards.
        // With a bit flipped in the window it regenerates the tuples over the flip and resubmits: on the
        // journal, the exhaustive check finds it blessing a flip during the checkpoint's home write.
        List<ScenarioKind> racy = List.of(ScenarioKind.BUFFERED_WRITE, ScenarioKind.MMAP, ScenarioKind.MMAP_2PROC,
                ScenarioKind.ODIRECT, ScenarioKind.EXT3_ORDERED);
        Expectations e = Expectations.sound().blessesFaultsEverywhere();
        for (ScenarioKind k : racy) {
            e = e.fails(k, Property.NO_FALSE_EIO);
        }
        return e;
    }

    @Override
    protected int budget() {
        return Math.max(20_000, super.budget());
    }
}
