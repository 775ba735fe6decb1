package dev.stablewrites.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Guards against {@code replay} not running exactly the schedule it is given on the seed scenario. */
class ReplayTest {
    private static Cli.Result replay(String schedule) {
        return Cli.run("replay", "--strategy", "none", "--scenario", "mmap", "--schedule", schedule);
    }

    @Test
    void replay_seedSchedule_failsNoFalseEioAndExitsOne() {
        Cli.Result r = replay("A5B8A5D9B3");
        assertEquals(Main.FOUND, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.line("FAILS ").startsWith("FAILS NO_FALSE_EIO"), r.out());
    }

    @Test
    void replay_seedSchedule_takesTheFiveStepsOfTheRaceInOrder() {
        List<Cli.Step> steps = replay("A5B8A5D9B3").steps();
        List<Predicate<Cli.Step>> race = List.of(
                s -> s.actor() == 'A' && s.rest().contains("do_shared_fault"),   // A faults the page in...
                s -> s.actor() == 'A' && s.rest().contains("bytes of 0x11"),     // ...and stores
                s -> s.actor() == 'B' && s.function().equals("submit_bio"),      // B checksums and submits
                s -> s.actor() == 'A' && s.rest().contains("do_wp_page"),        // A faults again...
                s -> s.actor() == 'A' && s.rest().contains("bytes of 0x22 at +0x100 (interval 0)"), // ...and stores
                s -> s.actor() == 'D' && s.rest().contains("lba 0 from f[0]+0: guard 0x")
                        && s.rest().contains("-> BLK_STS_PROTECTION"),                 // the DMA of interval 0 mismatches
                s -> s.actor() == 'B' && s.rest().contains("fsync returns -EIO")); // B's fsync fails
        int at = 0;
        for (Predicate<Cli.Step> p : race) {
            while (at < steps.size() && !p.test(steps.get(at))) {
                at++;
            }
            assertTrue(at < steps.size(), "the race's steps in order, stuck before #" + race.indexOf(p));
            at++;
        }
        assertEquals(5, steps.stream().limit(5).filter(s -> s.actor() == 'A').count(), "A takes the first five steps");
    }

    @Test
    void replay_storeAfterCompletion_holdsAndExitsZero() {
        Cli.Result r = replay("A5B8D10B2A5");
        assertEquals(Main.HOLDS, r.status(), r.out() + r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("HOLDS"), r.out());
        assertFalse(r.out().contains("FAILS"), r.out());
        assertFalse(r.out().contains("BLK_STS_PROTECTION"), r.out());
        assertTrue(r.steps().stream().anyMatch(s -> s.rest().contains("fsync returns 0")), r.out());
    }

    @Test
    void replay_sameScheduleTwice_printsByteIdenticalOutput() {
        assertEquals(replay("A5B8A5D9B3").out(), replay("A5B8A5D9B3").out());
    }

    @Test
    void replay_raid1_listsTheActorsById_andTheLastIntervalLikeTheOthers() {
        // Leg E steps before leg D, so listing by first appearance would put E first.
        Cli.Result r = Cli.run("replay", "--strategy", "none", "--scenario", "mmap device=raid1", "--schedule", "A5B8E9");
        assertTrue(r.steps().stream().filter(s -> s.actor() == 'D' || s.actor() == 'E').findFirst().get().actor() == 'E');
        String actors = r.line("actors:");
        assertTrue(actors.indexOf("D = ") < actors.indexOf("E = "), actors);
        assertTrue(r.steps().stream().anyMatch(s -> s.actor() == 'E'
                && s.rest().contains("lba 7 from f[0]+3584: received, tuple verified; last interval")), r.out());
    }
}
