package dev.stablewrites.core.block;

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

/** A disk of 8 pages under a kernel without PI, for tests of the order it serves its queue in. */
final class TestDisk {
    private static final Chooser FIRST = (runnable, count, step, previous) -> 0;
    final Costs costs = new Costs();
    final Kernel kernel = new Kernel(4096, 512, Integrity.NONE, Runs.NONE, costs);
    final Disk disk = new Disk(new Actor('D', "disk", Actor.Kind.DAEMON), new Media(8 * 4096, 512, 0),
            Integrity.NONE, 512, costs);
    /** Start sectors in the order their writes completed. */
    final List<Long> completed = new ArrayList<>();

    TestDisk() {
        this(d -> { });
    }

    /** Sets the disk up (NCQ, held completions, CFQ) before the kernel attaches it, as a timed run does. */
    TestDisk(java.util.function.Consumer<Disk> setUp) {
        setUp.accept(disk);
        kernel.attachDevice(disk);
    }

    /** Queues a 4 KiB page-cache write at {@code sector} with {@code flags}, as {@code origin}. */
    void write(long sector, Bio.Origin origin, Bio.Flag... flags) {
        write(null, sector, origin, flags);
    }

    /** As {@link #write(long, Bio.Origin, Bio.Flag...)}, submitted by {@code task} (CFQ files sync writes by task). */
    void write(Actor task, long sector, Bio.Origin origin, Bio.Flag... flags) {
        Page page = kernel.allocPage(new PageOwner.PageCache("f", (int) sector));
        Bio bio = new Bio(origin, sector).withFlags(flags);
        bio.setSubmitter(task);
        bio.addPage(page, 0, 4096);
        bio.setEndIo((b, irq) -> completed.add(b.sector()));
        kernel.bioIntegrityGenerate(bio);
        disk.submit(bio);
    }

    /** Queues a 4 KiB writeback write at {@code sector}. */
    void write(long sector) {
        write(sector, Bio.Origin.WRITEBACK);
    }

    /** Runs the disk, and {@code others}, until none is runnable, always the first runnable. */
    void run(Actor... others) {
        runSteps(10_000, others);
    }

    /** Runs at most {@code steps} visible steps of the disk and {@code others}, always the first runnable. */
    void runSteps(int steps, Actor... others) {
        List<Actor> actors = new ArrayList<>(List.of(disk.actor()));
        actors.addAll(List.of(others));
        new Scheduler(actors).run(FIRST, steps, (n, a, s, r) -> { });
    }
}
