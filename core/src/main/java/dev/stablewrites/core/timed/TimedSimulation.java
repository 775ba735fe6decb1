package dev.stablewrites.core.timed;

import dev.stablewrites.core.block.BlockDevice;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.block.Raid1;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.kernel.Syscalls;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.WorkSource;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A timed run: a workload of many threads, files and pages on the same kernel, device and strategy
 * hooks as an explored scenario, stepped by a {@link TimedClock} instead of an explorer. It answers
 * what a mechanism costs and how often the race strikes when the timing is realistic, where the
 * explorers answer whether it can strike at all.
 *
 * <p>Memory stays bounded by the working set: nothing is kept per operation (latencies go into
 * fixed-size histograms, system calls are counted, the schedule is not recorded).
 */
public final class TimedSimulation {
    private final Workload w;
    private final Geometry g;
    private final CostModel m;
    private final String strategyId;
    private final Costs costs = new Costs();
    private final Kernel kernel;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Disk> legs = new ArrayList<>();
    private final List<ThreadSource> threads = new ArrayList<>();
    private final AddressSpace[] mappings;
    private final int[] firstPage;
    private final int[] filePages;
    private final int sectorsPerPage;
    private TimedClock clock;
    private Runnable heartbeat = () -> { };
    private Actor flusher;
    private static final char FLUSHER_ID = '\uFFF0';
    private static final char FINAL_SYNC_ID = '\uFFF1';
    private int threadsDone;
    /** Bytes the workload's write operations wrote (not its syncs, not the O_DIRECT buffers' rewrites). */
    private long workloadBytes;

    public TimedSimulation(Workload w, Geometry g, CostModel m, String strategyId, Strategy strategy) {
        if (w.pageSize() != g.pageSize()) {
            throw new IllegalArgumentException("the workload's pages are " + w.pageSize() + " bytes, the geometry's "
                    + g.pageSize());
        }
        this.w = w;
        this.g = g;
        this.m = m;
        this.strategyId = strategyId;
        this.kernel = new Kernel(g.pageSize(), g.interval(), g.integrity(), strategy, costs);
        this.kernel.recordSyscalls(false);
        this.kernel.setNrRequests(m.nrRequests());
        this.sectorsPerPage = g.pageSize() / 512;
        kernel.attachDevice(buildDevice(w.pages() * g.intervalsPerPage()));
        int files = w.files();
        this.mappings = new AddressSpace[files];
        this.firstPage = new int[files];
        this.filePages = new int[files];
        int per = w.pages() / files;
        for (int f = 0; f < files; f++) {
            firstPage[f] = f * per;
            filePages[f] = f == files - 1 ? w.pages() - f * per : per;
            if (w.kind() != WorkloadKind.ODIRECT) {
                Page[] pages = new Page[filePages[f]];
                for (int i = 0; i < pages.length; i++) {
                    pages[i] = kernel.allocPage(new PageOwner.PageCache("f" + f, i));
                }
                mappings[f] = new AddressSpace("f" + f, pages, (long) firstPage[f] * sectorsPerPage);
            }
        }
        buildThreads();
    }

    private BlockDevice buildDevice(int blocks) {
        Disk d = disk('D', g.device() == DeviceKind.RAID1 ? "disk (RAID1 leg 0)" : "disk", blocks);
        if (g.device() == DeviceKind.DISK) {
            return d;
        }
        return new Raid1(d, disk('E', "disk (RAID1 leg 1)", blocks));
    }

    /** A disk formatted as mkfs leaves it: zeros, each block with a valid tuple. */
    private Disk disk(char id, String name, int blocks) {
        Media media = new Media(blocks, g.interval(), g.integrity().tupleSize());
        byte[] zeros = new byte[g.interval()];
        byte[] tuple = new byte[Math.max(g.integrity().tupleSize(), 1)];
        for (int lba = 0; lba < blocks; lba++) {
            g.integrity().generate(zeros, 0, g.interval(), lba, tuple, 0);
            media.write(lba, zeros, 0, tuple, 0);
        }
        Disk d = new Disk(new Actor(id, name, Actor.Kind.DAEMON), media, g.integrity(), g.interval(), costs);
        d.setElevator(true); // a real queue sorts what it holds; a hundred requests in arrival order would seek each time
        actors.add(d.actor());
        legs.add(d);
        return d;
    }

    private void buildThreads() {
        SplittableRandom seeds = new SplittableRandom(w.seed());
        Mm[] mms = new Mm[mappings.length];
        for (int t = 0; t < w.threads(); t++) {
            int f = (int) ((long) t * mappings.length / w.threads()); // dbench: the first of the client's files
            long quota = w.ops() / w.threads() + (t < w.ops() % w.threads() ? 1 : 0);
            ThreadSource src;
            char id = (char) (0x100 + 2 * t);
            switch (w.kind()) {
                case MMAP_MSYNC -> src = new MmapThread(id, t, f, quota, seeds.split(), mm(mms, f));
                case MIX -> src = t % 2 == 0 ? new WriteThread(id, t, f, quota, seeds.split())
                        : new MmapThread(id, t, f, quota, seeds.split(), mm(mms, f));
                case ODIRECT -> src = new DirectThread(id, t, f, quota, seeds.split());
                default -> src = new WriteThread(id, t, f, quota, seeds.split());
            }
            threads.add(src);
            actors.add(src.actor);
            if (src instanceof DirectThread dt) {
                actors.add(dt.sibling());
            }
        }
        if (w.flushIntervalNs() > 0 && w.kind() != WorkloadKind.ODIRECT) {
            // The flusher and the final sync sort after every thread, so the scheduler asks each thread
            // whether it is done before asking them whether every thread is.
            flusher = new Actor(FLUSHER_ID, "flusher (kupdate, WB_SYNC_NONE)", Actor.Kind.DAEMON);
            flusher.setSource(new Periodic(this::flushAll));
            actors.add(flusher);
        }
        Actor q = new Actor(FINAL_SYNC_ID, "final sync of every file", Actor.Kind.QUIESCE);
        q.setSource(new FinalSync());
        actors.add(q);
        actors.add(kernel.kworker());
    }

    /** The process whose threads map file {@code f}: every page mapped read-only and clean, as after a sync. */
    private Mm mm(Mm[] mms, int f) {
        if (mms[f] == null) {
            mms[f] = new Mm(100 + f);
            for (int i = 0; i < filePages[f]; i++) {
                mms[f].map(mappings[f].page(i), false);
            }
        }
        return mms[f];
    }

    private List<Step> flushAll() {
        List<Step> steps = new ArrayList<>();
        steps.add(clock.opStart(TimedClock.OpClass.OTHER, false));
        for (AddressSpace a : mappings) {
            steps.addAll(Syscalls.flush(kernel, a));
        }
        steps.add(clock.opEnd("schedule_timeout"));
        return steps;
    }

    private TimedClock.Recorder recorder;

    /** Lets a test see every step the clock charges. */
    TimedSimulation recording(TimedClock.Recorder r) {
        this.recorder = r;
        return this;
    }

    /** Runs {@code beat} every few thousand steps, for a watchdog outside the run. */
    public TimedSimulation withHeartbeat(Runnable beat) {
        this.heartbeat = beat;
        return this;
    }

    /**
     * Calls {@code fraction} with how far the run has got, 0 to 1, as often as the heartbeat (every
     * few thousand steps): writes done of those asked for, or simulated time of {@code --duration}
     * when that comes first. For a progress bar that moves within a long run; it reads the run and
     * never changes it.
     */
    public TimedSimulation withProgress(java.util.function.DoubleConsumer fraction) {
        this.progress = fraction;
        return this;
    }

    private java.util.function.DoubleConsumer progress = f -> { };

    private double fractionDone() {
        double byWrites = (double) clock.writesDone() / Math.max(1, w.ops());
        double byTime = w.durationNs() == 0 ? 0 : clock.makespan() / w.durationNs();
        return Math.min(1, Math.max(byWrites, byTime));
    }

    /**
     * Steps past which a run fails TERMINATES: far above what any strategy here takes per write
     * (under 100 steps at the defaults; a resubmitting O_DIRECT write a few hundred).
     */
    private long stepBudget() {
        return Math.min(Integer.MAX_VALUE, 5_000L * w.ops() + 1_000_000L); // ops <= Workload.MAX_OPS: no overflow
    }

    /** Runs the workload to its end and measures it. */
    public TimedResult run() {
        Scheduler scheduler = new Scheduler(actors).recordTaken(false);
        kernel.setClock(scheduler::steps);
        clock = new TimedClock(m, costs, actors, legs);
        clock.setHeartbeat(() -> {
            heartbeat.run();
            progress.accept(fractionDone());
        });
        clock.setRecorder(recorder);
        for (ThreadSource t : threads) {
            clock.setThink(t.actor, m.thinkNs());
            if (t instanceof DirectThread dt) {
                clock.setThink(dt.sibling(), w.rewriteIntervalNs());
            }
        }
        if (flusher != null) {
            clock.setThink(flusher, w.flushIntervalNs());
        }
        String outcome = "completed";
        try {
            Scheduler.Outcome o = scheduler.run(clock, (int) stepBudget(), clock);
            if (o == Scheduler.Outcome.DEADLOCK) {
                outcome = "deadlock";
                kernel.violate(Property.NO_DEADLOCK, "no task runnable at " + clock.makespan() + " ns; asleep: "
                        + scheduler.stuck().stream().map(a -> a.name() + " on " + (a.sleepingOn() == null ? "nothing"
                                : a.sleepingOn().name())).collect(java.util.stream.Collectors.joining(", ")));
            } else if (o == Scheduler.Outcome.BUDGET_EXHAUSTED) {
                outcome = "did not terminate";
                kernel.violate(Property.TERMINATES, "still running after " + stepBudget() + " steps");
            }
        } catch (Scheduler.ChooserFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            Throwable cause = e instanceof StrategyException ? e.getCause() : e;
            outcome = "oops: " + cause;
            kernel.violate(Property.NO_OOPS, (e instanceof StrategyException ? "BUG in strategy code: "
                    : "BUG in kernel code: ") + cause);
        }
        clock.finishCurrent();
        costs.steps = scheduler.steps();
        costs.writerStallSteps = scheduler.writerStallSteps();
        costs.writerWritebackStallSteps = scheduler.writerWritebackStallSteps();
        long lost = w.kind() != WorkloadKind.ODIRECT && outcome.equals("completed") ? lostPages() : -1;
        List<Violation> v = kernel.violations();
        String first = v.isEmpty() ? null : v.get(0).property() + ": " + v.get(0).message();
        if (outcome.equals("completed") && v.stream().anyMatch(x -> x.property() == Property.NO_OOPS)) {
            outcome = "oops";
        }
        double amplification = workloadBytes == 0 ? 0 : (double) costs.bytesTransferred / workloadBytes;
        return new TimedResult(strategyId, w, outcome, clock.writesDone(), clock.makespan(), clock.writeLatency(),
                clock.writeStall(), clock.syncLatency(), clock.cpuNs(), costs.bouncePagesPeak * g.pageSize(),
                amplification, costs.protectionErrors, kernel.falseEios(), lost, first, costs, clock.wakeups(),
                workloadBytes);
    }

    /** Page-cache pages whose media copy, on some leg, differs from memory or fails its tuple. */
    private long lostPages() {
        long lost = 0;
        int ipp = g.intervalsPerPage();
        for (int f = 0; f < mappings.length; f++) {
            if (mappings[f] == null) {
                continue;
            }
            for (int i = 0; i < filePages[f]; i++) {
                Page page = mappings[f].page(i);
                long lba0 = (long) (firstPage[f] + i) * ipp;
                boolean ok = true;
                for (Disk leg : legs) {
                    for (int b = 0; b < ipp && ok; b++) {
                        ok = leg.media().dataEquals(lba0 + b, page.data(), b * g.interval(), g.interval())
                                && kernel.verifyOnMedia(leg.media(), lba0 + b);
                    }
                }
                if (!ok) {
                    lost++;
                }
            }
        }
        return lost;
    }

    // ---- the workload's threads -------------------------------------------------------------------

    /** A workload thread: its quota of writes, a sync every {@code syncEvery}, until the quota or the time runs out. */
    private abstract class ThreadSource implements WorkSource {
        final Actor actor;
        final int firstFile;
        final SplittableRandom rnd;
        long remaining;
        int sinceSync;
        boolean done;
        /** The file of the latest write (a dbench client flushes that one). */
        int file;
        /** dbench's append position in each of the client's files, in bytes. */
        final long[] cursors = new long[Workload.DBENCH_FILES_PER_CLIENT];

        ThreadSource(char id, String name, int file, long quota, SplittableRandom rnd) {
            this.actor = new Actor(id, name, Actor.Kind.WRITER);
            this.firstFile = file;
            this.file = file;
            this.remaining = quota;
            this.rnd = rnd;
            actor.setSource(this);
        }

        /**
         * Whether another operation starts. The scheduler asks only when the thread is idle (its
         * operation over, not asleep), so the first "no" is the moment the thread is done.
         */
        @Override
        public boolean ready() {
            boolean more = remaining > 0 && (w.durationNs() == 0 || clock.now(actor) < w.durationNs());
            if (!more && !done) {
                done = true;
                threadsDone++;
            }
            return more;
        }

        @Override
        public boolean exhausted() {
            return !ready();
        }

        @Override
        public void loadNext(Actor self) {
            List<Step> steps = new ArrayList<>();
            if (w.syncEvery() > 0 && sinceSync >= w.syncEvery()) {
                sinceSync = 0;
                steps.add(clock.opStart(TimedClock.OpClass.SYNC, true));
                steps.addAll(sync());
            } else {
                sinceSync++;
                remaining--;
                steps.add(clock.opStart(TimedClock.OpClass.WRITE, true));
                addWrite(steps);
            }
            steps.add(clock.opEnd("return to user space"));
            self.pushFront(steps);
        }

        /** Adds the steps of one write. */
        abstract void addWrite(List<Step> steps);

        /** The steps of this thread's sync. */
        abstract List<Step> sync();

        /** Where the next write goes, in bytes from the file's start, and how long it is. */
        long[] nextExtent() {
            if (w.kind() == WorkloadKind.DBENCH) {
                int which = rnd.nextInt(Math.min(cursors.length, mappings.length - firstFile));
                file = firstFile + which;
                long fileBytes = (long) filePages[file] * g.pageSize();
                int len = 1 + rnd.nextInt(w.writeSize());
                long at = cursors[which];
                cursors[which] = (at + len) % fileBytes;
                return new long[] {at, Math.min(len, fileBytes)};
            }
            long fileBytes = (long) filePages[file] * g.pageSize();
            int len = (int) Math.min(w.writeSize(), fileBytes);
            long page = rnd.nextInt(filePages[file]);
            int slack = g.pageSize() - len % g.pageSize();
            long at = page * g.pageSize() + (len < g.pageSize() ? rnd.nextInt(slack + 1) : 0);
            return new long[] {Math.min(at, fileBytes - len), len};
        }

        /** Splits the extent into pages (wrapping at the file's end) and adds {@code perPage}'s steps for each. */
        void eachPage(long[] extent, PageSteps perPage, List<Step> steps) {
            long fileBytes = (long) filePages[file] * g.pageSize();
            long at = extent[0];
            long left = extent[1];
            byte value = (byte) (1 + rnd.nextInt(255));
            while (left > 0) {
                int index = (int) (at / g.pageSize());
                int off = (int) (at % g.pageSize());
                int len = (int) Math.min(left, g.pageSize() - off);
                perPage.add(index, off, len, value, steps);
                workloadBytes += len;
                left -= len;
                at = (at + len) % fileBytes;
            }
        }
    }

    @FunctionalInterface
    private interface PageSteps {
        void add(int index, int offset, int length, byte value, List<Step> steps);
    }

    /** {@code write()} into the page cache; syncs with {@code sync_file_range} (wac) or {@code fsync} (dbench). */
    private final class WriteThread extends ThreadSource {
        WriteThread(char id, int t, int file, long quota, SplittableRandom rnd) {
            super(id, (w.kind() == WorkloadKind.DBENCH ? "dbench client " : "write() thread ") + t, file, quota, rnd);
        }

        @Override
        void addWrite(List<Step> steps) {
            eachPage(nextExtent(), (i, off, len, v, out) -> out.addAll(Syscalls.write(kernel, mappings[file].page(i), off,
                    len, v)), steps);
        }

        @Override
        List<Step> sync() {
            return w.kind() == WorkloadKind.DBENCH ? Syscalls.fsync(kernel, mappings[file])
                    : Syscalls.flush(kernel, mappings[file]); // sync_file_range(SYNC_FILE_RANGE_WRITE)
        }
    }

    /** Stores through a shared mapping of the file; syncs with {@code msync(MS_SYNC)}. */
    private final class MmapThread extends ThreadSource {
        private final Mm mm;

        MmapThread(char id, int t, int file, long quota, SplittableRandom rnd, Mm mm) {
            super(id, "mmap writer " + t, file, quota, rnd);
            this.mm = mm;
        }

        @Override
        void addWrite(List<Step> steps) {
            eachPage(nextExtent(), (i, off, len, v, out) -> out.add(Syscalls.store(kernel, mm, mappings[file].page(i), off,
                    len, v)), steps);
        }

        @Override
        List<Step> sync() {
            return Syscalls.msync(kernel, mappings[file]);
        }
    }

    /**
     * Fills its buffer and writes it with O_DIRECT to a page of its file; a sibling thread of the same
     * process keeps rewriting the buffer meanwhile, which no page flag can see.
     */
    private final class DirectThread extends ThreadSource {
        private final Mm mm;
        private final Page buffer;
        private final Actor sibling;

        DirectThread(char id, int t, int file, long quota, SplittableRandom rnd) {
            super(id, "O_DIRECT writer " + t, file, quota, rnd);
            this.mm = new Mm(1000 + t);
            this.buffer = kernel.allocPage(new PageOwner.Anon(1000 + t));
            mm.map(buffer, true).makeWritableDirty();
            this.sibling = new Actor((char) (id + 1), "buffer rewriter " + t, Actor.Kind.WRITER);
            SplittableRandom sibRnd = rnd.split();
            sibling.setSource(new WorkSource() {
                @Override
                public boolean ready() {
                    return !done;
                }

                @Override
                public boolean exhausted() {
                    return done;
                }

                @Override
                public void loadNext(Actor self) {
                    int len = 1 + sibRnd.nextInt(64);
                    int off = sibRnd.nextInt(g.pageSize() - len + 1);
                    self.pushFront(clock.opStart(TimedClock.OpClass.OTHER, false),
                            Syscalls.store(kernel, mm, buffer, off, len, (byte) (1 + sibRnd.nextInt(255))),
                            clock.opEnd("next instruction"));
                }
            });
        }

        Actor sibling() {
            return sibling;
        }

        @Override
        void addWrite(List<Step> steps) {
            int page = rnd.nextInt(filePages[file]);
            steps.add(Syscalls.store(kernel, mm, buffer, 0, g.pageSize(), (byte) (1 + rnd.nextInt(255))));
            workloadBytes += g.pageSize();
            steps.addAll(Syscalls.directWrite(kernel, buffer, (long) (firstPage[file] + page) * sectorsPerPage));
        }

        @Override
        List<Step> sync() {
            return List.of();
        }
    }

    /** The background flusher: a pass over every file each period, while any thread still writes. */
    private final class Periodic implements WorkSource {
        private final java.util.function.Supplier<List<Step>> pass;

        Periodic(java.util.function.Supplier<List<Step>> pass) {
            this.pass = pass;
        }

        @Override
        public boolean ready() {
            return threadsDone < threads.size();
        }

        @Override
        public boolean exhausted() {
            return !ready();
        }

        @Override
        public void loadNext(Actor self) {
            self.pushFront(pass.get());
        }
    }

    /** Once every thread is done: fsync every file, so what the media holds can be checked. */
    private final class FinalSync implements WorkSource {
        private boolean loaded;

        @Override
        public boolean ready() {
            if (loaded) {
                return false;
            }
            if (threadsDone == threads.size()) {
                return true;
            }
            // A thread killed by an oops is never done; once every thread has finished one way or another, sync.
            return !kernel.violations().isEmpty() && threads.stream().allMatch(t -> t.actor.finished());
        }

        @Override
        public boolean exhausted() {
            return loaded;
        }

        @Override
        public void loadNext(Actor self) {
            loaded = true;
            List<Step> steps = new ArrayList<>();
            steps.add(clock.opStart(TimedClock.OpClass.OTHER, false));
            for (AddressSpace a : mappings) {
                if (a != null) {
                    steps.addAll(Syscalls.fsync(kernel, a));
                }
            }
            steps.add(clock.opEnd("return to user space"));
            self.pushFront(steps);
        }
    }
}
