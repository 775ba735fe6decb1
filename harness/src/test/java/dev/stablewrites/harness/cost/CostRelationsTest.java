package dev.stablewrites.harness.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.config.Settings;
import dev.stablewrites.core.strategy.StrategyCatalog;
import dev.stablewrites.harness.explore.GuidedExplorer;
import dev.stablewrites.harness.explore.RandomExplorer;
import dev.stablewrites.strategies.recheckresubmit.RecheckResubmitSettings;
import dev.stablewrites.strategies.recheckresubmit.RecheckResubmitStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the cost counters of docs/model.md §7 against drifting from what each strategy's mechanism
 * (§3) implies: a bounce strategy that copies more than it sends or leaks its bounce pages, a
 * {@code set_memory_ro} that is never undone, a retry loop that outruns its limit, a strategy
 * said to copy nothing or never to stall a writer that does. Such a drift breaks no property of
 * §6 (every run can still be correct), so only the counters show it, and {@code compare}'s cost
 * columns would silently mislead.
 *
 * <p>Every relation is checked on <em>every</em> run of a seeded sweep: generated instances of all
 * five scenario kinds, on five geometries (T10 DIF on a disk, RAID1 with T10 DIF, RAID1 without
 * integrity, NVMe PI, a btrfs-like filesystem checksum), each under uniform random, weighted random
 * and guided schedules. Each sweep prints, per relation, the runs it was checked on and those on
 * which it was non-trivial, and each test asserts a floor on the latter, so that "holds" never
 * means "was never put to the test". A last pair of tests runs deliberately broken bounce
 * strategies and shows that the checker does fail.
 */
class CostRelationsTest {
    /** Scenario options of every geometry a sweep runs on; "" is the default (T10 DIF Type 1, one disk). */
    private static final List<String> GEOMETRIES = List.of("", "device=raid1", "device=raid1 integrity=none",
            "integrity=nvme-crc64", "integrity=fs-crc32c");
    /** Schedules per explorer for each (scenario kind, geometry): 5 x 5 x 3 x 160 = 12,000 runs a sweep. */
    private static final int BUDGET = 160;
    /** Guided schedules per (scenario kind, geometry) of recheck-resubmit's sweep to its retry limit: 8,000 runs. */
    private static final int EDGE_BUDGET = 800;
    private static final long SEED = 20_110_301L;

    private static final StrategyCatalog CATALOG = StrategyCatalog.discover();

    /** A sweep of {@code strategy} from {@code catalog} over every kind, geometry and explorer, checking {@code relations}. */
    private static CostSweep sweep(StrategyCatalog catalog, String strategy, List<String> settings,
                                   List<CostRelation> relations) {
        CostSweep s = new CostSweep(catalog, strategy, settings, relations).seed(SEED)
                .explore(new RandomExplorer(), BUDGET)
                .explore(RandomExplorer.weighted(), BUDGET)
                .explore(new GuidedExplorer(), BUDGET);
        GEOMETRIES.forEach(s::geometry);
        return s;
    }

    /** Prints the statistics and fails, with each broken relation's first run, if any relation broke. */
    private static CostSweep.Result checked(String title, CostSweep.Result r) {
        System.out.print("== cost relations: " + title + ", " + r.runs() + " runs\n" + r.statistics());
        List<String> failures = r.failures();
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures) + "\n" + r.statistics());
        }
        return r;
    }

    /** Asserts that the relation named {@code prefix...} was non-trivial on at least {@code atLeast} runs. */
    private static void assertNonTrivial(CostSweep.Result r, String prefix, long atLeast) {
        CostSweep.Tally t = r.tally(prefix);
        assertTrue(t.nonTrivial >= atLeast, "'" + t.relation.name() + "' was non-trivial on only " + t.nonTrivial
                + " runs, fewer than " + atLeast + ": the sweep hardly tested it\n" + r.statistics());
    }

    private static void assertObserved(CostSweep.Result r, String name, long atLeast) {
        assertTrue(r.observed(name) >= atLeast, r.strategy() + " runs " + name + ": " + r.observed(name)
                + ", fewer than " + atLeast + "\n" + r.statistics());
    }

    /** The floors every sweep must reach on the relations that hold for every strategy. */
    private static void assertEveryStrategyCovered(CostSweep.Result r) {
        assertNonTrivial(r, "every: bytesChecksummed", 1000);
        assertNonTrivial(r, "every: bytesTransferred", 1000);
        assertNonTrivial(r, "every: steps", r.runs());
        assertObserved(r, "on RAID1 with bytes transferred", 500);
        assertObserved(r, "on a device-verified profile with bytes transferred", 500);
        assertObserved(r, "on fs-crc32c with bytes checksummed", 500);
    }

    private static CostSweep observeGeometries(CostSweep s) {
        return s.observe("on RAID1 with bytes transferred", r -> CostRelations.legs(r) == 2 && r.costs().bytesTransferred > 0)
                .observe("on a device-verified profile with bytes transferred",
                        r -> CostRelations.deviceVerified(r) && r.costs().bytesTransferred > 0)
                .observe("on fs-crc32c with bytes checksummed",
                        r -> r.scenario().geometry().integrity().id().equals("fs-crc32c") && r.costs().bytesChecksummed > 0);
    }

    @Test
    void bounce_copiesExactlyWhatItSubmits_freesEveryBouncePage_andNeverStallsAWriter() {
        CostSweep.Result r = checked("bounce", observeGeometries(sweep(CATALOG, "bounce", List.of(),
                CostRelations.of("bounce", 0))).run());
        assertNonTrivial(r, "bounce: bytesCopied == bytesSubmitted", 1000);
        assertNonTrivial(r, "bounce: bouncePagesLive() == 0", 1000);
        assertNonTrivial(r, "bounce: bouncePagesPeak >= 1 iff", 1000);
        assertNonTrivial(r, "bounce: writerWritebackStallSteps == 0", 500);
        assertEveryStrategyCovered(r);
    }

    @Test
    void mkwriteWait_onlyWaits_itCopiesProtectsAndResubmitsNothing() {
        CostSweep.Result r = checked("mkwrite-wait", observeGeometries(sweep(CATALOG, "mkwrite-wait", List.of(),
                CostRelations.of("mkwrite-wait", 0)))
                // The stall counter moves: "== 0" for none and bounce is not a dead counter's zero.
                .observe("with a writer asleep on PG_writeback", x -> x.costs().writerWritebackStallSteps > 0)
                .run());
        assertNonTrivial(r, "mkwrite-wait: bytesCopied == 0", 1000);
        assertNonTrivial(r, "mkwrite-wait: setMemoryRo == 0", 1000);
        assertNonTrivial(r, "mkwrite-wait: resubmits == 0", 200);
        assertObserved(r, "with a writer asleep on PG_writeback", 200);
        assertEveryStrategyCovered(r);
    }

    /**
     * One {@code set_memory_ro} per page of every bio, one {@code set_memory_rw} for each from
     * kintegrityd, each a kernel TLB flush. Runs with an oops are not excluded: the relations hold on
     * them too (the task killed on the read-only journal buffer holds no bio; the commit's bio still
     * completes and its undo still runs), and the test asserts that such runs were among those checked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"writeback-then-ro", "ro-then-writeback"})
    void setMemoryRo_flushesTheTlbTwicePerProtectedPage_andUndoesEveryProtection(String id) {
        CostSweep.Result r = checked(id, observeGeometries(sweep(CATALOG, id, List.of(), CostRelations.of(id, 0)))
                .observe("with an oops (NO_OOPS) that completed and protected a page",
                        x -> CostRelations.oopsed(x) && CostRelations.completed(x) && x.costs().setMemoryRo > 0)
                .run());
        assertNonTrivial(r, id + ": setMemoryRw == setMemoryRo", 1000);
        assertNonTrivial(r, id + ": tlbFlushes - pteWriteProtects == 2 * setMemoryRo", 1000);
        assertNonTrivial(r, "every: tlbFlushes == pteWriteProtects + setMemoryRo + setMemoryRw", 1000);
        // Rarer since jbd2 guards its buffer itself: the oops needs the update between the log write's
        // completion and kintegrityd's set_memory_rw (or prep's PG_writeback on a page writepage holds).
        assertObserved(r, "with an oops (NO_OOPS) that completed and protected a page", 5);
        assertEveryStrategyCovered(r);
    }

    /**
     * The retry limit bounds the resubmits of each bio, for the default (3, no {@code --set}) and
     * for limits set as {@code --set recheck-resubmit.retry-limit=N} sets them. For a limit of 1 or
     * more some run must reach it, so the bound is tested at its edge, not only below it: uniform
     * schedules rarely put a store in each of six DMA windows, so a second, guided sweep climbs
     * there, on the two geometries where a protection error reaches the strategy at all (md turns a
     * leg's PI error into success or an I/O error, and a filesystem checksum fails only on read).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5})
    void recheckResubmit_neverResubmitsABioPastItsLimit_andOnlyOnAProtectionError(int limit) {
        List<String> set = limit == 3 ? List.of() : List.of(RecheckResubmitSettings.RETRY_LIMIT + "=" + limit);
        StrategyCatalog catalog = set.isEmpty() ? CATALOG : StrategyCatalog.discover(Settings.defaults().with(set));
        assertEquals(limit, ((RecheckResubmitStrategy) catalog.create("recheck-resubmit")).retryLimit(),
                "the setting reaches the strategy");
        String title = "recheck-resubmit, retry limit " + limit + (set.isEmpty() ? " (default)" : "");
        List<CostRelation> relations = CostRelations.of("recheck-resubmit", limit);
        String atLimit = "resubmitting some bio " + limit + " times (the limit)";
        CostSweep.Result r = checked(title, observeGeometries(sweep(catalog, "recheck-resubmit", set, relations))
                .observe(atLimit, x -> x.costs().maxResubmitsOfOneBio == limit && x.costs().protectionErrors > 0)
                .run());
        CostSweep.Result edge = checked(title + ", guided to the limit",
                new CostSweep(catalog, "recheck-resubmit", set, relations).seed(SEED)
                        .geometry("").geometry("integrity=nvme-crc64")
                        .explore(new GuidedExplorer(), EDGE_BUDGET)
                        .observe(atLimit, x -> x.costs().maxResubmitsOfOneBio == limit && x.costs().protectionErrors > 0)
                        .run());
        String id = "recheck-resubmit(limit " + limit + "): ";
        assertNonTrivial(r, id + "maxResubmitsOfOneBio", 200);
        assertNonTrivial(r, id + "resubmits == 0 when protectionErrors == 0", 1000);
        if (limit > 0) {
            assertNonTrivial(r, id + "resubmits <= protectionErrors", 200);
            assertNonTrivial(edge, id + "resubmits <= protectionErrors", 1000);
            if (limit <= 3) {
                // Five resubmits need a store in each of six DMA windows of one bio, six writes from one
                // writer: only the journal's generated updates got there, and jbd2 now guards them.
                assertObserved(edge, atLimit, 10);
            }
        }
        assertEveryStrategyCovered(r);
    }

    @Test
    void none_neverMakesAWriterSleepOnWriteback_andCopiesNothing() {
        CostSweep.Result r = checked("none", observeGeometries(sweep(CATALOG, "none", List.of(),
                CostRelations.of("none", 0))).run());
        assertNonTrivial(r, "none: writerWritebackStallSteps == 0", 500);
        assertNonTrivial(r, "none: bytesCopied == 0", 1000);
        assertEveryStrategyCovered(r);
    }

    // ---- the checker can fail ------------------------------------------------------------------

    private static final StrategyCatalog BROKEN = StrategyCatalog.of(List.of(new BrokenBounce.Module()));

    @Test
    void aBounceThatNeverFreesItsCopies_breaksTheFreeRelation_onEveryRunThatSubmitted() {
        CostSweep.Result r = new CostSweep(BROKEN, "leaky-bounce", List.of(), CostRelations.of("bounce", 0))
                .seed(SEED).geometry("").geometry("device=raid1")
                .explore(new RandomExplorer(), 40)
                .observe("where every §6 property held", x -> x.holds())
                .run();
        System.out.print("== cost relations: leaky-bounce (expected to break), " + r.runs() + " runs\n" + r.statistics());
        CostSweep.Tally leak = r.tally("bounce: bouncePagesLive() == 0");
        assertEquals(r.runs(), leak.failed, "every run submitted, so every run leaked\n" + r.statistics());
        assertEquals(r.runs(), r.observed("where every §6 property held"), "only the costs give a leak away");
        assertEquals(0, r.tally("bounce: bytesCopied == bytesSubmitted").failed, "it copies what it submits");
        List<String> failures = r.failures();
        assertEquals(1, failures.size(), String.join("\n", failures));
        String report = failures.get(0);
        for (String part : List.of("scenario: ", "schedule: ", "bouncePagesLive()=", "replay: ", "--strategy leaky-bounce")) {
            assertTrue(report.contains(part), "the failure says " + part + "\n" + report);
        }
    }

    @Test
    void aBounceThatCopiesEachPageTwice_breaksTheCopyRelation() {
        CostSweep.Result r = new CostSweep(BROKEN, "double-copy-bounce", List.of(), CostRelations.of("bounce", 0))
                .seed(SEED).geometry("").geometry("device=raid1")
                .explore(new RandomExplorer(), 40)
                .run();
        System.out.print("== cost relations: double-copy-bounce (expected to break), " + r.runs() + " runs\n"
                + r.statistics());
        CostSweep.Tally copy = r.tally("bounce: bytesCopied == bytesSubmitted");
        assertEquals(r.runs(), copy.failed, r.statistics());
        assertEquals(2 * copy.firstFailure.costs().bytesSubmitted, copy.firstFailure.costs().bytesCopied);
        assertEquals(0, r.tally("bounce: bouncePagesLive() == 0").failed, "it frees every copy");
    }
}
