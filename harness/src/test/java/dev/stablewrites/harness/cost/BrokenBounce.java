package dev.stablewrites.harness.cost;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyModule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliberately broken copies of {@code bounce}, for the test that proves the cost relations can
 * fail: each still snapshots every page, so every §6 property holds, and only its costs give it
 * away. Test-only; not registered with {@link java.util.ServiceLoader}, so no other test sees them.
 */
final class BrokenBounce {
    private BrokenBounce() {
    }

    /** Registers {@link Leaky} as {@code leaky-bounce} and {@link CopiesTwice} as {@code double-copy-bounce}. */
    static final class Module extends StrategyModule {
        @Override
        protected void configure() {
            strategy("leaky-bounce", Leaky.class);
            strategy("double-copy-bounce", CopiesTwice.class);
        }
    }

    /** {@code bounce} that gives the bio its own pages back at completion but never frees the copies. */
    static final class Leaky extends Base {
        Leaky() {
            super(1, false);
        }
    }

    /** {@code bounce} that copies each page twice ({@code copy_highpage} into the same bounce page again). */
    static final class CopiesTwice extends Base {
        CopiesTwice() {
            super(2, true);
        }
    }

    /** {@code BounceStrategy}'s mechanism with the two knobs the broken variants turn. */
    private abstract static class Base implements Strategy {
        private record Bounced(BioVec vec, Page original, Page bounce) {
        }

        private final int copies;
        private final boolean frees;
        private final Map<Bio, List<Bounced>> inFlight = new IdentityHashMap<>();

        Base(int copies, boolean frees) {
            this.copies = copies;
            this.frees = frees;
        }

        @Override
        public String description() {
            return "a broken bounce (copies " + copies + "x" + (frees ? "" : ", never frees") + "), for tests";
        }

        @Override
        public void bioIntegrityPrep(BioHook submit, Steps steps) {
            KernelPrimitives k = submit.kernel();
            List<Bounced> bounced = new ArrayList<>();
            inFlight.put(submit.bio(), bounced);
            for (BioVec v : submit.bio().vecs()) {
                steps.add("blk_queue_bounce", v.page(), self -> {
                    Page original = v.page();
                    Page copy = k.allocBouncePage(original);
                    for (int i = 0; i < copies; i++) {
                        k.copyPage(copy, original);
                    }
                    v.setPage(copy);
                    bounced.add(new Bounced(v, original, copy));
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
                    if (frees) {
                        k.freeBouncePage(b.bounce());
                    }
                }
                return StepResult.DONE;
            });
        }
    }
}
