package dev.stablewrites.strategies.rothenwriteback;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link RoThenWritebackStrategy} as {@code ro-then-writeback}. */
public final class RoThenWritebackModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("ro-then-writeback", RoThenWritebackStrategy.class);
    }
}
