package dev.stablewrites.strategies.bounce;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot the data: in {@code bio_integrity_prep}, copy every page of the bio to a freshly
 * allocated bounce page and point the bio at the copy, so the tuples are generated from the copy
 * and the device DMAs the copy; {@code bounce_end_io_write} frees the copies when the bio
 * completes. This is {@code blk_queue_bounce} forced by {@code BIO_SNAP_STABLE}, which Linux 3.9
 * gave ext3 because jbd could not wait for writeback ("mm: make snapshotting pages for stable
 * writes a per-bio operation", Darrick J. Wong, 2013), and the "copy-everything-to-bounce-buffers
 * patch that few people liked" of the 2011 thread, whose errors "did not surface regardless of
 * what combination of write/mmap and directio/bufferedio" was used.
 *
 * <p>Nothing a writer does after the copy can reach the device, so it holds on every path,
 * O_DIRECT and the journal included, and no writer ever waits. The cost is a page copy and a page
 * of memory per page in flight, for mmap writers too ("a major reason to use mmap is to AVOID data
 * copies"), and the device gets the data as it was at prep, not as it is at DMA time.
 */
public final class BounceStrategy implements Strategy {
    /** One segment sent from a bounce page: the page to give back, and the copy to free. */
    private record Bounced(BioVec vec, Page original, Page bounce) {
    }

    private final Map<Bio, List<Bounced>> inFlight = new IdentityHashMap<>();

    @Override
    public String description() {
        return "copy each page to a bounce page at prep; checksum and DMA the copy; free it at completion (ext3 BIO_SNAP_STABLE)";
    }

    @Override
    public void bioIntegrityPrep(BioHook submit, Steps steps) {
        KernelPrimitives k = submit.kernel();
        Bio bio = submit.bio();
        List<Bounced> bounced = new ArrayList<>(bio.vecs().size());
        inFlight.put(bio, bounced);
        for (BioVec v : bio.vecs()) {
            steps.add("blk_queue_bounce", v.page(), self -> {
                Page original = v.page();
                Page copy = k.allocBouncePage(original);
                k.copyPage(copy, original);
                v.setPage(copy);
                bounced.add(new Bounced(v, original, copy));
                if (self.tracing()) {
                    self.note("copied to bounce page pfn " + copy.pfn() + "; the bio now carries the copy");
                }
                return StepResult.DONE;
            });
        }
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        List<Bounced> bounced = inFlight.remove(completion.bio());
        if (bounced == null || bounced.isEmpty()) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        steps.add("bounce_end_io_write", bounced.get(0).original(), irq -> {
            for (Bounced b : bounced) {
                b.vec().setPage(b.original());
                k.freeBouncePage(b.bounce());
            }
            if (irq.tracing()) {
                irq.note(bounced.size() + " bounce page(s) freed (mempool_free); the bio's own pages restored");
            }
            return StepResult.DONE;
        });
    }
}
