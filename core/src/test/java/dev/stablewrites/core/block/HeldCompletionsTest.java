package dev.stablewrites.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sim.Runs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An NCQ drive's held completions: a held write keeps its tag until it completes (a SATA tag is
 * freed by the completion), so the drive never holds more commands than its queue depth; and a held
 * write completes only through the drive's interrupt, which runs {@code bio_endio} in atomic context.
 */
class HeldCompletionsTest {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
    private final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8 * 4096, 512, 0),
            Integrity.NONE, 512, costs);
    private final List<Long> completed = new ArrayList<>();
    private final HeldCompletions held;

    HeldCompletionsTest() {
        disk.setElevator(true);
        disk.setQueueDepth(2);
        held = disk.holdCompletions(new Actor('I', "drive interrupt", Actor.Kind.DAEMON), () -> 1e9); // every write waits
        kernel.attachDevice(disk);
        for (long sector : new long[] {0, 8, 16}) {
            Page page = kernel.allocPage(new PageOwner.PageCache("f", (int) sector));
            Bio bio = new Bio(Bio.Origin.WRITEBACK, sector);
            bio.addPage(page, 0, 4096);
            bio.setEndIo((b, irq) -> completed.add(b.sector()));
            kernel.bioIntegrityGenerate(bio);
            disk.submit(bio);
        }
    }

    @Test
    void aHeldWriteKeepsItsTag_soTheDriveTakesNoMoreThanItsDepth() {
        new Scheduler(List.of(disk.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
        assertEquals(2, disk.commands(), "two tags, both held: the third write waits in the host queue");
        assertEquals(2, held.holds());
        assertEquals(List.of(), completed, "nothing completes without the drive's interrupt");
        assertEquals(3, disk.pending());
    }

    @Test
    void theInterruptCompletesThem_inAtomicContext_andFreesTheTagsForTheRest() {
        new Scheduler(List.of(disk.actor(), held.actor())).run(FIRST, 10_000, (n, a, s, r) -> { });
        assertEquals(List.of(0L, 8L, 16L), completed);
        assertEquals(3, held.completed());
        assertEquals(0, disk.pending());
        assertTrue(held.actor().atomicContext(), "bi_end_io may not sleep in the drive's interrupt");
    }
}
