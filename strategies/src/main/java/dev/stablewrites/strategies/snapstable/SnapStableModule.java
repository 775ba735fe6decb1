package dev.stablewrites.strategies.snapstable;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@code snap-stable}. */
public final class SnapStableModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("snap-stable", SnapStableStrategy.class);
    }
}
