package dev.stablewrites.strategies.iomapdiobounce;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@code iomap-dio-bounce}. */
public final class IomapDioBounceModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("iomap-dio-bounce", IomapDioBounceStrategy.class);
    }
}
