package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WaitQueue;
import dev.stablewrites.core.strategy.BioHook;
import java.util.ArrayList;
import java.util.List;

/**
 * An O_DIRECT write of a user buffer: pin the buffer's pages ({@code get_user_pages}), build the bio
 * on <em>those</em> pages, submit, sleep until completion, return EIO on failure. No page cache, no
 * {@code PG_writeback}, no {@code page_mkclean}: other threads keep their writable PTEs to the
 * buffer and may store to it while the I/O is in flight (fstests generic/761).
 */
final class DirectIo {
    private final Kernel k;
    private final Page buffer;
    private final long sector;
    private final WaitQueue done = new WaitQueue("O_DIRECT completion");
    private Bio bio;
    private boolean completed;

    private DirectIo(Kernel k, Page buffer, long sector) {
        this.k = k;
        this.buffer = buffer;
        this.sector = sector;
    }

    static List<Step> write(Kernel k, Page buffer, long sector) {
        return new DirectIo(k, buffer, sector).steps();
    }

    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("get_user_pages", buffer, self -> {
            // do_blockdev_direct_IO makes every write WRITE_ODIRECT: WRITE | REQ_SYNC in 3.x (no REQ_NOIDLE).
            bio = new Bio(Bio.Origin.DIRECT_IO, sector).withFlags(Bio.Flag.SYNC);
            bio.addPage(buffer, 0, k.pageSize());
            if (self.tracing()) {
                self.note("buffer pinned; bio built on the user page");
            }
            List<Step> next = new ArrayList<>();
            next.add(k.hookPoint("submit_direct_io",
                    (a, s) -> k.strategy().submitDirectIo(new BioHook(k, a, bio), s)));
            next.addAll(k.block.submitBioSteps(bio, this::dioBioEndIo));
            self.pushFront(next);
            return StepResult.DONE;
        }));
        steps.add(Step.of("blk_wait_io", buffer, self -> {
            if (completed) {
                return StepResult.DONE;
            }
            if (self.tracing()) {
                self.note("sleeps until the bio completes");
            }
            return done.sleep(self);
        }));
        steps.add(Step.of("iomap_dio_complete", buffer, self -> {
            k.returnToUser(self, "pwrite(O_DIRECT)", bio.status() != BlkStatus.OK, bio.size(), bio.faultInjected());
            return StepResult.DONE;
        }));
        return steps;
    }

    /** {@code iomap_dio_bio_end_io}: wake the sleeping submitter. */
    private List<Step> dioBioEndIo(Bio completedBio) {
        return List.of(Step.of("iomap_dio_bio_end_io", buffer, self -> {
            completed = true;
            done.wakeAll();
            return StepResult.DONE;
        }));
    }
}
