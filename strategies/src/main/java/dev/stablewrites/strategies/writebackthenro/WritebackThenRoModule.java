package dev.stablewrites.strategies.writebackthenro;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link WritebackThenRoStrategy} as {@code writeback-then-ro}. */
public final class WritebackThenRoModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("writeback-then-ro", WritebackThenRoStrategy.class);
    }
}
