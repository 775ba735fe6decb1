package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.sched.Actor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An NCQ drive's held completions: a held write keeps its tag until it completes (a SATA tag is
 * freed by the completion), so the drive never holds more commands than its queue depth; and a held
 * write completes only through the drive's interrupt, which runs {@code bio_endio} in atomic context.
 */
class HeldCompletionsTest {
    private final TestDisk t = new TestDisk(d -> {
        d.setElevator(true);
        d.setQueueDepth(2);
        d.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> 1e9); // every write waits
    });
    private final HeldCompletions held = t.disk.heldCompletions();

    HeldCompletionsTest() {
        for (long sector : new long[] {0, 8, 16}) {
            t.write(sector);
        }
    }

    @Test
    void aHeldWriteKeepsItsTag_soTheDriveTakesNoMoreThanItsDepth() {
        t.run();
        assertEquals(2, t.disk.commands(), "two tags, both held: the third write waits in the host queue");
        assertEquals(2, held.holds());
        assertEquals(List.of(), t.completed, "nothing completes without the drive's interrupt");
        assertEquals(3, t.disk.pending());
    }

    @Test
    void theInterruptCompletesThem_inAtomicContext_andFreesTheTagsForTheRest() {
        t.run(held.actor());
        assertEquals(List.of(0L, 8L, 16L), t.completed);
        assertEquals(3, held.completed());
        assertEquals(0, t.disk.pending());
        assertTrue(held.actor().atomicContext(), "bi_end_io may not sleep in the drive's interrupt");
    }
}
