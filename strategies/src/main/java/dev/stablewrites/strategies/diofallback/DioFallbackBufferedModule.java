package dev.stablewrites.strategies.diofallback;

import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@code dio-fallback-buffered}. */
public final class DioFallbackBufferedModule extends StrategyModule {
    @Override
    protected void configure() {
        strategy("dio-fallback-buffered", DioFallbackBufferedStrategy.class);
    }
}
