package dev.stablewrites.harness.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.core.strategy.StrategyModule;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.harness.gen.ScenarioScope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scope of {@code --verify} is real: a strategy whose bug needs three operations is caught at
 * scope 3 and verified at scope 2, and the instances of a scope are the ones it promises.
 */
class VerifyScopeTest {
    /**
     * {@code mkwrite-wait}'s wait in {@code write_begin}, forgotten from the third {@code write()} of
     * a run on: a bug only an instance with three writes can show (the third must land in the
     * window of a writeback the first two did not wait for). Test-only, not registered.
     */
    static final class ThirdWriteSkipsWait implements Strategy {
        private int writes;

        @Override
        public String description() {
            return "mkwrite-wait, except that write_begin stops waiting at the third write()";
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            steps.waitOnPageWriteback(fault.page());
        }

        @Override
        public void writeBegin(PageHook write, Steps steps) {
            if (++writes < 3) {
                steps.waitOnPageWriteback(write.page());
            }
        }
    }

    static final class Module extends StrategyModule {
        @Override
        protected void configure() {
            strategy("third-write-skips-wait", ThirdWriteSkipsWait.class);
        }
    }

    private static final Runner BROKEN = new Runner(StrategyCatalog.of(List.of(new Module())), "third-write-skips-wait");

    @Test
    void aBugThatNeedsThreeWrites_isCaughtAtScope3_andMissedAtScope2() {
        ScenarioSource source = ScenarioSource.parse("buffered-write");
        Exploration.Result two = Exploration.run(new VerifyExplorer(2, 2), BROKEN, source, 1, Integer.MAX_VALUE, true);
        assertTrue(two.holds(), "two writes cannot show it: " + two.firstFailure());
        assertTrue(two.summary().complete());
        assertTrue(two.strength().verified());
        assertTrue(two.strength().text().startsWith("verified: every instance of buffered-write within scope 2"
                + " (60 instances), every schedule within preemption bound 2, "), two.strength().text());

        Exploration.Result three = Exploration.run(new VerifyExplorer(3, 2), BROKEN, source, 1, Integer.MAX_VALUE,
                true);
        assertFalse(three.holds(), "scope 3 must catch the third write");
        assertEquals(Property.NO_FALSE_EIO, three.violation());
        long writes = three.firstFailure().scenario().ops().get('A').size();
        assertEquals(3, writes, three.firstFailure().scenario().toString());
        assertFalse(three.strength().verified(), "a failure is no verification");
    }

    @Test
    void theScopeEnumeratesEveryShapeAndSyncPlacement_onceEach() {
        Geometry g = Scenario.defaultOf(ScenarioKind.MMAP).geometry();
        List<Scenario> one = ScenarioScope.instances(ScenarioKind.MMAP, g, 1);
        assertEquals(4 * 3, one.size(), "four shapes x three syncer choices");
        List<Scenario> three = ScenarioScope.instances(ScenarioKind.MMAP, g, 3);
        assertEquals((4 + 16 + 64) * 3, three.size());
        Set<String> distinct = new HashSet<>();
        three.forEach(s -> distinct.add(s.toString()));
        assertEquals(three.size(), distinct.size(), "no instance twice");
        assertEquals(three, ScenarioScope.instances(ScenarioKind.MMAP, g, 3), "a fixed order");
        Scenario last = three.get(three.size() - 1);
        Op op = last.ops().get('A').get(2);
        assertEquals(g.pageSize() - 1, op.offset(), "the page's last byte is a shape");
        assertEquals(48, ScenarioScope.instances(ScenarioKind.MMAP_2PROC, g, 1).size(),
                "two writers: scope 2 at least, one write each");
    }

    @Test
    void aVerifiedHolds_saysItsScopeAndBound_aSampledOneItsCount() {
        Exploration.Result v = Exploration.run(new VerifyExplorer(1, 1), new Runner(StrategyCatalog.discover(),
                "bounce"), ScenarioSource.parse("mmap"), 1, Integer.MAX_VALUE, true);
        assertNotNull(v.strength().scope());
        assertEquals(1, v.strength().bound());
        assertEquals(v.schedulesExplored(), v.strength().schedules());
        Exploration.Result s = Exploration.run(new RandomExplorer(), new Runner(StrategyCatalog.discover(), "bounce"),
                ScenarioSource.parse("mmap"), 1, 200, true);
        assertEquals("sampled: 200 schedules, no counterexample", s.strength().text());
        Exploration.Result cut = Exploration.run(new VerifyExplorer(2, 2), new Runner(StrategyCatalog.discover(),
                "bounce"), ScenarioSource.parse("mmap"), 1, 500, true);
        assertFalse(cut.strength().verified(), "a budget that runs out verifies nothing");
        assertThrows(IllegalArgumentException.class, () -> new VerifyExplorer(0, 2));
    }
}
