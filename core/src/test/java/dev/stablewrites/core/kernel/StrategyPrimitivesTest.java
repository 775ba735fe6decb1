package dev.stablewrites.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sim.Runs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards the kernel primitives strategies are built from: the kworker, page copies, bounce pages. */
class StrategyPrimitivesTest {
    private final Costs costs = new Costs();
    private final Kernel kernel = new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, Runs.NONE, costs);

    @Test
    void queuedWork_runsOnTheKworker_inTheOrderItWasQueued_eachItsOwnStep() {
        List<String> ran = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            kernel.queueWork(name, null, self -> {
                ran.add(name + " on " + self.id());
                return StepResult.DONE;
            });
        }
        Chooser only = (runnable, count, step, previous) -> 0;
        Scheduler s = new Scheduler(List.of(kernel.kworker()));
        s.run(only, 100, (n, a, step, r) -> { });
        assertEquals(List.of("first on K", "second on K", "third on K"), ran);
        assertEquals(3, s.steps());
    }

    @Test
    void queuedSteps_runAfterWorkAlreadyQueued_inTheirOwnOrder() {
        List<String> ran = new ArrayList<>();
        kernel.queueWork("pending", null, self -> {
            ran.add("pending");
            return StepResult.DONE;
        });
        List<dev.stablewrites.core.sched.Step> batch = new ArrayList<>();
        for (String name : List.of("set_memory_rw", "end_page_writeback")) {
            batch.add(dev.stablewrites.core.sched.Step.of(name, null, self -> {
                ran.add(name);
                return StepResult.DONE;
            }));
        }
        kernel.queueWork(batch);
        Scheduler s = new Scheduler(List.of(kernel.kworker()));
        s.run((runnable, count, step, previous) -> 0, 100, (n, a, step, r) -> { });
        assertEquals(List.of("pending", "set_memory_rw", "end_page_writeback"), ran);
        assertEquals(3, s.steps(), "each queued step is a work item of its own");
    }

    @Test
    void copyPage_copiesEveryByte_andCountsThem() {
        Page from = kernel.allocPage(new PageOwner.PageCache("f", 0));
        for (int i = 0; i < from.data().length; i++) {
            from.data()[i] = (byte) (i * 31 + 7);
        }
        Page to = kernel.allocBouncePage(from);
        kernel.copyPage(to, from);
        assertArrayEquals(from.data(), to.data());
        assertEquals(4096, costs.bytesCopied);
    }

    @Test
    void bouncePages_countTheirPeak_andFreeingBringsTheLiveCountDown() {
        Page orig = kernel.allocPage(new PageOwner.PageCache("f", 0));
        Page b1 = kernel.allocBouncePage(orig);
        Page b2 = kernel.allocBouncePage(orig);
        kernel.freeBouncePage(b1);
        Page b3 = kernel.allocBouncePage(orig);
        kernel.freeBouncePage(b2);
        kernel.freeBouncePage(b3);
        assertEquals(2, costs.bouncePagesPeak);
        assertEquals(0, costs.bouncePagesLive());
    }
}
