package dev.stablewrites.strategies.bounce;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.Steps;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy every bouncing fix makes: one step per segment that copies the page into a page from the
 * bounce pool and points the bio at the copy, and at completion one step that gives the bio its own
 * pages back and frees the copies. Which hook it runs at, and for which bios, is the fix's: the 2011
 * patch at {@code bio_integrity_prep}, ext3's {@code BIO_SNAP_STABLE} at {@code blk_queue_bounce},
 * 7.0's O_DIRECT bounce at submission.
 */
public final class BouncePages {
    /** One segment sent from a copy: the segment, the page to give back, and the copy to free. */
    private record Bounced(BioVec vec, Page original, Page copy) {
    }

    private final Map<Bio, List<Bounced>> inFlight = new IdentityHashMap<>();

    /**
     * Adds a {@code function} step per segment of {@code bio} that copies it; {@code note} says in the
     * trace what the copy is.
     */
    public void copy(KernelPrimitives k, Bio bio, Steps steps, String function, String note) {
        List<Bounced> bounced = new ArrayList<>(bio.vecs().size());
        inFlight.put(bio, bounced);
        for (BioVec v : bio.vecs()) {
            steps.add(function, v.page(), self -> {
                Page original = v.page();
                Page copy = k.allocBouncePage(original);
                k.copyPage(copy, original);
                v.setPage(copy);
                bounced.add(new Bounced(v, original, copy));
                if (self.tracing()) {
                    self.note("copied to bounce page pfn " + copy.pfn() + "; " + note);
                }
                return StepResult.DONE;
            });
        }
    }

    /** Whether {@code bio} was copied by {@link #copy} and not yet released. */
    public boolean copied(Bio bio) {
        return inFlight.containsKey(bio);
    }

    /** The copies of {@code bio}'s segments so far, in order. */
    public List<Page> copies(Bio bio) {
        List<Page> pages = new ArrayList<>();
        for (Bounced b : inFlight.getOrDefault(bio, List.of())) {
            pages.add(b.copy());
        }
        return pages;
    }

    /** At completion: a {@code function} step that restores the bio's own pages and frees the copies. */
    public void release(BioCompletion completion, Steps steps, String function) {
        List<Bounced> bounced = inFlight.remove(completion.bio());
        if (bounced == null || bounced.isEmpty()) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        steps.add(function, bounced.get(0).original(), irq -> {
            for (Bounced b : bounced) {
                b.vec().setPage(b.original());
                k.freeBouncePage(b.copy());
            }
            if (irq.tracing()) {
                irq.note(bounced.size() + " bounce page(s) freed (mempool_free); the bio's own pages restored");
            }
            return StepResult.DONE;
        });
    }
}
