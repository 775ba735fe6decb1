package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CFQ's think time of a service tree, in jiffies at HZ=250, as {@code __cfq_update_io_thinktime} keeps it. */
class CfqThinkTimeTest {
    private static final double MS = 1e6;

    @Test
    void notBigUntilThreeSamples_evenWhenEveryGapIsLong() {
        CfqThinkTime t = new CfqThinkTime(8 * MS, 4 * MS);
        t.arrived(100 * MS); // samples 32
        assertFalse(t.big());
        t.arrived(200 * MS); // 60
        assertFalse(t.big(), "sample_valid needs more than 80");
        t.arrived(300 * MS); // 84
        assertTrue(t.big(), "every gap capped at 2 * slice_idle, above slice_idle");
    }

    @Test
    void arrivalsSoonAfterACompletion_keepItSmall() {
        CfqThinkTime t = new CfqThinkTime(8 * MS, 4 * MS);
        for (int i = 0; i < 10; i++) {
            t.completed(i * 50 * MS);
            t.arrived(i * 50 * MS + 3 * MS); // within a jiffy or so of the completion
        }
        assertFalse(t.big());
    }

    @Test
    void eachGapIsCappedAtTwiceSliceIdle_soQuickArrivalsBringTheMeanBackDown() {
        CfqThinkTime t = new CfqThinkTime(8 * MS, 4 * MS);
        for (int i = 1; i <= 3; i++) {
            t.arrived(i * 100 * MS); // 25 jiffies each, counted as 4
        }
        assertTrue(t.big());
        for (int i = 0; i < 3; i++) {
            t.completed(400 * MS + i * MS);
            t.arrived(400 * MS + i * MS); // 0 jiffies
        }
        assertFalse(t.big(), "capped gaps of 4 and three of 0: the mean is back at 2, not above slice_idle");
    }

    @Test
    void sliceIdleIsRoundedUpToJiffies_asMsecsToJiffiesDoes() {
        CfqThinkTime t = new CfqThinkTime(5 * MS, 4 * MS); // 2 jiffies, not 1
        for (int i = 0; i < 10; i++) {
            t.completed(i * 50 * MS);
            t.arrived(i * 50 * MS + 8 * MS); // 2 jiffies
        }
        assertFalse(t.big());
    }

    @Test
    void aGapOfOneSliceIdle_isNotBig_butLonger_is() {
        CfqThinkTime t = new CfqThinkTime(8 * MS, 4 * MS);
        for (int i = 0; i < 10; i++) {
            t.completed(i * 50 * MS);
            t.arrived(i * 50 * MS + 8 * MS); // 2 jiffies: the mean is 2, not above slice_idle
        }
        assertFalse(t.big());
        for (int i = 10; i < 30; i++) {
            t.completed(i * 50 * MS);
            t.arrived(i * 50 * MS + 12 * MS); // 3 jiffies
        }
        assertTrue(t.big());
    }
}
