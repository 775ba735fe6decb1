package dev.stablewrites.core.strategy;

import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps a hook contributes, in order. Each becomes one atomic step of the actor that reached
 * the hook. The common kernel primitives are here by name; {@link #add} takes any other.
 */
public final class Steps {
    private final Kernel kernel;
    private final List<Step> steps = new ArrayList<>(2);

    public Steps(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Adds a step named after the kernel function it shadows; {@code page} is shown in the trace. */
    public Steps add(String function, Page page, StepBody body) {
        steps.add(Step.of(function, page, self -> StrategyException.call(() -> body.run(self))));
        return this;
    }

    /** {@code wait_on_page_writeback}: sleeps while the page is under writeback. */
    public Steps waitOnPageWriteback(Page page) {
        steps.add(kernel.waitOnPageWritebackStep(page));
        return this;
    }

    /** {@code lock_page}: sleeps while another task holds the page lock. */
    public Steps lockPage(Page page) {
        steps.add(kernel.lockPageStep(page));
        return this;
    }

    /** {@code unlock_page}. */
    public Steps unlockPage(Page page) {
        steps.add(kernel.unlockPageStep(page));
        return this;
    }

    /** The steps added so far, in order. */
    public List<Step> list() {
        return steps;
    }
}
