package dev.stablewrites.core.strategy;

import static dev.stablewrites.core.sim.Runs.count;
import static dev.stablewrites.core.sim.Runs.indexOf;
import static dev.stablewrites.core.sim.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sim.RunResult;
import org.junit.jupiter.api.Test;

/**
 * Guards the {@code bio_endio} hook's contract: it runs once per device completion, a bio taken
 * over and ended later ({@code Kernel#completeBio}) does not run it again, and a resubmitted bio's
 * new completion does.
 */
class BioEndIoHookTest {

    /** Takes every completion over and ends it later from the kworker, as a kintegrityd would. */
    private static final class DeferToKworker implements Strategy {
        int hookCalls;

        @Override
        public String description() {
            return "ends every bio from the kworker";
        }

        @Override
        public void bioEndIo(BioCompletion c, Steps steps) {
            hookCalls++;
            c.takeOver();
            c.kernel().queueWork("bio_integrity_endio_work", null, self -> {
                c.kernel().completeBio(self, c);
                return StepResult.DONE;
            });
        }
    }

    /** Resubmits a protection error once with tuples regenerated from the page as it is now. */
    private static final class RecheckOnce implements Strategy {
        int hookCalls;

        @Override
        public String description() {
            return "regenerates and resubmits once";
        }

        @Override
        public void bioEndIo(BioCompletion c, Steps steps) {
            hookCalls++;
            if (c.bio().status() == BlkStatus.PROTECTION && c.bio().resubmits() == 0) {
                c.takeOver();
                c.kernel().queueWork("resubmit", null, kworker -> {
                    kworker.pushFront(c.kernel().resubmitSteps(c, true));
                    return StepResult.DONE;
                });
            }
        }
    }

    @Test
    void aBioTakenOverAndEndedFromTheKworker_runsTheHookOnce_andTheOwnersEndIoOnce() {
        DeferToKworker deferring = new DeferToKworker();
        RunResult r = run("mmap", deferring, "");
        assertTrue(r.holds(), String.valueOf(r.violations()));
        long deviceCompletions = count(r.trace(), e -> e.function().equals("bio_endio"));
        assertTrue(deviceCompletions >= 1, "the fsync wrote the page");
        assertEquals(deviceCompletions, deferring.hookCalls);
        assertEquals(deviceCompletions, count(r.trace(), e -> e.function().equals("end_page_writeback")));
        assertTrue(r.trace().stream().filter(e -> e.function().equals("end_page_writeback")).allMatch(e -> e.actor() == 'K'),
                "the owner's completion runs where the strategy ended the bio");
        for (int i = 0; i < r.trace().size(); i++) {
            assertEquals(i + 1, r.trace().get(i).step(), "every scheduled step shows in the trace: a take-over at the "
                    + "hook leaves no silent end_io step behind as a choice of its own");
        }
        assertEquals(r.trace().size(), r.costs().steps);
    }

    @Test
    void aResubmittedBio_runsTheHookAgainForItsNewCompletion() {
        RecheckOnce recheck = new RecheckOnce();
        RunResult r = run("mmap", recheck, "A5B8A5D9B3"); // the seed race: the first DMA mismatches
        assertEquals(1, r.costs().resubmits);
        assertEquals(count(r.trace(), e -> e.function().equals("bio_endio")), recheck.hookCalls);
        int resubmit = indexOf(r.trace(), e -> e.detail().startsWith("resubmit #1"), 0);
        int okAfter = indexOf(r.trace(), e -> e.function().equals("bio_endio") && e.detail().endsWith("BLK_STS_OK"), 0);
        int fsyncReturns = indexOf(r.trace(), e -> e.actor() == 'B' && e.detail().startsWith("fsync returns"), 0);
        assertTrue(resubmit >= 0 && okAfter > resubmit && fsyncReturns > okAfter,
                "resubmit at " + resubmit + ", its completion at " + okAfter + ", fsync returns at " + fsyncReturns);
        assertTrue(r.syscalls().stream().noneMatch(s -> s.eio()), String.valueOf(r.violations()));
    }

    @Test
    void endingATakenOverBioTwice_failsTheStrategysRun_insteadOfEndingItsPagesTwice() {
        Strategy endsTwice = new Strategy() {
            @Override
            public String description() {
                return "ends a bio twice";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                c.takeOver();
                c.kernel().queueWork("end", null, self -> {
                    c.kernel().completeBio(self, c);
                    c.kernel().completeBio(self, c);
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = run("mmap", endsTwice, "");
        assertTrue(r.crash() != null && r.crash().contains("already resubmitted or ended"), String.valueOf(r.crash()));
    }

    @Test
    void endingABioNotTakenOver_failsTheStrategysRun() {
        Strategy endsWhatItDoesNotOwn = new Strategy() {
            @Override
            public String description() {
                return "ends a bio it did not take over";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                c.kernel().completeBio(c.actor(), c);
            }
        };
        RunResult r = run("mmap", endsWhatItDoesNotOwn, "");
        assertTrue(r.crash() != null && r.crash().contains("did not take over"), String.valueOf(r.crash()));
    }

    @Test
    void resubmittingFromBioEndIoItself_isSchedulingWhileAtomic() {
        Strategy resubmitsInIrq = new Strategy() {
            @Override
            public String description() {
                return "resubmits in interrupt context";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                if (c.bio().status() == BlkStatus.PROTECTION) {
                    c.takeOver();
                    c.kernel().resubmitSteps(c, true).forEach(s -> steps.add(s.function(), s.page(), s.body()));
                }
            }
        };
        RunResult r = run("mmap", resubmitsInIrq, "A5B8A5D9B3");
        assertTrue(r.firstViolation().message().contains("scheduling while atomic: submit_bio"),
                r.firstViolation().message());
    }

    @Test
    void aBioTakenOverByALaterStepOfTheHook_isNotEndedByTheBlockLayer() {
        // The hook decides in a step of its own, not when it is called: end_io must look again.
        Strategy decidesInAStep = new Strategy() {
            @Override
            public String description() {
                return "takes the bio over from a step";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                steps.add("decide", null, irq -> {
                    c.takeOver();
                    c.kernel().queueWork("end later", null, self -> {
                        c.kernel().completeBio(self, c);
                        return StepResult.DONE;
                    });
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = run("mmap", decidesInAStep, "");
        assertTrue(r.holds(), r.failure());
        long ends = count(r.trace(), e -> e.function().equals("end_page_writeback"));
        assertEquals(count(r.trace(), e -> e.function().equals("bio_endio")), ends, "each bio ended once");
        assertTrue(r.trace().stream().filter(e -> e.function().equals("end_page_writeback")).allMatch(e -> e.actor() == 'K'),
                "ended by the kworker, not by the block layer in the disk's context");
    }
}
