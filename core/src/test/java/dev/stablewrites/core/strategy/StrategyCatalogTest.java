package dev.stablewrites.core.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        IllegalStateException e = assertThrows(IllegalStateException.class,
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
}
