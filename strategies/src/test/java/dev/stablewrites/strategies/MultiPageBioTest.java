package dev.stablewrites.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the per-page strategies on a bio of several pages, which the one-page scenarios never
 * build: every page is protected or copied, and every one is undone or freed at completion.
 */
class MultiPageBioTest {
    private final Costs costs = new Costs();
    private final Actor task = new Actor('T', "submitter", Actor.Kind.WRITER);

    private Kernel kernel(Strategy s) {
        return new Kernel(4096, 512, Integrity.T10_DIF_TYPE1, s, costs);
    }

    private static void runAll(Steps steps, Actor actor) {
        for (Step step : steps.list()) {
            step.body().run(actor);
        }
    }

    private static List<String> drainKworker(Kernel k) {
        List<String> ran = new ArrayList<>();
        new Scheduler(List.of(k.kworker())).run((runnable, count, step, previous) -> 0, 100,
                (n, a, step, r) -> ran.add(step.function() + " pfn " + step.page().pfn()));
        return ran;
    }

    @Test
    void writebackThenRo_protectsEveryPage_andKintegrityd_undoesEachInOrder() {
        Strategy s = Runs.CATALOG.create("writeback-then-ro");
        Kernel k = kernel(s);
        Page p0 = k.allocPage(new PageOwner.Anon(1));
        Page p1 = k.allocPage(new PageOwner.Anon(1));
        Bio bio = new Bio(Bio.Origin.DIRECT_IO, 0);
        bio.addPage(p0, 0, 4096);
        bio.addPage(p1, 0, 4096);
        Steps prep = new Steps(k);
        s.bioIntegrityPrep(new BioHook(k, task, bio), prep);
        assertEquals(List.of("set_page_writeback", "set_memory_ro", "set_page_writeback", "set_memory_ro"),
                prep.list().stream().map(Step::function).toList());
        runAll(prep, task);
        for (Page p : List.of(p0, p1)) {
            assertTrue(p.test(Page.PG_WRITEBACK) && k.directMap().readOnly(p), p.toString());
        }

        Actor irq = new Actor('D', "disk", Actor.Kind.DAEMON);
        Steps endio = new Steps(k);
        s.bioEndIo(new BioCompletion(k, irq, bio), endio);
        runAll(endio, irq);
        assertEquals(List.of("set_memory_rw pfn 0", "end_page_writeback pfn 0", "set_memory_rw pfn 1",
                "end_page_writeback pfn 1"), drainKworker(k), "the map writable before the writeback ends");
        for (Page p : List.of(p0, p1)) {
            assertFalse(p.test(Page.PG_WRITEBACK) || k.directMap().readOnly(p), p.toString());
        }
        assertEquals(4, costs.tlbFlushes);
    }

    @Test
    void bounce_copiesEveryPage_andAtCompletionRestoresAndFreesEachOne() {
        Strategy s = Runs.CATALOG.create("bounce");
        Kernel k = kernel(s);
        Page p0 = k.allocPage(new PageOwner.PageCache("f", 0));
        Page p1 = k.allocPage(new PageOwner.PageCache("f", 1));
        p1.data()[7] = 0x5a;
        Bio bio = new Bio(Bio.Origin.WRITEBACK, 0);
        bio.addPage(p0, 0, 4096);
        bio.addPage(p1, 0, 4096);
        Steps prep = new Steps(k);
        s.bioIntegrityPrep(new BioHook(k, task, bio), prep);
        runAll(prep, task);
        assertNotSame(p0, bio.vecs().get(0).page());
        assertNotSame(p1, bio.vecs().get(1).page());
        assertEquals(0x5a, bio.vecs().get(1).page().data()[7], "the copy of the second page is of the second page");
        assertEquals(2, costs.bouncePagesPeak);
        assertEquals(2 * 4096, costs.bytesCopied);

        Actor irq = new Actor('D', "disk", Actor.Kind.DAEMON);
        Steps endio = new Steps(k);
        s.bioEndIo(new BioCompletion(k, irq, bio), endio);
        runAll(endio, irq);
        assertSame(p0, bio.vecs().get(0).page());
        assertSame(p1, bio.vecs().get(1).page());
        assertEquals(0, costs.bouncePagesLive());
    }
}
