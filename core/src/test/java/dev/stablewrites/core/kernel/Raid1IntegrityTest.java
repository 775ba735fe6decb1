package dev.stablewrites.core.kernel;

import static dev.stablewrites.core.sim.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sim.RunResult;
import dev.stablewrites.core.sim.Runs;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Where md RAID1 generates its tuples ({@code raid1-integrity=}), on one fixed schedule: leg D
 * DMAs the whole page, then A's second store changes interval 0, then leg E starts its command.
 * With the master's tuples (Linux 2.6/3.x) E fails its PI check; with per-leg tuples (blk-mq) E
 * checksums what it DMAs, both legs succeed, and the mirrors silently differ.
 */
class Raid1IntegrityTest {
    private static final String SCHEDULE = "A5B8D8A5E10";

    private static Set<Property> violated(RunResult r) {
        return r.violations().stream().map(v -> v.property()).collect(Collectors.toSet());
    }

    private static List<TraceEvent> dmaOf(RunResult r, char leg) {
        return r.trace().stream().filter(e -> e.actor() == leg && e.function().equals("dma")).toList();
    }

    @Test
    void master_aStoreBetweenTheLegsDmas_failsTheSecondLegsPiCheck() {
        RunResult r = run("mmap device=raid1", Runs.NONE, SCHEDULE);
        assertEquals(Set.of(Property.MIRRORS_AGREE), violated(r));
        assertEquals(1, r.costs().protectionErrors);
        TraceEvent e = dmaOf(r, 'E').get(0);
        assertTrue(e.detail().contains("BLK_STS_PROTECTION") && e.detail().contains("succeeds on one leg"), e.detail());
        // One prep, for the master, at submit_bio; the legs carry its tuples.
        assertTrue(r.trace().stream().anyMatch(x -> x.actor() == 'B' && x.function().equals("submit_bio")
                && x.detail().startsWith("bio_integrity_prep: 8 tuple(s)")));
        assertTrue(r.trace().stream().noneMatch(x -> x.detail().contains("blk_mq_submit_bio")));
        assertTrue(r.syscalls().stream().noneMatch(s -> s.eio()));
    }

    @Test
    void perLeg_theSameSchedule_givesTwoSuccessfulLegsThatDiffer_andNoProtectionError() {
        RunResult r = run("mmap device=raid1 raid1-integrity=per-leg", Runs.NONE, SCHEDULE);
        assertEquals(Set.of(Property.MIRRORS_AGREE), violated(r));
        assertEquals(0, r.costs().protectionErrors);
        assertTrue(r.trace().stream().noneMatch(x -> x.detail().contains("BLK_STS_PROTECTION")));
        assertTrue(r.firstViolation().message().startsWith("lba 0 differs between the RAID1 legs"),
                r.firstViolation().message());
        // Each leg's first DMA step generates its own tuples, from the bytes it is about to take.
        for (char leg : new char[] {'D', 'E'}) {
            List<TraceEvent> dma = dmaOf(r, leg);
            assertTrue(dma.get(0).detail().startsWith("blk_mq_submit_bio: bio_integrity_prep: 8 tuple(s) for this leg"),
                    dma.get(0).detail());
            assertTrue(dma.get(7).detail().endsWith("tuple verified; last interval"), dma.get(7).detail());
        }
        // The master gets none: md never runs blk_mq_submit_bio for its own bio.
        assertTrue(r.trace().stream().anyMatch(x -> x.actor() == 'B' && x.function().equals("submit_bio")
                && x.detail().startsWith("no tuples for the md master")));
        assertTrue(r.syscalls().stream().noneMatch(s -> s.eio()));
    }

    @Test
    void perLeg_checksumsEachLegsCopy_soTheCpuChecksumsTwicePerWrite() {
        RunResult master = run("mmap device=raid1", Runs.NONE, SCHEDULE);
        RunResult perLeg = run("mmap device=raid1 raid1-integrity=per-leg", Runs.NONE, SCHEDULE);
        assertEquals(2 * master.costs().bytesChecksummedByCpu, perLeg.costs().bytesChecksummedByCpu);
    }

    @Test
    void perLeg_aStoreDuringOneLegsOwnDma_stillFailsThatLeg() {
        // Per-leg tuples close the gap between the legs, not the window inside one leg's command:
        // D preps and takes interval 0, then A stores to interval 1 (+0x300) before D reaches it,
        // so D's tuple for interval 1 no longer matches what it DMAs.
        RunResult r = run("mmap device=raid1 raid1-integrity=per-leg A: store@0x300+8=0x11 store@0x300+8=0x22; B: fsync",
                Runs.NONE, "A5B8D1A5D7E10");
        assertEquals(1, r.costs().protectionErrors);
        assertTrue(dmaOf(r, 'D').get(1).detail().contains("lba 1") && dmaOf(r, 'D').get(1).detail().contains(
                "BLK_STS_PROTECTION"), dmaOf(r, 'D').get(1).detail());
    }
}
