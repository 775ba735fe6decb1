package dev.stablewrites.strategies.recheckresubmit;

import com.google.inject.Provides;
import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.StrategyModule;

/** Registers {@link RecheckResubmitStrategy} as {@code recheck-resubmit}, with its typed settings. */
public final class RecheckResubmitModule extends StrategyModule {
    /** A bound only so that a typo (30000) cannot turn a retry loop into a hang. */
    static final int MAX_RETRY_LIMIT = 1000;

    @Override
    protected void configure() {
        strategy("recheck-resubmit", RecheckResubmitStrategy.class);
    }

    @Provides
    RecheckResubmitSettings settings(Settings settings) {
        return new RecheckResubmitSettings(settings.intValue(RecheckResubmitSettings.RETRY_LIMIT, 0, MAX_RETRY_LIMIT));
    }
}
