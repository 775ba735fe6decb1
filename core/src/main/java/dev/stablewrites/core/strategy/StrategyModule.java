package dev.stablewrites.core.strategy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/**
 * A Guice module that contributes strategies, each under its stable id. Subclasses are found
 * through {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.stablewrites.core.strategy.StrategyModule}. Two modules that claim
 * the same id fail at injector creation.
 *
 * <pre>{@code
 * public final class NoneModule extends StrategyModule {
 *     protected void configure() { strategy("none", NoneStrategy.class); }
 * }
 * }</pre>
 */
public abstract class StrategyModule extends AbstractModule {

    /** Registers {@code implementation} under {@code id}; a new instance serves each run. */
    protected final void strategy(String id, Class<? extends Strategy> implementation) {
        ModuleScan.claimed(id);
        MapBinder.newMapBinder(binder(), String.class, Strategy.class).addBinding(id).to(implementation);
    }
}
