package dev.stablewrites.core.strategy;

import static dev.stablewrites.core.sim.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stablewrites.core.block.Bio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards what a strategy learns from a bio at {@code bio_integrity_prep}: which path built it
 * ({@link Bio#origin()}) and the flags its submitter set, so a strategy can act per path (the 3.9
 * {@code BIO_SNAP_STABLE} bounce acts only on ext3's bios) without sets of bios of its own.
 */
class BioOriginTest {
    /** Records origin and flags of every bio that reaches prep, in order. */
    private static final class Recorder implements Strategy {
        final List<String> bios = new ArrayList<>();

        @Override
        public String description() {
            return "records bio origins";
        }

        @Override
        public void bioIntegrityPrep(BioHook submit, Steps steps) {
            bios.add(submit.bio().origin() + " " + submit.bio().flags());
        }
    }

    private static List<String> origins(String scenario, String schedule) {
        Recorder r = new Recorder();
        run(scenario, r, schedule);
        return r.bios;
    }

    @Test
    void eachPath_namesItselfOnItsBios() {
        assertEquals("WRITEBACK []", origins("mmap A: store@0x0+8=0x11; B: fsync", "A5").get(0));
        // do_blockdev_direct_IO's WRITE_ODIRECT is a sync write.
        assertEquals("DIRECT_IO [SYNC]", origins("odirect A: dio; B: store@0x0+8=0x11", "A3").get(0));
        // One jbd2 commit: descriptor, log copy, commit block; then the checkpoint to the home block.
        assertEquals(List.of("JOURNAL_LOG [SYNC, META]", "JOURNAL_LOG [SYNC, META]",
                        "JOURNAL_LOG [PREFLUSH, FUA, SYNC, META]", "CHECKPOINT [SYNC, META]"),
                origins("journal A: update@0x0+8=0x11; J: commit checkpoint", "A5").subList(0, 4));
        // ext3's kjournald: the data page, then the commit block, both flagged for the 3.9 snapshot.
        assertEquals(List.of("EXT3_DATA [SNAP_STABLE, SYNC]", "JOURNAL_LOG [SNAP_STABLE, PREFLUSH, FUA, SYNC, META]"),
                origins("ext3-ordered A: write@0x0+8=0x11; B: fsync; C: store@0x0+1=0x22; J: commit", "A4J9")
                        .subList(0, 2));
    }
}
