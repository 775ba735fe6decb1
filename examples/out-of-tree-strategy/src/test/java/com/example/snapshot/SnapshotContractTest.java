package com.example.snapshot;

import dev.stablewrites.harness.contract.Expectations;
import dev.stablewrites.harness.contract.StrategyContract;

/**
 * Every property of the lab, on every scenario, for the example strategy: a snapshot taken before
 * the tuples holds everywhere, as the built-in {@code bounce} does.
 */
class SnapshotContractTest extends StrategyContract {
    @Override
    protected String strategy() {
        return "example-snapshot";
    }

    @Override
    protected Expectations expectations() {
        return Expectations.sound();
    }
}
