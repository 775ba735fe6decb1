package dev.stablewrites.strategies.bounce;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link BounceStrategy} as {@code bounce}. */
public final class BounceModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("bounce", BounceStrategy.class);
    }
}
