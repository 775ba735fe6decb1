package dev.stablewrites.core.timed;

import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.HeldCompletions;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The discrete-event clock of a timed run: a {@link Chooser} that always steps the runnable actor
 * that can start first, and charges each step what its exact counters say it did.
 *
 * <p>Each actor has its own clock. A step starts when its actor is ready and, for a task, when one
 * of the {@link CostModel#cpus()} CPUs is free; its cost is the change it made to the kernel's
 * {@link Costs} priced by the {@link CostModel} (bytes copied and checksummed, faults, TLB flushes),
 * plus a fixed cost per kernel step. A device's step costs the bytes it moved at the device's
 * bandwidth, and a command's latency is paid before its first byte moves, so memory is read when
 * the data would really cross the bus. An actor made runnable by another's step (woken, or given
 * work) cannot start before that step ended; a woken one pays the wakeup. Steps run in order of
 * their start times, so no step sees an effect from its future.
 */
final class TimedClock implements Chooser, Scheduler.Listener {
    /** What an operation of a workload thread is, for the latency it is counted in. */
    enum OpClass { WRITE, SYNC, OTHER }

    private final CostModel m;
    private final Costs costs;
    /** Each actor's slot in the arrays below, by actor id: one array read per lookup, many per step. */
    private final int[] slotById = new int[Character.MAX_VALUE + 1];
    private final Actor[] actors;
    private final Disk[] disks;
    private final DriveTiming[] timing;
    /** When an idle actor was asked to start early (a flusher woken for background writeback); +inf: not. */
    private final double[] kick;
    private final boolean[] task;
    private final double[] clock;
    private final double[] think;
    private final double[] sleepStart;
    private final boolean[] stalling;
    private final String[] sleepQueue;
    private final boolean[] wasRunnable;
    /** By slot: a disk whose only work waited for CFQ's idle timer at the last choice. */
    private final boolean[] idleTimerWait;
    private final double[] cpuFree;
    /** By slot: the held completions a drive's interrupt actor runs, or null. */
    private final HeldCompletions[] held;
    /** Whether the disk step now running priced its completion already ({@link #completionAt}), and when it ends. */
    private boolean completionPriced;
    /** The current interrupt actor's completed count when its step started. */
    private long heldCompleted;
    private double pricedCompletion = Double.NaN;
    private final OpClass[] opClass;
    private final double[] opStart;
    private final double[] opStall;
    private final double[] pendingSyscall;

    private final Histogram writeLatency = new Histogram(3);
    private final Histogram writeStall = new Histogram(3);
    private final Histogram syncLatency = new Histogram(3);
    private final double[] cpuNs = new double[Category.values().length];

    private int current = -1;
    private int currentCpu = -1;
    private double currentStart;
    private boolean visible;
    private double makespan;
    private long writesDone;
    private long wakeups;
    // the counters when the current step started
    private long faults;
    private long pteWriteProtects;
    private long setMemory;
    private long bytesCopied;
    private long bytesChecksummedByCpu;
    private long bytesWrittenByTasks;
    private long bytesTransferred;
    private long completions;
    private long bytesRead;

    /** Where CPU time goes, as the report names it. */
    enum Category {
        COPY("copy"), CHECKSUM("checksum"), FAULTS("faults"), TLB("TLB"), WAKEUPS("wakeups"),
        KERNEL("syscalls and kernel steps"), USER("writing the data");

        final String label;

        Category(String label) {
            this.label = label;
        }
    }

    TimedClock(CostModel m, Costs costs, List<Actor> all, List<Disk> devices) {
        this.m = m;
        this.costs = costs;
        this.actors = all.toArray(new Actor[0]);
        int n = actors.length;
        this.disks = new Disk[n];
        this.timing = new DriveTiming[n];
        this.kick = new double[n];
        Arrays.fill(kick, Double.POSITIVE_INFINITY);
        this.task = new boolean[n];
        this.clock = new double[n];
        this.think = new double[n];
        this.sleepStart = new double[n];
        this.stalling = new boolean[n];
        this.sleepQueue = new String[n];
        this.wasRunnable = new boolean[n];
        this.idleTimerWait = new boolean[n];
        this.opClass = new OpClass[n];
        this.opStart = new double[n];
        this.opStall = new double[n];
        this.pendingSyscall = new double[n];
        Arrays.fill(sleepStart, Double.NaN);
        for (int i = 0; i < n; i++) {
            slotById[actors[i].id()] = i;
            task[i] = true;
        }
        this.held = new HeldCompletions[n];
        for (Disk d : devices) {
            int s = slot(d.actor());
            disks[s] = d;
            timing[s] = new DriveTiming(m);
            task[s] = false;
            if (d.heldCompletions() != null) {
                int c = slot(d.heldCompletions().actor());
                held[c] = d.heldCompletions();
                task[c] = false; // an interrupt: no CPU to wait for
            }
        }
        this.cpuFree = new double[m.cpus()];
    }

    private int slot(Actor a) {
        return slotById[a.id()];
    }

    /** The time {@code actor} waits between two of its operations (its own work, or a flusher's period). */
    void setThink(Actor actor, double ns) {
        think[slot(actor)] = ns;
    }

    /**
     * Makes an idle actor start its next operation at {@code at} (or when its current step ends, if
     * later) instead of after its think time: {@code bdi_start_background_writeback} waking the flusher.
     */
    void kick(Actor actor, double at) {
        int s = slot(actor);
        kick[s] = Math.min(kick[s], at);
    }

    /** The time the step now running started: "now" for a decision taken inside a step. */
    double stepStart() {
        return currentStart;
    }

    /** The actor's clock: when its latest step ended. */
    double now(Actor actor) {
        return clock[slot(actor)];
    }

    /** A silent step that starts an operation of {@code type}; a system call pays its entry and exit. */
    Step opStart(OpClass type, boolean syscall) {
        return Step.silent("operation starts", self -> {
            int s = slot(self);
            opClass[s] = type;
            opStart[s] = currentStart;
            opStall[s] = 0;
            if (syscall) {
                pendingSyscall[s] += m.syscallNs();
            }
            return StepResult.DONE;
        });
    }

    /**
     * A visible step of {@code ns} of CPU work in user space and system calls that touch no page
     * (dbench's ReadX from the page cache, opens, closes, stats between two writes).
     */
    Step cpuWork(String function, double ns) {
        return Step.of(function, null, self -> {
            pendingSyscall[slot(self)] += ns;
            return StepResult.DONE;
        });
    }

    /**
     * After {@code writes} writes, empties the latency histograms: dbench's warmup, whose operation
     * statistics {@code sig_alarm} in {@code dbench.c} clears ({@code memset(&children[i].ops, 0, ...)})
     * once the warmup time has passed. 0: no warmup.
     */
    void setWarmupWrites(long writes) {
        this.warmupWrites = writes;
    }

    /**
     * Empties the latency histograms when the first operation ends at or after {@code ns} of simulated
     * time: dbench's warmup by its clock, as {@code sig_alarm} clears the statistics once
     * {@code t > options.warmup}; an operation under way then counts whole, as in dbench. Steps run in
     * the order they start, so "first" is the first whose end is priced, and an operation ending just
     * before {@code ns} may still count (dbench's own reset comes on a one-second tick).
     */
    void setWarmupUntil(long ns) {
        this.warmupNs = ns;
    }

    private long warmupWrites;
    private long warmupNs;

    /**
     * The visible step that ends every operation: a system call's return, or a flusher going back to
     * sleep. It leaves the actor idle, so the operation's end is seen and the next one waits its think time.
     */
    Step opEnd(String function) {
        return Step.of(function, null, self -> StepResult.DONE);
    }

    /** Runs {@code beat} every few thousand steps: a watchdog outside the run sees that steps still end. */
    void setHeartbeat(Runnable beat) {
        this.heartbeat = beat;
    }

    private Runnable heartbeat = () -> { };
    private int sinceBeat;
    private Recorder recorder;

    /** Sees every step as it is charged, and every wakeup: for tests of the clock's own rules. */
    interface Recorder {
        /** {@code actor} ran a step from {@code start} to {@code end} on {@code cpu} (-1: a device). */
        void step(Actor actor, double start, double end, int cpu);

        /** {@code actor}, asleep on {@code queue} since {@code since}, was woken by a step that ended at {@code at}. */
        void woken(Actor actor, String queue, double since, double at);

        /** {@code disk} took a write's last byte at {@code at} and holds its completion until {@code until}. */
        default void held(Actor disk, double at, double until) {
        }

        /** {@code irq} completed a held write, due at {@code due}, in a step that started at {@code start}. */
        default void released(Actor irq, double due, double start) {
        }
    }

    void setRecorder(Recorder r) {
        this.recorder = r;
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        if (++sinceBeat == 4096) {
            sinceBeat = 0;
            heartbeat.run();
        }
        finishCurrent();
        for (int i = 0; i < count; i++) {
            int s = slot(runnable[i]);
            boolean timerWait = disks[s] != null && runnable[i].idle() && disks[s].idleTimerAt() > Double.NEGATIVE_INFINITY;
            // A request that ended a disk's idle wait was queued by the step that just ended: not before it.
            if (!wasRunnable[s] || (idleTimerWait[s] && !timerWait)) {
                becameRunnable(s);
            }
            idleTimerWait[s] = timerWait;
        }
        Arrays.fill(wasRunnable, false);
        int freeCpu = 0;
        for (int c = 1; c < cpuFree.length; c++) {
            if (cpuFree[c] < cpuFree[freeCpu]) {
                freeCpu = c;
            }
        }
        int best = -1;
        double bestStart = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            int s = slot(runnable[i]);
            wasRunnable[s] = true;
            double start = startOf(s, runnable[i]);
            if (task[s]) {
                start = Math.max(start, cpuFree[freeCpu]);
            }
            if (start < bestStart) {
                bestStart = start;
                best = i;
            }
        }
        current = slot(runnable[best]);
        if (runnable[best].idle()) {
            kick[current] = Double.POSITIVE_INFINITY; // the early start, if any, is this one
        }
        currentCpu = task[current] ? freeCpu : -1;
        currentStart = bestStart;
        visible = false;
        snapshot();
        return best;
    }

    /**
     * Called by an NCQ drive with its write cache on as a write's last byte arrives, in that step:
     * the write's completion priced now ({@link DriveTiming#complete}), NaN when it completes at once,
     * else the time it completes, while the drive goes on with other commands.
     */
    double completionAt() {
        int s = current;
        Disk d = disks[s];
        double now = currentStart + (costs.bytesTransferred - bytesTransferred) * timing[s].nsPerByte(false);
        double wait = timing[s].complete(false, d.commandSector(), d.commandBytes(), d.currentDistance(),
                d.currentSequential(), now);
        completionPriced = true;
        pricedCompletion = wait > 0 ? now + wait : Double.NaN;
        if (wait > 0 && recorder != null) {
            recorder.held(actors[s], now, pricedCompletion);
        }
        return pricedCompletion;
    }

    /** When actor {@code s} could start its next step, before waiting for a CPU. */
    private double startOf(int s, Actor a) {
        if (held[s] != null && a.idle()) {
            return Math.max(clock[s], held[s].nextAt()); // its next step completes the earliest held write
        }
        if (disks[s] != null) {
            // A device that takes a new command pays its setup before the first byte moves; one whose
            // only work waits for CFQ's idle timer takes it when the timer fires.
            double from = a.idle() ? Math.max(clock[s], disks[s].idleTimerAt()) : clock[s];
            return from + (a.idle() && disks[s].ready() ? m.deviceSetupNs() : 0);
        }
        return clock[s] + (a.idle() ? Math.min(think[s], Math.max(0, kick[s] - clock[s])) : 0);
    }

    @Override
    public void stepped(int stepNo, Actor actor, Step step, StepResult result) {
        visible = true;
        // Charged now, not at the next choice: the step may be the one that lets another actor run.
        finishCurrent();

    }

    /** Writes that hit sectors a drive's cache still held, over every device. */
    long writeHits() {
        long n = 0;
        for (DriveTiming t : timing) {
            n += t == null ? 0 : t.writeHits();
        }
        return n;
    }

    /** Charges the step that just ran and moves its actor's clock to its end. */
    void finishCurrent() {
        if (current < 0) {
            return;
        }
        int s = current;
        current = -1;
        Actor a = actors[s];
        double cost;
        if (disks[s] != null) {
            // The setup was paid before the step started (startOf); here, the bytes, and once the last
            // of them is in, the media write (a seek or not) before the completion can run. A command
            // that failed ends when its bad data arrives.
            Disk d = disks[s];
            long read = d.bytesRead() - bytesRead;
            boolean moved = costs.bytesTransferred != bytesTransferred || read > 0;
            cost = (costs.bytesTransferred - bytesTransferred) * timing[s].nsPerByte(false)
                    + read * timing[s].nsPerByte(true) + charge(visible && !moved ? m.irqStepNs() : 0);
            if (d.completions() != completions && d.lastCompletedOk() && !completionPriced) {
                cost += timing[s].complete(d.commandIsRead(), d.commandSector(), d.commandBytes(), d.currentDistance(),
                        d.currentSequential(), currentStart + cost);
            }
            if (d.completions() != completions && Double.isNaN(pricedCompletion)) {
                // CFQ's slice end counts from the completion, not the step's start (a held one's: when it completes).
                d.completedAt(currentStart + cost);
            }
            completionPriced = false;
            pricedCompletion = Double.NaN;
        } else if (held[s] != null) {
            cost = charge(visible ? m.irqStepNs() : 0);
            if (held[s].completed() != heldCompleted && recorder != null) {
                recorder.released(a, held[s].lastDue(), currentStart);
            }
        } else {
            cost = charge(visible ? m.kernelStepNs() : 0) + pendingSyscall[s];
            cpuNs[Category.KERNEL.ordinal()] += pendingSyscall[s];
            pendingSyscall[s] = 0;
        }
        double start = currentStart;
        double end = start + cost;
        if (recorder != null) {
            recorder.step(a, start, end, currentCpu);
        }
        clock[s] = end;
        if (currentCpu >= 0) {
            cpuFree[currentCpu] = end;
        }
        makespan = Math.max(makespan, end);
        if (a.sleepingOn() != null) {
            sleepStart[s] = end;
            sleepQueue[s] = a.sleepingOn().name();
            // A stall is a wait on a page (its lock, its writeback), what a mitigation adds; waiting for
            // one's own I/O (an fsync, an O_DIRECT write, a free request) is the operation itself.
            stalling[s] = a.sleepingOn().isPageWriteback() || a.sleepingOn().isPageLock();
            if (opClass[s] == OpClass.WRITE && a.sleepingOn().isPageWriteback()) {
                writeWritebackSleeps++;
            }
        } else if (opClass[s] != null && a.idle()) {
            endOp(s, end);
        }
        // The actors this step made runnable see its end as their earliest start.
        lastEnd = end;
    }

    private double lastEnd;

    /** Prices the counters' change since the step began, adds it to the categories, and returns it. */
    private double charge(double stepNs) {
        double[] c = cpuNs;
        double kernel = stepNs;
        double faultNs = (costs.faults - faults) * m.faultNs();
        double tlbNs = (costs.pteWriteProtects - pteWriteProtects) * m.tlbShootdownNs()
                + (costs.setMemoryRo + costs.setMemoryRw - setMemory) * m.setMemoryNs();
        double copyNs = (costs.bytesCopied - bytesCopied) * m.copyNsPerByte();
        double checksumNs = (costs.bytesChecksummedByCpu - bytesChecksummedByCpu) * m.checksumNsPerByte();
        double userNs = (costs.bytesWrittenByTasks - bytesWrittenByTasks) * m.copyNsPerByte();
        c[Category.KERNEL.ordinal()] += kernel;
        c[Category.FAULTS.ordinal()] += faultNs;
        c[Category.TLB.ordinal()] += tlbNs;
        c[Category.COPY.ordinal()] += copyNs;
        c[Category.CHECKSUM.ordinal()] += checksumNs;
        c[Category.USER.ordinal()] += userNs;
        return kernel + faultNs + tlbNs + copyNs + checksumNs + userNs;
    }

    private void becameRunnable(int s) {
        double t = lastEnd;
        if (!Double.isNaN(sleepStart[s])) {
            if (recorder != null) {
                recorder.woken(actors[s], sleepQueue[s], sleepStart[s], t);
            }
            double woke = Math.max(clock[s], t) + m.wakeupNs();
            cpuNs[Category.WAKEUPS.ordinal()] += m.wakeupNs();
            wakeups++;
            if (stalling[s]) {
                opStall[s] += woke - sleepStart[s];
            }
            sleepStart[s] = Double.NaN;
            clock[s] = woke;
        } else {
            clock[s] = Math.max(clock[s], t);
        }
    }

    private void endOp(int s, double end) {
        if (warmupNs > 0 && end >= warmupNs) {
            warmupNs = 0;
            resetLatencies();
        }
        long latency = Math.max(0, Math.round(end - opStart[s]));
        switch (opClass[s]) {
            case WRITE -> {
                writeLatency.recordValue(latency);
                writeStall.recordValue(Math.round(opStall[s]));
                writesDone++;
                if (writesDone == warmupWrites) {
                    resetLatencies();
                }
            }
            case SYNC -> syncLatency.recordValue(latency);
            case OTHER -> { }
        }
        opClass[s] = null;
    }

    private void resetLatencies() {
        writeLatency.reset();
        writeStall.reset();
        syncLatency.reset();
    }

    private void snapshot() {
        faults = costs.faults;
        pteWriteProtects = costs.pteWriteProtects;
        setMemory = costs.setMemoryRo + costs.setMemoryRw;
        bytesCopied = costs.bytesCopied;
        bytesChecksummedByCpu = costs.bytesChecksummedByCpu;
        bytesWrittenByTasks = costs.bytesWrittenByTasks;
        bytesTransferred = costs.bytesTransferred;
        completions = disks[current] != null ? disks[current].completions() : 0;
        heldCompleted = held[current] != null ? held[current].completed() : 0;
        bytesRead = disks[current] != null ? disks[current].bytesRead() : 0;
    }

    double makespan() {
        return makespan;
    }

    long writesDone() {
        return writesDone;
    }

    long wakeups() {
        return wakeups;
    }

    private long writeWritebackSleeps;

    /** Times a write operation went to sleep on a page's {@code PG_writeback} (not on its lock). */
    long writeWritebackSleeps() {
        return writeWritebackSleeps;
    }

    Histogram writeLatency() {
        return writeLatency;
    }

    Histogram writeStall() {
        return writeStall;
    }

    Histogram syncLatency() {
        return syncLatency;
    }

    /** CPU time by category, in report order. */
    Map<String, Double> cpuNs() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Category c : Category.values()) {
            out.put(c.label, cpuNs[c.ordinal()]);
        }
        return out;
    }
}
