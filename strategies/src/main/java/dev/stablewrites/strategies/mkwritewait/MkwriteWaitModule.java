package dev.stablewrites.strategies.mkwritewait;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link MkwriteWaitStrategy} as {@code mkwrite-wait}. */
public final class MkwriteWaitModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("mkwrite-wait", MkwriteWaitStrategy.class);
    }
}
