package dev.stablewrites.core.strategy;

import static dev.stablewrites.core.sim.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sim.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards that every hook of the SPI is reached on its path, once per kernel call, in the state
 * its Javadoc promises, and that the steps it adds run before the kernel goes on.
 */
class HookPointsTest {

    /** Records each hook call with the page flags at the moment its own step runs. */
    private static final class Recorder implements Strategy {
        final List<String> calls = new ArrayList<>();

        @Override
        public String description() {
            return "records hook calls";
        }

        private void record(String hook, Page page, Steps steps) {
            steps.add("look", page, self -> {
                calls.add(hook + " " + page.flagString());
                return StepResult.DONE;
            });
        }

        @Override
        public void pageMkwrite(PageHook fault, Steps steps) {
            record("page_mkwrite", fault.page(), steps);
        }

        @Override
        public void writeBegin(PageHook write, Steps steps) {
            record("write_begin", write.page(), steps);
        }

        @Override
        public void bioIntegrityPrep(BioHook submit, Steps steps) {
            record("bio_integrity_prep", submit.bio().vecs().get(0).page(), steps);
        }

        @Override
        public void bioEndIo(BioCompletion completion, Steps steps) {
            record("bio_endio", completion.bio().vecs().get(0).page(), steps);
        }

        @Override
        public void submitDirectIo(BioHook submit, Steps steps) {
            record("submit_direct_io", submit.bio().vecs().get(0).page(), steps);
        }

        @Override
        public void submitBh(BioHook submit, Steps steps) {
            record("submit_bh", submit.bio().vecs().get(0).page(), steps);
        }

        @Override
        public void journalGetWriteAccess(PageHook update, Steps steps) {
            record("get_write_access", update.page(), steps);
        }
    }

    private static List<String> calls(String scenario) {
        Recorder r = new Recorder();
        RunResult run = run(scenario, r, "");
        assertTrue(run.crash() == null, run.crash());
        return r.calls;
    }

    @Test
    void bufferedWrite_writeBeginRunsWithThePageLocked_oncePerWrite() {
        List<String> c = calls("buffered-write A: write@0x0+8=0x11 write@0x8+8=0x22; B: fsync");
        assertEquals(List.of("write_begin locked", "write_begin locked|dirty"),
                c.stream().filter(s -> s.startsWith("write_begin")).toList());
    }

    @Test
    void writeback_prepRunsWithThePageUnderWriteback_endIoBeforeEndPageWriteback() {
        List<String> c = calls("mmap A: store@0x0+8=0x11; B: fsync");
        assertEquals(List.of("page_mkwrite locked|dirty", "bio_integrity_prep writeback", "bio_endio writeback"), c);
    }

    @Test
    void odirect_submitDirectIoThenPrep_onTheUserPage_neverUnderWriteback() {
        List<String> c = calls("odirect A: dio; B: store@0x0+8=0x11");
        assertEquals(List.of("submit_direct_io -", "bio_integrity_prep -", "bio_endio -"), c.subList(0, 3));
    }

    @Test
    void journal_getWriteAccessPerUpdate_submitBhPerCommit() {
        List<String> c = calls("journal A: update@0x0+8=0x11 update@0x8+8=0x22; J: commit");
        assertEquals(2, c.stream().filter(s -> s.startsWith("get_write_access")).count());
        // One commit writes three journal blocks (descriptor, log copy, commit block), each by submit_bh,
        // and the quiesce's commit and checkpoint add theirs; every submit_bh is followed by its prep.
        List<String> bios = c.stream().filter(s -> !s.startsWith("get_write_access")).toList();
        assertEquals(List.of("submit_bh -", "bio_integrity_prep -", "submit_bh -", "bio_integrity_prep -"),
                bios.subList(0, 4));
        assertTrue(bios.stream().filter(s -> s.startsWith("submit_bh")).count() >= 3, bios::toString);
    }
}
