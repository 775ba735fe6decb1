package dev.stablewrites.core.timed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.strategy.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clock's own rules, checked on every step of small timed runs: time never runs backwards, a
 * CPU runs one step at a time, a woken task starts after the step that woke it plus the wakeup, and
 * a device is charged its bytes and its media writes exactly once each.
 */
class TimedClockTest {
    /** No mitigation: Linux before 3.0. The kernel's own steps are all there is. */
    private static final Strategy NONE = () -> "no mitigation";

    private record Charged(Actor actor, double start, double end, int cpu) {
    }

    private record Woken(Actor actor, String queue, double since, double at) {
    }

    private record Held(Actor disk, double at, double until) {
    }

    private record Released(Actor irq, double due, double start) {
    }

    private static final class Log implements TimedClock.Recorder {
        final List<Held> held = new ArrayList<>();
        final List<Released> released = new ArrayList<>();
        final List<Charged> steps = new ArrayList<>();
        final List<Woken> wakeups = new ArrayList<>();
        /** Steps and wakeups in the order the clock saw them. */
        final List<Object> events = new ArrayList<>();

        @Override
        public void step(Actor actor, double start, double end, int cpu) {
            Charged c = new Charged(actor, start, end, cpu);
            steps.add(c);
            events.add(c);
        }

        @Override
        public void held(Actor disk, double at, double until) {
            held.add(new Held(disk, at, until));
        }

        @Override
        public void released(Actor irq, double due, double start) {
            released.add(new Released(irq, due, start));
        }

        @Override
        public void woken(Actor actor, String queue, double since, double at) {
            Woken x = new Woken(actor, queue, since, at);
            wakeups.add(x);
            events.add(x);
        }
    }

    private static Log run(Workload w, CostModel m) {
        Log log = new Log();
        TimedResult r = new TimedSimulation(w, Geometry.DEFAULT, m, "none", NONE).recording(log).run();
        assertEquals("completed", r.outcome(), r.firstViolation());
        return log;
    }

    @Test
    void stepsStartInOrder_oneAtATimePerCpu_andWokenTasksStartAfterTheirWaker() {
        for (WorkloadKind k : WorkloadKind.values()) {
            CostModel m = CostModel.defaults();
            Log log = run(Workload.of(k, 1 << 20, 600, 3).withThreads(8), m);
            double last = 0;
            double lastEnd = 0;
            Map<Integer, Double> cpuBusyUntil = new HashMap<>();
            Map<Actor, Double> earliest = new HashMap<>();
            for (Object e : log.events) {
                if (e instanceof Woken x) {
                    // Woken by the step just charged, never before it slept; its next step waits for both.
                    assertEquals(lastEnd, x.at(), k + ": woken at another time than its waker's end");
                    assertTrue(x.at() >= x.since(), k + ": woken before it slept");
                    earliest.put(x.actor(), x.at() + m.wakeupNs());
                    continue;
                }
                Charged c = (Charged) e;
                assertTrue(c.start() >= last, k + ": a step starts before the one before it");
                assertTrue(c.end() >= c.start());
                last = c.start();
                lastEnd = c.end();
                if (c.cpu() >= 0) {
                    assertTrue(c.start() >= cpuBusyUntil.getOrDefault(c.cpu(), 0.0), k + ": two steps overlap on a CPU");
                    cpuBusyUntil.put(c.cpu(), c.end());
                }
                Double notBefore = earliest.remove(c.actor());
                if (notBefore != null) {
                    assertTrue(c.start() >= notBefore - 1e-6, k + ": " + c.actor() + " ran before its waker's step ended");
                }
            }
            assertTrue(cpuBusyUntil.size() <= m.cpus());
            assertTrue(log.steps.size() > 1000, k + " ran " + log.steps.size() + " steps");
        }
    }

    @Test
    void aDeviceIsChargedItsBytesAndMediaWritesOnce() {
        CostModel m = CostModel.withOverrides(Map.of("device", "nvme"));
        Workload w = Workload.of(WorkloadKind.DBENCH, 1 << 20, 400, 5);
        Log log = new Log();
        TimedResult r = new TimedSimulation(w, Geometry.DEFAULT, m, "none", NONE).recording(log).run();
        double busy = log.steps.stream().filter(c -> c.cpu() < 0).mapToDouble(c -> c.end() - c.start()).sum();
        // nvme: no seeks, so every completed command costs the same media write; irq steps are the rest.
        long irqSteps = log.steps.stream().filter(c -> c.cpu() < 0 && c.end() - c.start() == m.irqStepNs()).count();
        // dbench's appends read a block bitmap (ext2_get_block): a read command of one block, positioned once.
        double reads = r.metadataReads() * (Geometry.DEFAULT.pageSize() * m.deviceNsPerByte() + m.deviceRandomNs());
        assertTrue(r.metadataReads() > 0, "dbench's first append reads its group's block bitmap");
        double expected = r.costs().bytesTransferred * m.deviceNsPerByte() + commands(log) * m.deviceRandomNs()
                + irqSteps * m.irqStepNs() + reads;
        assertEquals(expected, busy, 1e-3 * expected);
        // Dropping the media write would balance the sum above at zero: there must be some.
        assertTrue(commands(log) > 0, "no device step paid a media write");
    }

    /** Device steps that include a media write: the last transfer of each command. */
    private static long commands(Log log) {
        CostModel m = CostModel.withOverrides(Map.of("device", "nvme"));
        double interval = Geometry.DEFAULT.interval() * m.deviceNsPerByte();
        return log.steps.stream().filter(c -> c.cpu() < 0
                && Math.abs(c.end() - c.start() - interval - m.deviceRandomNs()) < 1e-6).count();
    }

    @Test
    void anNcqDriveWithItsCacheOn_goesOnWithOtherCommandsWhileAWriteHitWaits_andCompletesItOnTime() {
        // write-sync rewrites the same pages, so the 2012 disk's cache still holds many a write's sectors.
        CostModel m = CostModel.withOverrides(Map.of("device", "sata2012"));
        Log log = run(Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 800, 2).withThreads(16), m);
        assertTrue(!log.held.isEmpty(), "no write waited for an older copy of its sectors");
        List<Charged> irq = log.steps.stream().filter(c -> c.actor().name().endsWith("completions the drive held")).toList();
        for (Charged c : irq) {
            assertEquals(-1, c.cpu(), "the drive's interrupt takes no CPU");
        }
        // Each held write completes once, no sooner than the time the drive gave it, and the drive
        // took other commands while one waited.
        assertEquals(log.held.stream().map(Held::until).sorted().toList(),
                log.released.stream().map(Released::due).sorted().toList(), "every held write completes once");
        for (Released r : log.released) {
            assertTrue(r.start() >= r.due(), "a held write completed " + (r.due() - r.start()) + " ns early");
        }
        assertTrue(log.held.stream().anyMatch(h -> log.steps.stream().anyMatch(c -> c.actor() == h.disk()
                && c.start() > h.at() && c.start() < h.until())), "the drive sat out every wait");
    }

    @Test
    void aFullQueueMakesTheSubmitterSleepForARequest() {
        Workload w = Workload.of(WorkloadKind.WRITE_SYNC, 1 << 20, 800, 2).withThreads(16);
        Log one = run(w, CostModel.withOverrides(Map.of("nr-requests", "1")));
        assertTrue(one.wakeups.stream().anyMatch(x -> x.queue().equals("a free request of the queue")));
        Log many = run(w, CostModel.withOverrides(Map.of("nr-requests", "4096")));
        assertTrue(many.wakeups.stream().noneMatch(x -> x.queue().equals("a free request of the queue")));
    }
}
