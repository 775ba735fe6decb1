package dev.stablewrites.core.sim;

import dev.stablewrites.core.state.NotState;
import dev.stablewrites.core.state.Fingerprint;
import dev.stablewrites.core.state.StateFingerprint;
import dev.stablewrites.core.state.StateProbe;

import dev.stablewrites.core.block.BlockDevice;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.block.Raid1;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.fault.FaultActor;
import dev.stablewrites.core.fault.FaultKind;
import dev.stablewrites.core.fault.WrittenContents;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.kernel.Operations;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.mm.Pte;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Raid1Integrity;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.scenario.Role;
import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.scenario.Scenario;
import dev.stablewrites.core.scenario.ScenarioKind;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Chooser;
import dev.stablewrites.core.sched.Schedule;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WorkSource;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyException;
import dev.stablewrites.core.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of a scenario under a strategy: builds the system (pages, processes, mappings, device,
 * actors), runs it under a {@link Chooser}, and checks every property of docs/model.md §6. Build a new
 * one per run; the same scenario, strategy and schedule always give the same result.
 *
 * <p>Every scenario's data is one page, formatted on the media at the start (zeros with valid
 * tuples). The final quiesce (actor {@code Q}) starts only when every other actor has finished.
 * With {@code faults=} the fault actor {@code F} joins the run, and the run is judged by
 * {@code NO_SILENT_CORRUPTION} alone ({@link WrittenContents} keeps what writers wrote).
 */
public final class Simulation {
    /** The default step budget: far above any terminating run of the bounded scenarios. */
    public static final int DEFAULT_BUDGET = 20_000;

    @NotState private final Scenario scenario;
    @NotState private final String strategyId;
    @NotState private final Geometry g;
    @NotState private final Costs costs = new Costs();
    private final Kernel kernel;
    private final List<Actor> actors = new ArrayList<>();
    @NotState private final Map<Character, Actor> byId = new HashMap<>();
    private final Page dataPage;
    private final AddressSpace mapping;
    private final long dataSector = 0;
    private final WrittenContents written;
    @NotState private boolean tracing;
    @NotState private int budget = DEFAULT_BUDGET;
    @NotState private Scheduler scheduler;

    public Simulation(Scenario scenario, String strategyId, Strategy strategy) {
        this.scenario = scenario;
        this.strategyId = strategyId;
        this.g = scenario.geometry();
        this.kernel = new Kernel(g.pageSize(), g.interval(), g.integrity(), strategy, costs);
        this.kernel.attachDevice(buildDevice());
        this.kernel.setStableWrites(g.stableWritesRequired());
        if (g.raid1Integrity() == Raid1Integrity.PER_LEG) {
            kernel.generateIntegrityPerLeg();
        }
        ScenarioKind kind = scenario.kind();
        Map<Integer, Mm> processes = new HashMap<>();
        Page page;
        AddressSpace mapping = null;
        switch (kind) {
            case ODIRECT -> {
                page = kernel.allocPage(new PageOwner.Anon(1));
                // The buffer has been touched before: mapped writable and dirty, as an anonymous page is.
                process(processes, 1).map(page, true).makeWritableDirty();
            }
            case JOURNAL -> page = kernel.allocPage(new PageOwner.KernelBuffer("jbd2 metadata buffer"));
            default -> {
                page = kernel.allocPage(new PageOwner.PageCache("f", 0));
                mapping = new AddressSpace("f", new Page[] {page}, dataSector);
                mapping.setSize(g.fileSize());
            }
        }
        this.dataPage = page;
        this.mapping = mapping;
        formatMedia();
        this.written = new WrittenContents(kernel, page, dataSector / (g.interval() / 512));
        kernel.setContentWatcher(written);
        if (g.faults() != FaultKind.NONE) {
            add(FaultActor.create(kernel, g.faults(), page, dataSector / (g.interval() / 512), g.intervalsPerPage()));
        }
        Operations ops = new Operations(kernel, mapping, page, dataSector);
        if (kind == ScenarioKind.JOURNAL) {
            ops.withJbd2(g.jbd2());
        } else if (kind == ScenarioKind.EXT3_ORDERED) {
            ops.withExt3Ordered();
        }
        for (ScenarioKind.Slot slot : kind.slots()) {
            Mm mm = process(processes, slot.pid());
            if (slot.role() == Role.MMAP_WRITER) {
                mm.map(page, false).clearPresent(); // mapped, never touched: the first store faults it in
            }
            Actor a = new Actor(slot.id(), slot.role().title() + (slot.pid() > 0 ? " (pid " + slot.pid() + ")" : ""),
                    slot.role().kind());
            a.setSource(new OpSource(ops, mm, scenario.opsOf(slot.id())));
            add(a);
        }
        Actor q = new Actor('Q', "quiesce: final " + kind.quiesce().word() + ", no concurrent writer",
                Actor.Kind.QUIESCE);
        Mm qmm = kind == ScenarioKind.ODIRECT ? processes.get(1) : process(processes, 9);
        q.setSource(new QuiesceSource(new OpSource(ops, qmm, kind.quiesceOps().stream().map(Op::of).toList())));
        add(q);
        add(kernel.kworker());
    }

    private static Mm process(Map<Integer, Mm> processes, int pid) {
        return processes.computeIfAbsent(pid, Mm::new);
    }

    /**
     * Pages of the device: the data page's home block, then for a journalled kind the journal area
     * (jbd2: descriptor, log copy, commit block; ext3: the commit block in the same place).
     */
    private static int devicePages(ScenarioKind kind) {
        return kind == ScenarioKind.JOURNAL || kind == ScenarioKind.EXT3_ORDERED ? 4 : 1;
    }

    private BlockDevice buildDevice() {
        int blocks = g.intervalsPerPage() * devicePages(scenario.kind());
        Disk d = new Disk(new Actor('D', "disk" + (g.device() == DeviceKind.RAID1
                ? " (RAID1 leg 0)" : ""), Actor.Kind.DAEMON),
                new Media(blocks, g.interval(), g.integrity().tupleSize()), g.integrity(), g.interval(), costs);
        add(d.actor());
        if (g.device() == DeviceKind.DISK) {
            if (g.faults() == FaultKind.NONE) {
                d.letDmaCommute();
            }
            return d;
        }
        Disk e = new Disk(new Actor('E', "disk (RAID1 leg 1)", Actor.Kind.DAEMON),
                new Media(blocks, g.interval(), g.integrity().tupleSize()), g.integrity(), g.interval(), costs);
        add(e.actor());
        return new Raid1(d, e);
    }

    /**
     * Writes the page's initial contents with valid tuples: a formatted file, readable from the start.
     * The page was allocated just before, so it is all zeros and its tuples are {@link #FORMATTED}'s.
     */
    private void formatMedia() {
        int ts = Math.max(g.integrity().tupleSize(), 1);
        long lba0 = dataSector / (g.interval() / 512);
        byte[] tuples = FORMATTED.computeIfAbsent(new Format(g.integrity(), g.interval(), g.intervalsPerPage(), lba0),
                Format::tuples);
        for (Disk leg : kernel.device().legs()) {
            for (int i = 0; i < g.intervalsPerPage(); i++) {
                leg.media().write(lba0 + i, dataPage.data(), i * g.interval(), tuples, i * ts);
            }
        }
    }

    /**
     * The tuples of a freshly allocated (all-zero) page, per layout: every run formats its media
     * with the same ones, so they are generated once instead of once per run.
     */
    private static final Map<Format, byte[]> FORMATTED = new ConcurrentHashMap<>();

    /** A page layout on the media: profile, interval, intervals per page, first block. */
    private record Format(Integrity integrity, int interval, int blocks, long lba0) {
        /** The tuples of an all-zero page, one after another; never written once made. */
        byte[] tuples() {
            int ts = Math.max(integrity.tupleSize(), 1);
            byte[] zeros = new byte[interval];
            byte[] out = new byte[blocks * ts];
            for (int i = 0; i < blocks; i++) {
                integrity.generate(zeros, 0, interval, lba0 + i, out, i * ts);
            }
            return out;
        }
    }

    private void add(Actor a) {
        actors.add(a);
        byId.put(a.id(), a);
    }

    /** Records a trace of every visible step (off by default: exploring does not pay for it). */
    public Simulation tracing(boolean on) {
        this.tracing = on;
        return this;
    }

    /** Sets the step budget past which the run fails {@link Property#TERMINATES}. */
    public Simulation budget(int steps) {
        this.budget = steps;
        return this;
    }

    /** The kernel, for tests that inject faults or inspect state before or after the run. */
    public Kernel kernel() {
        return kernel;
    }

    /** The page the scenario writes: the file page, the user buffer, or the journal buffer. */
    public Page dataPage() {
        return dataPage;
    }

    /** The actor with id {@code id}. */
    public Actor actor(char id) {
        return byId.get(id);
    }

    /** The record of every content a writer gave each block, which judges {@code NO_SILENT_CORRUPTION}. */
    public WrittenContents writtenContents() {
        return written;
    }

    /** The ids of every actor in this run, in order: the scenario's, the devices', the fault, the kworker, the quiesce. */
    public String actorIds() {
        StringBuilder sb = new StringBuilder();
        byId.keySet().stream().sorted().forEach(sb::append);
        return sb.toString();
    }

    /**
     * Checks that {@code schedule} names only actors of this run: a choice of an absent actor would
     * otherwise be skipped, and a typo would replay as a different, often passing, run.
     *
     * @throws IllegalArgumentException with a one-line message naming the actors
     */
    public void checkActorsOf(Schedule schedule) {
        String ids = actorIds();
        String choices = schedule.choices();
        for (int i = 0; i < choices.length(); i++) {
            if (ids.indexOf(choices.charAt(i)) < 0) {
                throw new IllegalArgumentException("schedule names actor " + choices.charAt(i) + ", which is not in "
                        + scenario.kind().id() + " on this device; its actors are " + String.join(", ", ids.split("")));
            }
        }
    }

    /** Runs to the end under {@code chooser} and checks every property. */
    public RunResult run(Chooser chooser) {
        scheduler = new Scheduler(actors);
        kernel.setClock(scheduler::steps);
        List<TraceEvent> trace = tracing ? new ArrayList<>() : List.of();
        for (Actor a : actors) {
            a.setTracing(tracing);
        }
        Scheduler.Listener listener = tracing
                ? (n, actor, step, result) -> trace.add(event(n, actor, step, result))
                : (n, actor, step, result) -> { };
        chooser.attach(new StateProbe() {
            @Override
            public Fingerprint fingerprint() {
                return StateFingerprint.of(Simulation.this);
            }

            @Override
            public IdentityHashMap<Object, Integer> numbering() {
                return StateFingerprint.numbering(Simulation.this);
            }
        });
        String crash = null;
        Scheduler.Outcome outcome = null;
        try {
            outcome = scheduler.run(chooser, budget, listener);
        } catch (Scheduler.ChooserFailure | Scheduler.CommutationBroken e) {
            throw e; // the harness's bug, or its search's broken assumption: not the run's
        } catch (Scheduler.SilentLoopException e) {
            crash = e + " at step " + scheduler.steps() + " (" + scheduler.lastActor() + ")";
            kernel.violate(Property.TERMINATES, "a hook never yields: " + crash);
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            // Everything else in a run is kernel code, the strategy's or the model's, and a kernel
            // bug is an oops. StrategyException says the strategy's own code threw.
            Throwable cause = e instanceof StrategyException ? e.getCause() : e;
            crash = cause + " at step " + scheduler.steps() + " (" + scheduler.lastActor() + ")";
            kernel.violate(Property.NO_OOPS, (e instanceof StrategyException ? "BUG in strategy code: "
                    : "BUG in kernel code: ") + crash);
        }
        costs.steps = scheduler.steps();
        costs.writerStallSteps = scheduler.writerStallSteps();
        costs.writerWritebackStallSteps = scheduler.writerWritebackStallSteps();
        kernel.setClock(() -> 0); // what follows is seen after the run, at no step
        if (outcome != null) {
            switch (outcome) {
                case DEADLOCK -> kernel.violate(Property.NO_DEADLOCK, "no actor runnable; asleep: " + describeStuck());
                case BUDGET_EXHAUSTED -> kernel.violate(Property.TERMINATES, "still running after " + budget + " steps");
                case COMPLETED -> {
                    checkAfterQuiesce();
                    written.checkAfterRun();
                }
                case STOPPED -> { } // cut short by the search: not a run to judge
            }
        }
        return new RunResult(scenario, strategyId, scheduler.taken(), trace, judged(kernel.violations()),
                List.copyOf(kernel.syscalls()), costs, crash, kernel.coverage());
    }

    /**
     * The violations the run is judged by. With a faulty component ({@code faults=}) a run answers
     * one question, whether the integrity check still catches corruption: only
     * {@link Property#NO_SILENT_CORRUPTION} counts, since a fault that fired may rightly cost a
     * write ({@code DURABLE}) or a readable block ({@code READABLE}), and what a fix costs is the
     * fault-free runs' question. The kernel keeps every violation for a test to read.
     */
    private List<dev.stablewrites.core.property.Violation> judged(List<dev.stablewrites.core.property.Violation> all) {
        if (g.faults() == FaultKind.NONE) {
            return List.copyOf(all);
        }
        return all.stream().filter(v -> v.property() == Property.NO_SILENT_CORRUPTION).toList();
    }

    private String describeStuck() {
        StringBuilder sb = new StringBuilder();
        for (Actor a : scheduler.stuck()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(a.id()).append(" on ")
                    .append(a.sleepingOn() == null ? "nothing (dead)" : a.sleepingOn().name());
        }
        return sb.toString();
    }

    /**
     * {@code DURABLE} and {@code READABLE} after the quiesce: every leg holds the page's last contents
     * and every block's tuple verifies. A strategy that never writes fails here.
     */
    private void checkAfterQuiesce() {
        if (actor('Q').dead()) {
            return; // the oops already failed the run; the media says nothing more
        }
        long lba0 = dataSector / (g.interval() / 512);
        // Bytes past i_size are not the file's: nothing promises they reach the media, and no read sees them.
        int blocks = mapping == null ? g.intervalsPerPage()
                : (int) Math.min(g.intervalsPerPage(), (mapping.size() + g.interval() - 1) / g.interval());
        int lastBytes = mapping == null || mapping.size() >= g.pageSize() ? g.interval()
                : (int) (mapping.size() - (long) (blocks - 1) * g.interval());
        for (Disk leg : kernel.device().legs()) {
            Media media = leg.media();
            for (int i = 0; i < blocks; i++) {
                long lba = lba0 + i;
                int len = i == blocks - 1 ? lastBytes : g.interval();
                if (!media.dataEquals(lba, dataPage.data(), i * g.interval(), len)) {
                    kernel.violate(Property.DURABLE, "after the quiesce, lba " + lba + " on " + leg.actor().name()
                            + " differs from the last contents of " + dataPage);
                    break;
                }
                if (!kernel.verifyOnMedia(media, lba)) {
                    kernel.violate(Property.DURABLE, "after the quiesce, lba " + lba + " on " + leg.actor().name()
                            + " does not verify against its " + g.integrity().id() + " tuple");
                    kernel.violate(Property.READABLE, "lba " + lba + " fails its checksum on read");
                    break;
                }
            }
        }
    }

    private TraceEvent event(int n, Actor actor, Step step, StepResult result) {
        String note = actor.takeNote();
        String detail = note != null ? note : (actor.dead() ? "oops: task killed" : "");
        // A bounce copy has no flags or mappings of its own: the reader follows the scenario's page.
        // Nor do the journal's own descriptor and commit blocks, which no one else touches.
        Page page = step.page() != null && !(step.page().owner() instanceof PageOwner.Bounce)
                && (step.page() == dataPage || !(step.page().owner() instanceof PageOwner.KernelBuffer))
                ? step.page() : dataPage;
        return new TraceEvent(n, actor.id(), actor.name(), step.function(), detail, pageState(page));
    }

    /** The page's flags, every PTE that maps it, and its direct-map entry. */
    private String pageState(Page page) {
        StringBuilder sb = new StringBuilder(page.flagString());
        for (Pte pte : page.rmap()) {
            sb.append(" pte ").append(pte);
        }
        if (page.buffers() != null) {
            sb.append(' ').append(page.buffers().flagString());
        }
        sb.append(" dmap ").append(kernel.directMap().readOnly(page) ? "ro" : "rw");
        if (page.mapping() != null && page.mapping().size() != (long) page.mapping().nrPages() * g.pageSize()) {
            sb.append(String.format(" i_size 0x%x", page.mapping().size()));
        }
        return sb.toString();
    }

    /** Feeds an actor its scenario operations, one at a time. */
    private static final class OpSource implements WorkSource {
        private final Operations ops;
        private final Mm mm;
        private final List<Op> list;
        private int next;

        OpSource(Operations ops, Mm mm, List<Op> list) {
            this.ops = ops;
            this.mm = mm;
            this.list = list;
        }

        @Override
        public boolean ready() {
            return next < list.size();
        }

        @Override
        public boolean exhausted() {
            return next >= list.size();
        }

        @Override
        public void loadNext(Actor actor) {
            actor.pushFront(ops.stepsOf(list.get(next++), mm));
        }
    }

    /** The quiesce's source: ready only once every writer and syncer is finished. */
    private final class QuiesceSource implements WorkSource {
        private final OpSource inner;

        QuiesceSource(OpSource inner) {
            this.inner = inner;
        }

        @Override
        public boolean ready() {
            if (!inner.ready()) {
                return false;
            }
            for (Actor a : actors) {
                if ((a.kind() == Actor.Kind.WRITER || a.kind() == Actor.Kind.SYNCER) && !a.finished()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean exhausted() {
            return inner.exhausted();
        }

        @Override
        public void loadNext(Actor actor) {
            inner.loadNext(actor);
        }
    }

}
