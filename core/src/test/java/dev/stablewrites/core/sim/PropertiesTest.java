package dev.stablewrites.core.sim;

import static dev.stablewrites.core.sim.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.PageHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards the checkers of docs/model.md §6: each property is violated by a strategy built to break it,
 * and a broken strategy fails its own run without taking the simulation down.
 */
class PropertiesTest {

    private static Set<Property> violated(RunResult r) {
        return r.violations().stream().map(v -> v.property()).collect(Collectors.toSet());
    }

    @Test
    void seedRaceUnderNoWaits_violatesNoFalseEio() {
        RunResult r = run("mmap", Runs.NONE, "A5B8A5D9B3");
        assertEquals(Property.NO_FALSE_EIO, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("fsync"));
    }

    @Test
    void theSameStoreAfterCompletion_holds() {
        RunResult r = run("mmap", Runs.NONE, "A5B8D10B2A5");
        assertTrue(r.holds(), String.valueOf(r.violations()));
    }

    @Test
    void aStrategyThatNeverWritesTheData_failsDurable() {
        Strategy blackHole = new Strategy() {
            @Override
            public String description() {
                return "DMA a zero page instead of the data";
            }

            @Override
            public void bioIntegrityPrep(BioHook submit, Steps steps) {
                for (BioVec v : submit.bio().vecs()) {
                    v.setPage(submit.kernel().allocBouncePage(v.page())); // never filled: a zero page
                }
            }
        };
        RunResult r = run("mmap", blackHole, "");
        assertEquals(Set.of(Property.DURABLE), violated(r));
    }

    @Test
    void aRetryLoopWithoutEnd_failsTerminates() {
        Strategy forever = new Strategy() {
            @Override
            public String description() {
                return "resubmits every completion";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                c.takeOver();
                c.kernel().queueWork("resubmit", null, k -> {
                    k.pushFront(c.kernel().resubmitSteps(c, false));
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = new Simulation(dev.stablewrites.core.scenario.Scenario.parse("mmap"), "t", forever).budget(500)
                .run(new dev.stablewrites.core.sched.ScheduleChooser(dev.stablewrites.core.sched.Schedule.empty()));
        assertEquals(Property.TERMINATES, r.firstViolation().property());
        assertEquals(500, r.costs().steps);
        assertTrue(r.costs().resubmits > 10);
    }

    @Test
    void lockingThePageTwiceInPageMkwrite_isADeadlock() {
        Strategy selfDeadlock = new Strategy() {
            @Override
            public String description() {
                return "lock_page in page_mkwrite, where the page is already locked";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                steps.lockPage(fault.page());
            }
        };
        RunResult r = run("mmap", selfDeadlock, "");
        assertEquals(Property.NO_DEADLOCK, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("A on PG_locked"), r.firstViolation().message());
    }

    /** Makes the page read-only in the direct map at the first hook, and, if asked, writable again from the kworker. */
    private static Strategy readOnlyAtHook(boolean restoreFromKworker) {
        return new Strategy() {
            private boolean done;

            @Override
            public String description() {
                return "set_memory_ro at write_begin / get_write_access";
            }

            @Override
            public void writeBegin(PageHook write, Steps steps) {
                protect(write, steps);
            }

            @Override
            public void journalGetWriteAccess(PageHook update, Steps steps) {
                protect(update, steps);
            }

            private void protect(PageHook hook, Steps steps) {
                steps.add("set_memory_ro", hook.page(), self -> {
                    if (!done) {
                        done = true;
                        hook.kernel().setMemoryRo(hook.page());
                        if (restoreFromKworker) {
                            hook.kernel().queueWork("set_memory_rw", hook.page(), k -> {
                                hook.kernel().setMemoryRw(hook.page());
                                return StepResult.DONE;
                            });
                        }
                    }
                    return StepResult.DONE;
                });
            }
        };
    }

    @Test
    void aJournalMemcpyToAReadOnlyDirectMap_isAnOops_thatKillsTheUpdater() {
        RunResult r = run("journal A: update@0x100+8=0x11; J: commit", readOnlyAtHook(false), "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'A' && e.detail().equals("oops: task killed")));
    }

    @Test
    void copyFromUserToAReadOnlyDirectMap_isFixedUpAndRetried_notAnOops() {
        RunResult r = run("buffered-write A: write@0x0+8=0x11; B: fsync", readOnlyAtHook(true), "");
        assertTrue(r.holds(), String.valueOf(r.violations()));
        assertTrue(r.trace().stream().anyMatch(e -> e.function().equals("copy_from_user")
                && e.detail().contains("exception fixup, 0 bytes copied")), "the first copy faulted");
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'K' && e.function().equals("set_memory_rw")));
        assertTrue(r.trace().stream().anyMatch(e -> e.function().equals("copy_from_user")
                && e.detail().startsWith("8 bytes of 0x11")), "the retried copy landed");
        assertTrue(r.costs().faults >= 1, "the faulting copy counts as a fault");
    }

    @Test
    void copyFromUserToADirectMapThatStaysReadOnly_spinsUntilTheBudget() {
        RunResult r = run("buffered-write A: write@0x0+8=0x11; B: fsync", readOnlyAtHook(false), "");
        assertEquals(Set.of(Property.TERMINATES), violated(r));
    }

    @Test
    void endPageWritebackOnAPageNotUnderWriteback_failsNoOops() {
        Strategy endsWhatItDidNotStart = new Strategy() {
            @Override
            public String description() {
                return "end_page_writeback on journal pages";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                steps.add("end_page_writeback", c.bio().vecs().get(0).page(), self -> {
                    c.kernel().endPageWriteback(c.bio().vecs().get(0).page());
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = run("journal", endsWhatItDidNotStart, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("not under writeback"));
    }

    @Test
    void setPageWritebackOnAPageAlreadyUnderWriteback_failsNoOops() {
        Strategy setsItAgain = new Strategy() {
            @Override
            public String description() {
                return "set_page_writeback without checking";
            }

            @Override
            public void bioIntegrityPrep(BioHook submit, Steps steps) {
                steps.add("set_page_writeback", submit.bio().vecs().get(0).page(), self -> {
                    submit.kernel().setPageWriteback(submit.bio().vecs().get(0).page());
                    return StepResult.DONE;
                });
            }
        };
        RunResult r = run("mmap", setsItAgain, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("already under writeback"));
    }

    @Test
    void unlockingAPageTwice_failsNoOops() {
        Strategy unlocksEarly = new Strategy() {
            @Override
            public String description() {
                return "unlock_page in page_mkwrite";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                steps.unlockPage(fault.page());
            }
        };
        RunResult r = run("mmap", unlocksEarly, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("not locked"));
    }

    @Test
    void filesystemChecksum_raceIsSeenAsUnreadableBlock_notAsEio() {
        RunResult r = run("mmap integrity=fs-crc32c", Runs.NONE, "A5B8A5D10");
        assertEquals(Set.of(Property.READABLE), violated(r));
        assertTrue(r.syscalls().stream().noneMatch(s -> s.eio()), "the device does not verify: fsync returns 0");
    }

    @Test
    void raid1WithoutChecksums_raceIsSeenAsMirrorsThatDisagree() {
        // Leg D DMAs the old bytes, A changes the page, leg E DMAs the new ones.
        RunResult r = run("mmap integrity=none device=raid1", Runs.NONE, "A5B8D8A5E10");
        assertEquals(Set.of(Property.MIRRORS_AGREE), violated(r));
    }

    @Test
    void raid1WithPi_oneLegFailingTheRace_isADegradedMirror_notAFalseEio() {
        // Leg D takes the whole page before A's second store; leg E then fails its tuple check.
        RunResult r = run("mmap device=raid1", Runs.NONE, "A5B8D8A5E10");
        assertEquals(Set.of(Property.MIRRORS_AGREE), violated(r));
        assertTrue(r.syscalls().stream().noneMatch(s -> s.eio()));
    }

    @Test
    void sleepingInBioEndIo_isSchedulingWhileAtomic() {
        Strategy sleepsInIrq = new Strategy() {
            @Override
            public String description() {
                return "wait_on_page_writeback in bio_endio, before end_page_writeback";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                steps.waitOnPageWriteback(c.bio().vecs().get(0).page());
            }
        };
        RunResult r = run("mmap", sleepsInIrq, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("scheduling while atomic"), r.firstViolation().message());
        assertTrue(r.trace().stream().anyMatch(e -> e.actor() == 'D' && e.function().equals("wait_on_page_writeback")));
    }

    @Test
    void raid1WithFsChecksums_theLegThatGotTheNewBytesIsUnreadable_andTheMirrorsDisagree_bothReported() {
        RunResult r = run("mmap integrity=fs-crc32c device=raid1", Runs.NONE, "A5B8D8A5E10");
        assertEquals(Set.of(Property.READABLE, Property.MIRRORS_AGREE), violated(r));
        assertTrue(r.firstViolation().message().contains("RAID1 leg 1"), r.firstViolation().message());
    }

    @Test
    void raid1_aDifferenceInTheLastBlock_isSeenToo() {
        RunResult r = run("mmap integrity=none device=raid1 A: store@0xff8+8=0x11 store@0xff8+8=0x22; B: fsync",
                Runs.NONE, "A5B8D8A5E10");
        assertEquals(Set.of(Property.MIRRORS_AGREE), violated(r));
        assertTrue(r.firstViolation().message().startsWith("lba 7 "), r.firstViolation().message());
    }

    @Test
    void aStrategyThatLosesOnlyTheLastInterval_failsDurable_afterTheRun() {
        Strategy lastByteLost = new Strategy() {
            @Override
            public String description() {
                return "DMAs a copy whose last byte is wrong";
            }

            @Override
            public void bioIntegrityPrep(BioHook submit, Steps steps) {
                for (BioVec v : submit.bio().vecs()) {
                    var copy = submit.kernel().allocBouncePage(v.page());
                    System.arraycopy(v.page().data(), 0, copy.data(), 0, copy.data().length);
                    copy.data()[copy.data().length - 1] ^= 1;
                    v.setPage(copy);
                }
            }
        };
        RunResult r = run("mmap", lastByteLost, "");
        assertEquals(Set.of(Property.DURABLE), violated(r));
        assertTrue(r.firstViolation().message().contains("lba 7 "), r.firstViolation().message());
        assertEquals(0, r.firstViolation().step(), "found after the run, at no step");
    }

    @Test
    void theQuiesceStarts_onlyWhenEveryWriterAndSyncerIsDone() {
        // The schedule asks for Q early and often; it may run only after B's fsync has returned.
        RunResult r = run("mmap A: store@0x0+8=0x11; B: fsync", Runs.NONE, "A5B1Q20B2Q5B20");
        int lastB = -1;
        int firstQ = -1;
        for (int i = 0; i < r.trace().size(); i++) {
            char a = r.trace().get(i).actor();
            if (a == 'B' || a == 'A') {
                lastB = i;
            }
            if (a == 'Q' && firstQ < 0) {
                firstQ = i;
            }
        }
        assertTrue(firstQ > lastB, "Q first ran at " + firstQ + ", A or B last at " + lastB);
    }

    @Test
    void theMediaIsFormattedReadable_beforeAnyWrite() {
        Simulation sim = new Simulation(dev.stablewrites.core.scenario.Scenario.parse("mmap integrity=fs-crc32c device=raid1"),
                "t", Runs.NONE);
        for (var leg : sim.kernel().device().legs()) {
            for (int lba = 0; lba < 8; lba++) {
                assertTrue(sim.kernel().verifyOnMedia(leg.media(), lba), leg.actor().name() + " lba " + lba);
            }
        }
    }

    @Test
    void lockPageInBioEndIo_isABugEvenUncontended_asMightSleepSays() {
        Strategy locksInIrq = new Strategy() {
            @Override
            public String description() {
                return "lock_page in bio_endio";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                steps.lockPage(c.bio().vecs().get(0).page());
            }
        };
        RunResult r = run("mmap A: store@0x0+8=0x11; B: fsync", locksInIrq, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("scheduling while atomic: lock_page"), r.firstViolation().message());
    }

    @Test
    void anySleepInBioEndIo_evenOnARawWaitQueue_isSchedulingWhileAtomic() {
        Strategy rawSleep = new Strategy() {
            @Override
            public String description() {
                return "sleeps on a wait queue of its own in bio_endio";
            }

            @Override
            public void bioEndIo(BioCompletion c, Steps steps) {
                var queue = new dev.stablewrites.core.sched.WaitQueue("my completion");
                steps.add("wait_for_completion", null, queue::sleep);
            }
        };
        RunResult r = run("mmap A: store@0x0+8=0x11; B: fsync", rawSleep, "");
        assertEquals(Property.NO_OOPS, r.firstViolation().property());
        assertTrue(r.firstViolation().message().contains("sleep on my completion"), r.firstViolation().message());
        assertTrue(r.trace().stream().anyMatch(e -> e.detail().startsWith("BUG: scheduling while atomic")));
    }

    @Test
    void aStrategyThatThrows_failsItsRunWithTheException_andTheTraceUpToIt() {
        Strategy throwing = new Strategy() {
            @Override
            public String description() {
                return "throws in page_mkwrite";
            }

            @Override
            public void pageMkwrite(PageHook fault, Steps steps) {
                throw new IllegalStateException("strategy bug");
            }
        };
        RunResult r = run("mmap", throwing, "");
        assertFalse(r.holds());
        assertNotNull(r.crash());
        // Step 1 faults, step 2 takes the page lock, step 3 reaches the page_mkwrite hook and throws.
        assertTrue(r.crash().contains("strategy bug") && r.crash().contains("step 3"), r.crash());
        assertTrue(r.failure().startsWith("NO_OOPS: BUG in strategy code") && r.failure().contains("strategy bug"),
                r.failure());
        assertEquals(2, r.trace().size(), "the trace stops before the step that threw");
    }
}
