package com.example.snapshot;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link SnapshotStrategy} as {@code example-snapshot}; listed in META-INF/services. */
public final class SnapshotModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("example-snapshot", SnapshotStrategy.class);
    }
}
