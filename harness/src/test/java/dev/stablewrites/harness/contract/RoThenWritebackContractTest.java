package dev.stablewrites.harness.contract;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.ScenarioKind;

/**
 * The §6 properties against {@code ro-then-writeback}: the page cache holds; a user store to an O_DIRECT buffer goes through its
 * own PTE, the journal's memcpy oopses on the read-only direct map, and kintegrityd's undo of one
 * commit strips the next one's protection (a false EIO).
 */
class RoThenWritebackContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "ro-then-writeback";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound()
                .fails(ScenarioKind.ODIRECT, Property.NO_FALSE_EIO)
                // The updater's memcpy meets the read-only map after jbd2 let it go; killed with its
                // handle open, it leaves the next commit waiting for t_updates forever.
                .fails(ScenarioKind.JOURNAL, Property.NO_OOPS, Property.NO_DEADLOCK)
                // Stores through writable PTEs during kjournald's data write; and prep's
                // set_page_writeback on a page writepage holds locked: BUG_ON(PageWriteback).
                .fails(ScenarioKind.EXT3_ORDERED, Property.NO_FALSE_EIO, Property.NO_OOPS);
    }
}
