package dev.stablewrites.core.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Provides;
import dev.stablewrites.core.config.Settings;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards plug-in registration: ids are unique, instances are fresh per run, unknown ids are named. */
class StrategyCatalogTest {

    public static final class Plain implements Strategy {
        @Override
        public String description() {
            return "plain";
        }
    }

    public static final class Other implements Strategy {
        @Override
        public String description() {
            return "another strategy that wants the same id";
        }
    }

    static final class PlainModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("plain", Plain.class);
        }
    }

    static final class AlsoPlainModule extends StrategyModule {
        @Override
        protected void configure() {
            strategy("plain", Other.class);
        }
    }

    @Test
    void twoModulesClaimingOneId_failAtStartUp() {
        StrategyCatalog.BadModule e = assertThrows(StrategyCatalog.BadModule.class,
                () -> StrategyCatalog.of(List.of(new PlainModule(), new AlsoPlainModule())));
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
    }

    @Test
    void eachCreate_givesAFreshInstance_soStrategiesMayKeepPerRunState() {
        StrategyCatalog c = StrategyCatalog.of(List.of(new PlainModule()));
        assertEquals(List.of("plain"), c.ids());
        assertNotSame(c.create("plain"), c.create("plain"));
    }

    @Test
    void unknownId_isRejectedNamingTheValidOnes() {
        StrategyCatalog c = StrategyCatalog.of(List.of(new PlainModule()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.create("nope"));
        assertEquals("unknown strategy 'nope'; valid: plain", e.getMessage());
    }

    @Test
    void noModules_givesAnEmptyCatalog() {
        assertTrue(StrategyCatalog.of(List.of()).ids().isEmpty());
    }

    /** Needs a setting, typed in the module as a real strategy's is. */
    public static final class Tuned implements Strategy {
        final int depth;

        @Inject
        public Tuned(Integer depth) {
            this.depth = depth;
        }

        @Override
        public String description() {
            return "tuned to " + depth;
        }
    }

    static final class TunedModule extends StrategyModule {
        private final RuntimeException failure;

        TunedModule(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        protected void configure() {
            strategy("tuned", Tuned.class);
        }

        @Provides
        Integer depth(Settings settings) {
            if (failure != null) {
                throw failure;
            }
            return 7;
        }
    }

    @Test
    void aSettingTheModuleRejects_isOneLineNamingTheStrategy() {
        StrategyCatalog c = StrategyCatalog.of(List.of(new TunedModule(new IllegalArgumentException(
                "setting tuned.depth=x: must be an integer from 0 to 9"))), Settings.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.create("tuned"));
        assertEquals("tuned: setting tuned.depth=x: must be an integer from 0 to 9", e.getMessage());
    }

    @Test
    void aModuleThatThrowsAnythingElse_isOneLineNamingTheStrategy_notAGuiceReport() {
        StrategyCatalog c = StrategyCatalog.of(List.of(new TunedModule(new IllegalStateException("boom"))),
                Settings.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.create("tuned"));
        assertEquals("strategy 'tuned' cannot be created: java.lang.IllegalStateException: boom", e.getMessage());
    }

    @Test
    void settings_reachTheModule() {
        StrategyCatalog c = StrategyCatalog.of(List.of(new TunedModule(null)), Settings.empty());
        assertEquals("tuned to 7", c.create("tuned").description());
    }
}
