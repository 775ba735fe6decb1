package dev.stablewrites.strategies.none;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link NoneStrategy} as {@code none}. */
public final class NoneModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("none", NoneStrategy.class);
    }
}
