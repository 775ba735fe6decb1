package com.example.snapshot;

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
 * An example fix written outside the lab: snapshot every page of a write at
 * {@code bio_integrity_prep}, so the tuples and the DMA both see the copy, and give the copies back
 * at {@code bio_endio}. It uses only the SPI: the hooks, {@link Steps} and {@link KernelPrimitives}.
 */
public final class SnapshotStrategy implements Strategy {
    /** The copies of each bio in flight, with the pages they stand for. */
    private final Map<Bio, List<Page[]>> copies = new IdentityHashMap<>();

    @Override
    public String description() {
        return "example: copy each page at bio_integrity_prep, DMA the copy, free it at bio_endio";
    }

    @Override
    public void bioIntegrityPrep(BioHook submit, Steps steps) {
        KernelPrimitives k = submit.kernel();
        List<Page[]> made = new ArrayList<>();
        copies.put(submit.bio(), made);
        for (BioVec v : submit.bio().vecs()) {
            steps.add("snapshot_page", v.page(), self -> {
                Page copy = k.allocBouncePage(v.page());
                k.copyPage(copy, v.page());
                made.add(new Page[] {v.page(), copy});
                v.setPage(copy);
                return StepResult.DONE;
            });
        }
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        List<Page[]> made = copies.remove(completion.bio());
        if (made == null || made.isEmpty()) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        steps.add("free_snapshot", made.get(0)[0], irq -> {
            for (int i = 0; i < made.size(); i++) {
                completion.bio().vecs().get(i).setPage(made.get(i)[0]);
                k.freeBouncePage(made.get(i)[1]);
            }
            return StepResult.DONE;
        });
    }
}
