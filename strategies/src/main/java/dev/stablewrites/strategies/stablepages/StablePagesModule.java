package dev.stablewrites.strategies.stablepages;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@code stable-pages}. */
public final class StablePagesModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("stable-pages", StablePagesStrategy.class);
    }
}
