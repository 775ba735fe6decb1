package dev.stablewrites.core.timed;

import dev.stablewrites.core.block.BlockDevice;
import dev.stablewrites.core.block.CfqFifo;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.block.Media;
import dev.stablewrites.core.block.Raid1;
import dev.stablewrites.core.block.ReadRequest;
import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.kernel.Syscalls;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.BufferHead;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.scenario.Geometry;
import dev.stablewrites.core.scenario.Raid1Integrity;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Scheduler;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WaitQueue;
import dev.stablewrites.core.sched.WorkSource;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.core.strategy.StrategyException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The first drive's completion interrupt (NCQ with a write cache); the second leg's is the next id. */
    private static final char DRIVE_IRQ_ID = '\uFFE0';
    private int threadsDone;
    /** ext2's allocation: which pages of each file have a block on disk (null: all of them). */
    private final BitSet[] allocated;
    /** Metadata blocks in the buffer cache (read once, never evicted: estimate, see {@link Ext2Layout}). */
    private final Set<Long> metadataCached = new HashSet<>();
    /** Metadata blocks being read, each with the queue its readers sleep on ({@code wait_on_buffer}). */
    private final Map<Long, WaitQueue> metadataReading = new HashMap<>();
    private long metadataReads;
    /**
     * Per file, whether its inode is dirty for {@code fsync} ({@code I_DIRTY_SYNC}/{@code I_DIRTY_DATASYNC}:
     * a new file, a size or a second's mtime changed) and the second of its mtime.
     */
    private final boolean[] inodeDirty;
    private final long[] mtimeSecond;
    /** Per file, {@code inode->i_mutex}: who holds it (null: free) and its waiters, first come first. */
    private final Actor[] iMutexOwner;
    private final java.util.List<java.util.ArrayDeque<Actor>> iMutexWaiters = new ArrayList<>();
    /** Each waiter sleeps on a queue of its own, so an unlock wakes the first waiter and no other. */
    private final Map<Long, WaitQueue> iMutexSleep = new HashMap<>();
    /**
     * The inode-table block the files' inodes share (dbench: its temporary files'), and where it is on
     * the disk; null for a workload whose syncs write no inode.
     */
    private Page inodeTable;
    private long inodeTableSector;
    /**
     * dbench: per client, the indirect block of its temporary file, and where they are. estimate: one
     * block per file; a file past 1,036 pages (4 MiB and 48 KiB) would dirty a second one and the
     * double-indirect block too.
     */
    private Page[] indirect;
    private long indirectSector;
    /** Writes submitted by {@code sync_dirty_buffer}: indirect blocks, inode-table blocks. */
    private long indirectWrites;
    /** Indirect blocks {@code write_boundary_block} wrote in writeback, merged with the data's request. */
    private long boundaryWrites;
    private long inodeWrites;
    /** {@code sync_inode_metadata} calls that found the inode dirty (each may find its block written already). */
    private long inodeSyncs;
    /** Per file, when its inode was dirtied ({@code inode->dirtied_when}); NaN while it is clean. */
    private final double[] dirtiedWhen;
    /** Files the flusher's current pass made no progress on (every dirty page already under writeback). */
    private final BitSet passSkips = new BitSet();
    private final WaitQueue throttle =
            new WaitQueue("balance_dirty_pages (dirty pages above vm.dirty_ratio)");
    private long throttles;
    /** Each leg's CFQ, for what it did (slices, expiries) in the result. */
    private final List<CfqFifo> cfqs = new ArrayList<>();
    private final long backgroundThresh;
    private final long dirtyThresh;
    private final int chunkPages;
    /** Bytes the workload's write operations wrote (not its syncs, not the O_DIRECT buffers' rewrites). */
    private long workloadBytes;

    public TimedSimulation(Workload w, Geometry g, CostModel m, String strategyId, Strategy strategy) {
        if (w.pageSize() != g.pageSize()) {
            throw new IllegalArgumentException("the workload's pages are " + w.pageSize() + " bytes, the geometry's "
                    + g.pageSize());
        }
        this.w = w;
        this.g = g;
        m = m.forWorkload(w.kind());
        this.m = m;
        this.strategyId = strategyId;
        this.kernel = new Kernel(g.pageSize(), g.interval(), g.integrity(), strategy, costs);
        this.kernel.setStableWrites(g.stableWritesRequired());
        this.kernel.recordSyscalls(false);
        this.kernel.setNrRequests(m.nrRequests());
        this.sectorsPerPage = g.pageSize() / 512;
        kernel.attachDevice(buildDevice((w.pages() + metadataPages(w)) * g.intervalsPerPage()));
        if (metadataPages(w) > 0) {
            inodeTable = kernel.allocPage(new PageOwner.KernelBuffer("inode table"));
            inodeTable.attachBuffers();
            inodeTableSector = (long) w.pages() * sectorsPerPage;
        }
        if (w.kind() == WorkloadKind.DBENCH) {
            indirect = new Page[w.threads()];
            for (int t = 0; t < indirect.length; t++) {
                indirect[t] = kernel.allocPage(new PageOwner.KernelBuffer("indirect block of client " + t + "'s temporary file"));
                indirect[t].attachBuffers();
            }
            indirectSector = inodeTableSector + sectorsPerPage;
        }
        if (g.raid1Integrity() == Raid1Integrity.PER_LEG) {
            kernel.generateIntegrityPerLeg();
        }
        backgroundThresh = m.vm().backgroundThreshPages(g.pageSize());
        dirtyThresh = m.vm().dirtyThreshPages(g.pageSize());
        chunkPages = writebackChunkSize(m, g.pageSize(), dirtyThresh);
        kernel.setOnEndPageWriteback(this::writebackProgress);
        int files = w.files();
        this.allocated = new BitSet[files];
        this.dirtiedWhen = new double[files];
        this.inodeDirty = new boolean[files];
        this.mtimeSecond = new long[files];
        this.iMutexOwner = new Actor[files];
        for (int f = 0; f < files; f++) {
            iMutexWaiters.add(new java.util.ArrayDeque<>());
        }
        java.util.Arrays.fill(dirtiedWhen, Double.NaN);
        this.mappings = new AddressSpace[files];
        this.firstPage = new int[files];
        this.filePages = new int[files];
        int per = w.pages() / files;
        layOutDbench(files);
        for (int f = 0; f < files; f++) {
            if (w.kind() != WorkloadKind.DBENCH) {
                firstPage[f] = f * per;
                filePages[f] = f == files - 1 ? w.pages() - f * per : per;
            }
            if (!w.kind().direct()) {
                Page[] pages = new Page[filePages[f]];
                for (int i = 0; i < pages.length; i++) {
                    pages[i] = kernel.allocPage(new PageOwner.PageCache("f" + f, i));
                }
                mappings[f] = new AddressSpace("f" + f, pages, (long) firstPage[f] * sectorsPerPage);
                int file = f;
                mappings[f].setOnFirstDirty(() -> markInodeDirty(file));
                mappings[f].setOnWriteFault(() -> touchMtime(file));
            }
            if (w.kind() == WorkloadKind.DBENCH) {
                allocated[f] = new BitSet();
                if (f % DbenchLoadfile.FILES_PER_CLIENT < DbenchLoadfile.KEPT_BYTES.length) {
                    allocated[f].set(0, filePages[f]); // a kept file: written in full before the run
                } else {
                    mappings[f].setSize(0); // the temporary file: created empty, every append allocates
                    inodeDirty[f] = true; // ext2_new_inode: mark_inode_dirty
                }
            }
        }
        if (w.kind() == WorkloadKind.DBENCH) {
            kernel.setWriteBoundary(this::writeBoundaryBlock);
        }
        buildThreads();
    }

    /**
     * {@code write_boundary_block} after mpage writeback adds page {@code index} of {@code mapping} to its
     * bio (fs/mpage.c, 3.8): {@code ext2_get_blocks} marks the last block an inode maps directly
     * (block 11: {@code count > blocks_to_boundary}) a boundary, so mpage submits the bio and writes the
     * block after it if its buffer is dirty and unlocked ({@code ll_rw_block(WRITE)}: "bblock + 1 is
     * probably a dirty indirect block ... so that indirects merge nicely with their data").
     * {@code ext2_alloc_blocks} allocates an indirect block just before the first data block it maps, so
     * for a temporary file grown past 12 blocks the block after block 11 is its indirect block
     * (estimate: {@code ext2_find_goal} continues from the file's last block). That write is plain
     * {@code WRITE}, contiguous with the data bio just submitted and the next one, and the plug
     * ({@code mpage_writepages}' {@code blk_start_plug}; {@code blk_queue_bio}'s back-merge) makes the
     * three one request. The model has no request merging and keeps the indirect block in its metadata
     * area, so it cleans the buffer here and lets the data's request carry it: no request, seek or CFQ
     * decision of its own, its 4 KiB of transfer left out; an {@code fsync} waits for it with its data.
     */
    private List<Step> writeBoundaryBlock(AddressSpace mapping, int index) {
        if (index != Ext2Layout.DIRECT_BLOCKS - 1) {
            return List.of();
        }
        for (int f = 0; f < mappings.length; f++) {
            if (mappings[f] == mapping && writesIndirectAfter(f, index, allocated[f])) {
                BufferHead ind = indirect[clientOf(f)].buffers();
                return List.of(Step.silent("write_boundary_block", self -> {
                    if (ind.dirty() && !ind.locked()) {
                        ind.setDirty(false); // ll_rw_block: trylock_buffer, test_clear_buffer_dirty; merged with the data
                        boundaryWrites++;
                    }
                    return StepResult.DONE;
                }));
            }
        }
        return List.of();
    }

    /**
     * dbench's files: per client its three kept files and its temporary file ({@link DbenchLoadfile}),
     * each client with an equal share of the working set.
     */
    private void layOutDbench(int files) {
        if (w.kind() != WorkloadKind.DBENCH) {
            return;
        }
        int per = DbenchLoadfile.FILES_PER_CLIENT;
        if (files != w.threads() * per || w.pages() < w.threads() * 2 * per) {
            throw new IllegalArgumentException("a dbench working set of " + w.pages() + " pages is too small for "
                    + w.threads() + " clients: at least " + 2 * per + " pages each");
        }
        int share = w.pages() / w.threads();
        int at = 0;
        for (int t = 0; t < w.threads(); t++) {
            int[] sizes = DbenchLoadfile.layout(t == w.threads() - 1 ? w.pages() - at : share, g.pageSize());
            for (int i = 0; i < per; i++) {
                firstPage[t * per + i] = at;
                filePages[t * per + i] = sizes[i];
                at += sizes[i];
            }
        }
    }

    /**
     * Blocks past the files for the filesystem's own metadata that a timed run writes: the inode-table
     * block of the workloads that {@code fsync} (dbench's Flush, {@code msync}), then for dbench one
     * indirect block per client. estimate: ext2 keeps the inode table in the first blocks of the group
     * and allocates an indirect block just before the data it maps; here both are just past the
     * files, which on a working set of a few MiB is the same short seek.
     */
    private static int metadataPages(Workload w) {
        return switch (w.kind()) {
            case DBENCH -> 1 + w.threads();
            case MMAP_MSYNC, MIX -> 1;
            default -> 0;
        };
    }

    /** The dbench client file {@code f} belongs to (its temporary file's indirect block is the client's). */
    private int clientOf(int f) {
        return f / DbenchLoadfile.FILES_PER_CLIENT;
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
        // CFQ, 3.8's default scheduler, also ages what it sorts: the timed clock says how old a write is.
        CfqFifo cfq = new CfqFifo(m.cfq(), () -> clock.stepStart());
        cfqs.add(cfq);
        d.setCfq(cfq);
        d.setQueueDepth(m.drive().queueDepth());
        actors.add(d.actor());
        if (m.drive().queueDepth() > 1 && m.drive().writeCache()) {
            // NCQ: a write the cache cannot take yet completes later, and the drive goes on meanwhile.
            Actor irq = new Actor((char) (DRIVE_IRQ_ID + legs.size()), name + ": completions the drive held",
                    Actor.Kind.DAEMON);
            actors.add(d.holdCompletions(irq, () -> clock.completionAt()).actor());
        }
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
                case GENERIC_761 -> src = new DioRaceThread(id, t, f, quota, seeds.split());
                case DBENCH -> src = new DbenchClient(id, t, f, quota, seeds.split());
                default -> src = new WriteThread(id, t, f, quota, seeds.split());
            }
            threads.add(src);
            actors.add(src.actor);
            if (src instanceof DirectThread dt) {
                actors.add(dt.sibling());
            }
            if (src instanceof DioRaceThread rt) {
                actors.add(rt.modifier);
            }
        }
        if (w.flushIntervalNs() > 0 && !w.kind().direct()) {
            // The flusher and the final sync sort after every thread, so the scheduler asks each thread
            // whether it is done before asking them whether every thread is.
            flusher = new Actor(FLUSHER_ID, "flusher (bdi writeback: kupdate and background, WB_SYNC_NONE)",
                    Actor.Kind.DAEMON);
            flusher.setSource(new Periodic(this::flusherPass));
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

    // ---- Linux 3.8's writeback: kupdate, background writeback, balance_dirty_pages ----------------

    /**
     * {@code writeback_chunk_size} for {@code WB_SYNC_NONE} in 3.8: half the device's bandwidth a
     * second, at most the dirty limit over {@code DIRTY_SCOPE} (8), plus {@code MIN_WRITEBACK_PAGES},
     * rounded down to a multiple of it. The bandwidth is the preset's (3.8 estimates it as it goes).
     */
    static int writebackChunkSize(CostModel m, int pageSize, long dirtyThresh) {
        long min = m.vm().writebackChunkPages();
        long bwPages = (long) (1e9 / m.deviceNsPerByte() / pageSize);
        long pages = Math.min(bwPages / 2, dirtyThresh / 8);
        return (int) Math.min(Integer.MAX_VALUE, (pages + min) / min * min);
    }

    /** One wakeup of the flusher thread ({@code wb_do_writeback}): kupdate's old inodes, then background work. */
    private List<Step> flusherPass() {
        passSkips.clear();
        List<Step> steps = new ArrayList<>();
        steps.add(clock.opStart(TimedClock.OpClass.OTHER, false));
        steps.add(wbWriteback());
        steps.add(clock.opEnd("schedule_timeout"));
        return steps;
    }

    /**
     * {@code wb_writeback}: picks the next inode, writes one chunk of it, requeues it and comes back,
     * until no inode is expired (kupdate: dirtied more than {@code dirty_expire_centisecs} ago) and
     * the dirty pages are at or below the background threshold.
     */
    private Step wbWriteback() {
        return Step.silent("wb_writeback", self -> {
            double now = clock.stepStart();
            int f = nextInodeToWrite(now);
            if (f < 0) {
                return StepResult.DONE;
            }
            int before = mappings[f].nrDirty();
            List<Step> steps = new ArrayList<>(Syscalls.flush(kernel, mappings[f], chunkPages));
            steps.add(Step.silent("requeue_inode", a -> {
                writeInodeNoSync(f);
                requeueInode(f, before, clock.stepStart());
                return StepResult.DONE;
            }));
            steps.add(wbWriteback());
            self.pushFront(steps);
            return StepResult.DONE;
        });
    }

    /** The oldest expired dirty inode; else, above the background threshold, the oldest dirty one; else -1. */
    int nextInodeToWrite(double now) {
        int oldest = -1;
        for (int f = 0; f < mappings.length; f++) {
            if (mappings[f] != null && mappings[f].nrDirty() > 0 && !passSkips.get(f) && !Double.isNaN(dirtiedWhen[f])
                    && (oldest < 0 || dirtiedWhen[f] < dirtiedWhen[oldest])) {
                oldest = f;
            }
        }
        if (oldest < 0) {
            return -1;
        }
        boolean expired = dirtiedWhen[oldest] <= now - m.vm().dirtyExpireNs();
        return expired || totalDirty() > backgroundThresh ? oldest : -1;
    }

    /**
     * {@code requeue_inode}: clean, it leaves the dirty list; redirtied (or with pages skipped because
     * they were under writeback) within a chunk it did not use up, {@code redirty_tail} makes it
     * young again; otherwise it keeps its age for the next chunk. A chunk that wrote nothing is not
     * tried again in this pass.
     */
    private void requeueInode(int f, int dirtyBefore, double now) {
        int left = mappings[f].nrDirty();
        if (left == 0) {
            dirtiedWhen[f] = Double.NaN;
        } else if (left >= dirtyBefore) {
            passSkips.set(f);
            dirtiedWhen[f] = now;
        } else if (dirtyBefore <= chunkPages) {
            dirtiedWhen[f] = now;
        }
    }

    private long totalDirty() {
        return total(AddressSpace::nrDirty);
    }

    private long totalWriteback() {
        return total(AddressSpace::nrWriteback);
    }

    /** A count summed over every file ({@code global_page_state} of the model's files). */
    private long total(java.util.function.ToIntFunction<AddressSpace> count) {
        long n = 0;
        for (AddressSpace a : mappings) {
            if (a != null) {
                n += count.applyAsInt(a);
            }
        }
        return n;
    }

    /** {@code __mark_inode_dirty}: a clean inode becomes dirty now, at the step dirtying its first page, and its age starts. */
    private void markInodeDirty(int f) {
        if (Double.isNaN(dirtiedWhen[f])) {
            dirtiedWhen[f] = clock.stepStart();
        }
    }

    /**
     * The flusher's {@code write_inode} ({@code WB_SYNC_NONE}) in {@code __writeback_single_inode}:
     * ext2 copies the inode into its inode-table block and marks the buffer dirty, without writing
     * it; the inode is clean, so the next {@code fsync} finds nothing to write for it.
     */
    private void writeInodeNoSync(int f) {
        if (inodeTable != null && inodeDirty[f]) {
            inodeDirty[f] = false;
            inodeTable.buffers().setDirty(true);
        }
    }

    /**
     * {@code mutex_lock(&inode->i_mutex)}: sleeps while another task holds it. 3.8 takes it in
     * {@code generic_file_aio_write} around the whole write (its {@code balance_dirty_pages} and any
     * wait in {@code write_begin} included) and in {@code generic_file_fsync} around the metadata
     * writes; an mmap store and {@code sync_file_range} take none.
     */
    private Step iMutexLock(int f) {
        return Step.of("mutex_lock(i_mutex)", null, self -> {
            java.util.ArrayDeque<Actor> waiters = iMutexWaiters.get(f);
            if (iMutexOwner[f] == self) {
                throw new IllegalStateException(self + " takes the i_mutex of f" + f + " it holds: a deadlock in Linux");
            }
            if (iMutexOwner[f] == null) {
                // Free: taken, by the woken first waiter or by a task just arriving (3.8's fastpath can
                // take an unlocked mutex before the waiter it woke runs).
                waiters.remove(self);
                iMutexOwner[f] = self;
                return StepResult.DONE;
            }
            // __mutex_lock_common adds a waiter to the list once; one that loses the race sleeps again
            // and keeps its place.
            if (!waiters.contains(self)) {
                waiters.addLast(self);
            }
            if (self.tracing()) {
                self.note("sleeps: i_mutex of " + mappings[f].name() + " held by " + iMutexOwner[f].id());
            }
            return iMutexSleep.computeIfAbsent(((long) f << 16) | self.id(), k -> new WaitQueue("i_mutex of f" + f))
                    .sleep(self);
        });
    }

    /** {@code mutex_unlock}: frees {@code i_mutex} and wakes its first waiter (wait_list.next), which takes it if it is still free. */
    private Step iMutexUnlock(int f) {
        return Step.silent("mutex_unlock(i_mutex)", self -> {
            iMutexOwner[f] = null;
            Actor first = iMutexWaiters.get(f).peekFirst();
            if (first != null) {
                iMutexSleep.get(((long) f << 16) | first.id()).wakeOne();
            }
            return StepResult.DONE;
        });
    }

    /**
     * The end of ext2's {@code fsync} (3.8's {@code generic_file_fsync}, fs/libfs.c, after
     * {@code filemap_write_and_wait_range}): {@code sync_mapping_buffers} writes the file's dirty
     * indirect block ({@code fsync_buffers_list}: {@code write_dirty_buffer(bh, WRITE_SYNC)}, then
     * waits), and an inode still dirty is written by
     * {@code sync_inode_metadata} → {@code ext2_write_inode} → {@code __ext2_write_inode} with
     * {@code do_sync}: {@code mark_buffer_dirty} of its inode-table block, then
     * {@code sync_dirty_buffer} ({@code WRITE_SYNC}), and the caller waits for it. The inode's bytes
     * are not modelled (the block keeps its content).
     */
    private List<Step> syncInodeMetadata(int f) {
        List<Step> steps = new ArrayList<>(4);
        steps.add(iMutexLock(f));
        BufferHead ind = indirect == null ? null : indirect[clientOf(f)].buffers();
        steps.add(Step.silent("sync_mapping_buffers", self -> {
            // fsync_buffers_list: the inode's dirty metadata buffers (its indirect block), WRITE_SYNC, waited for
            // (one write_boundary_block cleaned went with the data, which fsync has waited for already)
            if (ind != null && ind.dirty()) {
                self.pushFront(Syscalls.syncDirtyBuffer(kernel, ind, indirectSector + (long) clientOf(f) * sectorsPerPage,
                        "the indirect block of " + mappings[f].name(), () -> indirectWrites++));
            }
            return StepResult.DONE;
        }));
        steps.add(Step.silent("sync_inode_metadata", self -> {
            if (!inodeDirty[f]) {
                return StepResult.DONE;
            }
            inodeDirty[f] = false;
            inodeTable.buffers().setDirty(true);
            inodeSyncs++;
            // Another task's write of the shared block may carry this inode: then the buffer is clean.
            self.pushFront(Syscalls.syncDirtyBuffer(kernel, inodeTable.buffers(), inodeTableSector,
                    "the inode-table block of " + mappings[f].name(), () -> inodeWrites++));
            return StepResult.DONE;
        }));
        steps.add(iMutexUnlock(f));
        return steps;
    }

    /**
     * {@code file_update_time} and {@code i_size_write} of a {@code write()}: the inode is dirty for
     * {@code fsync} when the file grew or its mtime moved to another second (ext2 keeps seconds:
     * {@code s_time_gran} stays 1 s, {@code alloc_super}'s default).
     */
    private Step fileUpdateTime(int f, long[] sizeBefore) {
        return Step.silent("file_update_time", self -> {
            if (mappings[f].size() > sizeBefore[0]) {
                inodeDirty[f] = true;
            }
            touchMtime(f);
            return StepResult.DONE;
        });
    }

    /** {@code file_update_time}: an mtime that moves to another second dirties the inode ({@code mark_inode_dirty_sync}). */
    private void touchMtime(int f) {
        long second = (long) Math.floor(clock.stepStart() / 1e9);
        if (second != mtimeSecond[f]) {
            inodeDirty[f] = true;
            mtimeSecond[f] = second;
            mtimeUpdates++;
        }
    }

    private long mtimeUpdates;

    /** Times {@code file_update_time} moved a file's mtime to another second. */
    long mtimeUpdates() {
        return mtimeUpdates;
    }

    /** After a sync: an inode with no dirty page left is off the dirty list. */
    private Step inodeCleanCheck(int f) {
        return Step.silent("inode clean?", self -> {
            if (mappings[f].nrDirty() == 0) {
                dirtiedWhen[f] = Double.NaN;
            }
            return StepResult.DONE;
        });
    }

    /**
     * {@code balance_dirty_pages} after a write dirtied pages: above the background threshold it
     * starts the flusher ({@code bdi_start_background_writeback}); above {@code vm.dirty_ratio}
     * (dirty plus under writeback) the writer sleeps until writeback brings the count under it. 3.8
     * also pauses writers in proportion between the two thresholds; the model does not.
     */
    private Step balanceDirtyPages() {
        return Step.silent("balance_dirty_pages", self -> {
            long dirty = totalDirty();
            if (dirty > backgroundThresh && flusher != null) {
                clock.kick(flusher, clock.stepStart());
            }
            if (dirty + totalWriteback() > dirtyThresh) {
                throttles++;
                return throttle.sleep(self);
            }
            return StepResult.DONE;
        });
    }

    /** After each {@code end_page_writeback}: throttled writers wake once the count is under the limit. */
    private void writebackProgress() {
        if (throttle.hasSleepers() && totalDirty() + totalWriteback() <= dirtyThresh) {
            throttle.wakeAll();
        }
    }

    // ---- ext2's block allocation -------------------------------------------------------------------

    /**
     * {@code ext2_get_block} with create for a page that has no block yet (an append, or the first
     * write of a hole): the block bitmap of the group it goes in and, past the direct blocks, the
     * indirect block that will map it must be in the buffer cache; one that is not is read with
     * {@code sb_bread} while the writer sleeps. An indirect block made by this allocation is new
     * ({@code sb_getblk}, zeroed), not read. Linux does this inside {@code write_begin}, with the page
     * locked; here it runs just before, which no other task can tell apart (the page is the file's
     * unwritten tail).
     */
    private Step ext2GetBlock(int f, int index) {
        return Step.of("ext2_get_block", mappings[f].page(index), self -> {
            BitSet alloc = allocated[f];
            if (alloc == null || alloc.get(index)) {
                return StepResult.DONE;
            }
            long block = firstPage[f] + index;
            long group = block / Ext2Layout.blocksPerGroup(g.pageSize());
            StepResult r = needMetadata(self, Ext2Layout.bitmapKey(group),
                    group * Ext2Layout.blocksPerGroup(g.pageSize()) * sectorsPerPage, "block bitmap of group " + group);
            if (r == StepResult.SLEEP) {
                return r;
            }
            int range = Ext2Layout.indirectRange(index, g.pageSize());
            if (range >= 0) {
                long key = Ext2Layout.indirectKey(f, range);
                int from = Ext2Layout.firstIndexOfRange(range, g.pageSize());
                int next = alloc.nextSetBit(from);
                boolean exists = next >= 0 && next < from + Ext2Layout.pointersPerBlock(g.pageSize());
                if (exists) {
                    // Read from where fsync writes it (the metadata area), not from a page of the file's data;
                    // only dbench allocates, and it has the indirect blocks.
                    r = needMetadata(self, key, indirectSector + (long) clientOf(f) * sectorsPerPage,
                            "indirect block of " + mappings[f].name());
                    if (r == StepResult.SLEEP) {
                        return r;
                    }
                } else {
                    metadataCached.add(key); // a new indirect block, allocated here: nothing to read
                }
                // ext2_splice_branch: the new pointer is in the indirect block, mark_buffer_dirty_inode
                indirect[clientOf(f)].buffers().setDirty(true);
            }
            alloc.set(index);
            if (self.tracing()) {
                self.note("block allocated for page " + index + " of " + mappings[f].name());
            }
            return StepResult.DONE;
        });
    }

    /** The block is cached: go on. Otherwise read it (or join the read under way) and sleep until it is in. */
    private StepResult needMetadata(Actor self, long key, long sector, String what) {
        if (metadataCached.contains(key)) {
            return StepResult.DONE;
        }
        WaitQueue q = metadataReading.get(key);
        if (q == null) {
            WaitQueue fresh = new WaitQueue("sb_bread of the " + what);
            metadataReading.put(key, fresh);
            metadataReads++;
            legs.get(0).submitRead(new ReadRequest(sector, g.pageSize(), what, () -> {
                metadataCached.add(key);
                metadataReading.remove(key);
                fresh.wakeAll();
            }));
            q = fresh;
        }
        if (self.tracing()) {
            self.note("sb_bread: " + what + " not cached; sleeps until it is read");
        }
        return q.sleep(self);
    }

    private TimedClock.Recorder recorder;

    /** Lets a test see every step the clock charges. */
    TimedSimulation recording(TimedClock.Recorder r) {
        this.recorder = r;
        return this;
    }

    /** The run's disks (a RAID1's legs, or the one disk), for tests. */
    List<Disk> legs() {
        return legs;
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
        if (w.kind() == WorkloadKind.DBENCH) {
            if (w.dbenchWarmupNs() > 0) {
                clock.setWarmupUntil(w.dbenchWarmupNs());
            } else {
                clock.setWarmupWrites(dbenchWarmupWrites(w.ops()));
            }
        }
        for (ThreadSource t : threads) {
            clock.setThink(t.actor, m.thinkNs());
            if (t instanceof DirectThread dt) {
                clock.setThink(dt.sibling(), w.rewriteIntervalNs());
            }
            if (t instanceof DioRaceThread rt) {
                clock.setThink(rt.modifier, Double.POSITIVE_INFINITY); // runs when pthread_create kicks it
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
        boolean completed = outcome.equals("completed");
        long lost = !w.kind().direct() && completed ? lostPages() : -1;
        long unreadable = completed ? unreadableBlocks() : -1;
        long differ = completed && legs.size() == 2 ? mirrorDiffBlocks() : -1;
        List<Violation> v = kernel.violations();
        String first = v.isEmpty() ? null : v.get(0).property() + ": " + v.get(0).message();
        if (outcome.equals("completed") && v.stream().anyMatch(x -> x.property() == Property.NO_OOPS)) {
            outcome = "oops";
        }
        double amplification = workloadBytes == 0 ? 0 : (double) costs.bytesTransferred / workloadBytes;
        return new TimedResult(strategyId, w, outcome, clock.writesDone(), clock.makespan(), clock.writeLatency(),
                clock.writeStall(), clock.syncLatency(), clock.cpuNs(), costs.bouncePagesPeak * g.pageSize(),
                amplification, costs.protectionErrors, kernel.falseEios(), lost, first, costs, clock.wakeups(),
                workloadBytes, unreadable, differ, m.device(), metadataReads, indirectWrites + inodeWrites, throttles,
                cfqs.stream().mapToLong(CfqFifo::slices).sum(), cfqs.stream().mapToLong(CfqFifo::expiredDispatches).sum(),
                clock.writeHits(), legs.stream().mapToLong(Disk::drainWaits).sum(),
                legs.stream().mapToLong(Disk::idlesArmed).sum(), legs.stream().mapToLong(Disk::idlesExpired).sum(),
                boundaryWrites);
    }

    /** File blocks (pages) with a block that fails its stored checksum on some leg: what a read would refuse. */
    private long unreadableBlocks() {
        long n = 0;
        int ipp = g.intervalsPerPage();
        for (int p = 0; p < w.pages(); p++) {
            boolean bad = false;
            for (Disk leg : legs) {
                for (int b = 0; b < ipp && !bad; b++) {
                    bad = !kernel.verifyOnMedia(leg.media(), (long) p * ipp + b);
                }
            }
            if (bad) {
                n++;
            }
        }
        return n;
    }

    /** File blocks (pages) whose bytes differ between the two RAID1 legs (bugzilla 99171's symptom). */
    private long mirrorDiffBlocks() {
        Media a = legs.get(0).media();
        Media b = legs.get(1).media();
        int ipp = g.intervalsPerPage();
        long n = 0;
        for (int p = 0; p < w.pages(); p++) {
            int from = a.dataOffset((long) p * ipp);
            int to = from + g.pageSize();
            if (!java.util.Arrays.equals(a.data(), from, to, b.data(), from, to)) {
                n++;
            }
        }
        return n;
    }

    /** Page-cache pages whose media copy, on some leg, differs from memory or fails its tuple. */
    private long lostPages() {
        long lost = 0;
        int ipp = g.intervalsPerPage();
        for (int f = 0; f < mappings.length; f++) {
            if (mappings[f] == null) {
                continue;
            }
            int inFile = (int) Math.min(filePages[f], (mappings[f].size() + g.pageSize() - 1) / g.pageSize());
            for (int i = 0; i < inFile; i++) {
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
        /** The file of the latest write. */
        int file;

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

    /** {@code write()} into the page cache; syncs with {@code sync_file_range(SYNC_FILE_RANGE_WRITE)}. */
    private final class WriteThread extends ThreadSource {
        WriteThread(char id, int t, int file, long quota, SplittableRandom rnd) {
            super(id, "write() thread " + t, file, quota, rnd);
        }

        @Override
        void addWrite(List<Step> steps) {
            int f = file;
            steps.add(iMutexLock(f));
            steps.add(Step.silent("file_update_time", self -> {
                touchMtime(f); // every write(); an msync of the file (mix) then writes the inode
                return StepResult.DONE;
            }));
            eachPage(nextExtent(), (i, off, len, v, out) -> {
                if (allocated[file] != null) {
                    out.add(ext2GetBlock(file, i));
                }
                out.addAll(Syscalls.write(kernel, mappings[file].page(i), off, len, v));
            }, steps);
            steps.add(balanceDirtyPages()); // generic_perform_write's balance_dirty_pages_ratelimited, under i_mutex
            steps.add(iMutexUnlock(f));
        }

        @Override
        List<Step> sync() {
            List<Step> steps = new ArrayList<>(Syscalls.flush(kernel, mappings[file])); // sync_file_range(SYNC_FILE_RANGE_WRITE)
            steps.add(inodeCleanCheck(file));
            return steps;
        }
    }

    /**
     * dbench's warmup in writes, for a run whose length is a count of writes (a run by time:
     * {@link Workload#dbenchWarmupNs}): {@code dbench.c} runs
     * {@code timelimit / 5} seconds of warmup before the {@code timelimit} it measures, and clears the
     * operation statistics then; the model times the first sixth of the writes as warmup, the same
     * proportion.
     */
    static long dbenchWarmupWrites(long ops) {
        return ops / 6;
    }

    private long unlinks;
    private long flushes;
    private long unlinkWritebackWaits;
    private long dbenchCreates;

    /** dbench's Flush operations begun. */
    long flushes() {
        return flushes;
    }

    /**
     * Whether writing back page {@code index} of dbench file {@code f}, with blocks {@code allocated}, takes
     * its indirect block along: block 11 is the boundary, and only a temporary file allocates (and so
     * dirties) an indirect block; a kept file's was written before the run.
     */
    static boolean writesIndirectAfter(int f, int index, BitSet allocated) {
        return index == Ext2Layout.DIRECT_BLOCKS - 1 && f % DbenchLoadfile.FILES_PER_CLIENT == DbenchLoadfile.KEPT_BYTES.length
                && allocated.nextSetBit(Ext2Layout.DIRECT_BLOCKS) >= 0;
    }

    /** Indirect blocks {@code write_boundary_block} wrote in writeback, merged with the data's request. */
    long boundaryWrites() {
        return boundaryWrites;
    }

    /** Indirect blocks {@code fsync} wrote ({@code sync_mapping_buffers}). */
    long indirectWrites() {
        return indirectWrites;
    }

    /** Inode-table blocks {@code fsync} wrote ({@code sync_inode_metadata} that found the buffer still dirty). */
    long inodeWrites() {
        return inodeWrites;
    }

    /** {@code sync_inode_metadata} calls that found the inode dirty. */
    long inodeSyncs() {
        return inodeSyncs;
    }

    /** Files dbench clients unlinked (each one's page cache truncated and its blocks freed). */
    long unlinks() {
        return unlinks;
    }

    /** Pages an unlink found under writeback and waited for ({@code truncate_inode_pages}). */
    long unlinkWritebackWaits() {
        return unlinkWritebackWaits;
    }

    private long tailAppendsUnderWriteback;

    /**
     * dbench WriteX that appended to a temporary file whose last page, partly written by the write
     * before, was under writeback: the tail page a stable-pages writer must wait for.
     */
    long tailAppendsUnderWriteback() {
        return tailAppendsUnderWriteback;
    }

    /** Times a write operation slept on {@code PG_writeback} in this run (after {@link #run}). */
    long writeWritebackSleeps() {
        return clock.writeWritebackSleeps();
    }

    /** Files dbench clients created. */
    long dbenchCreates() {
        return dbenchCreates;
    }

    /** The file at {@code index} (for tests: its size and pages). */
    AddressSpace file(int index) {
        return mappings[index];
    }

    /**
     * {@code unlink} of the last name of a file nobody holds open: {@code ext2_evict_inode} →
     * {@code truncate_inode_pages} (Linux 3.8's {@code truncate_inode_pages_range}, mm/truncate.c:
     * a first pass drops the pages it can {@code trylock_page} that are not under writeback, a second
     * pass {@code lock_page}s each page left and {@code wait_on_page_writeback}s it before
     * {@code truncate_inode_page} drops it, dirty or not, with {@code cancel_dirty_page}), then
     * {@code ext2_truncate_blocks} frees its blocks. The model runs the second pass's rule on every
     * page, which waits for the same pages. Pages past {@code i_size} hold nothing.
     */
    private List<Step> unlink(int f) {
        AddressSpace a = mappings[f];
        int n = (int) Math.min(filePages[f], (a.size() + g.pageSize() - 1) / g.pageSize());
        List<Step> steps = new ArrayList<>(4 * n + 1);
        for (int i = 0; i < n; i++) {
            Page p = a.page(i);
            steps.add(kernel.lockPageStep(p));
            steps.add(Step.silent("PageWriteback?", self -> {
                if (p.test(Page.PG_WRITEBACK)) {
                    unlinkWritebackWaits++;
                }
                return StepResult.DONE;
            }));
            steps.add(kernel.waitOnPageWritebackStep(p));
            steps.add(Step.of("truncate_inode_page", p, self -> {
                p.clear(Page.PG_DIRTY); // cancel_dirty_page: its data is never written
                if (p.buffers() != null) {
                    p.buffers().setDirty(false);
                }
                java.util.Arrays.fill(p.data(), (byte) 0); // freed; the next file's page starts zeroed
                return StepResult.DONE;
            }));
            steps.add(kernel.unlockPageStep(p));
        }
        steps.add(Step.silent("ext2_truncate_blocks", self -> {
            a.setSize(0);
            allocated[f].clear();
            dirtiedWhen[f] = Double.NaN;
            unlinks++;
            dbenchCreates++; // the loadfile's next NTCreateX (0x2) of a temporary file gets this slot
            inodeDirty[f] = true; // ext2_new_inode of the file created in its place: mark_inode_dirty
            indirect[clientOf(f)].buffers().setDirty(false); // ext2_free_branches: bforget of the freed indirect block
            return StepResult.DONE;
        }));
        return steps;
    }

    /**
     * A dbench client replaying {@link DbenchLoadfile}: before each page-cache operation, the ReadX
     * and other operations the loadfile has there, as CPU time; then a WriteX to a kept file (64 KiB
     * rewritten in place) or to its temporary file (appended, or rewritten from offset 0), a Flush
     * ({@code fsync}) of the temporary file, or an Unlink of it (and a new one created in its place).
     * Only WriteX is timed as a write and counted in the quota.
     */
    private final class DbenchClient extends ThreadSource {
        private final DbenchLoadfile load;
        private final int temp;

        DbenchClient(char id, int t, int firstFile, long quota, SplittableRandom rnd) {
            super(id, "dbench client " + t, firstFile, quota, rnd);
            this.load = new DbenchLoadfile(rnd.split());
            this.temp = firstFile + DbenchLoadfile.KEPT_BYTES.length;
        }

        @Override
        public void loadNext(Actor self) {
            List<Step> steps = new ArrayList<>();
            int[] between = load.between();
            if (between[0] + between[1] > 0) {
                steps.add(clock.opStart(TimedClock.OpClass.OTHER, false));
                steps.add(clock.cpuWork(between[0] + " ReadX and " + between[1] + " other loadfile operations",
                        DbenchLoadfile.betweenNs(m, between[0], between[1])));
            }
            switch (load.nextOp()) {
                case WRITE_KEPT -> {
                    remaining--;
                    file = firstFile + load.keptFile();
                    long bytes = (long) filePages[file] * g.pageSize();
                    long at = load.keptOffset(bytes);
                    steps.add(clock.opStart(TimedClock.OpClass.WRITE, true));
                    addWrite(steps, at, (int) Math.min(DbenchLoadfile.KEPT_WRITE, bytes - at));
                }
                case WRITE_TEMP -> {
                    remaining--;
                    file = temp;
                    long capacity = (long) filePages[temp] * g.pageSize();
                    long size = mappings[temp].size();
                    int len = (int) Math.min(load.tempLength(), capacity);
                    long at = load.tempAppends() ? size : 0;
                    if (at + len > capacity) {
                        at = 0; // estimate: a temporary file that outgrows its slot is rewritten from its start
                    }
                    steps.add(clock.opStart(TimedClock.OpClass.WRITE, true));
                    if (at == size && size % g.pageSize() != 0) {
                        Page tail = mappings[temp].page((int) (size / g.pageSize()));
                        steps.add(Step.silent("tail page under writeback?", a -> {
                            if (tail.test(Page.PG_WRITEBACK)) {
                                tailAppendsUnderWriteback++;
                            }
                            return StepResult.DONE;
                        }));
                    }
                    addWrite(steps, at, len);
                }
                case FLUSH -> {
                    flushes++;
                    steps.add(clock.opStart(TimedClock.OpClass.SYNC, true));
                    steps.addAll(Syscalls.fsync(kernel, mappings[temp]));
                    steps.add(inodeCleanCheck(temp));
                    steps.addAll(syncInodeMetadata(temp));
                }
                case UNLINK -> {
                    steps.add(clock.opStart(TimedClock.OpClass.OTHER, true));
                    steps.addAll(unlink(temp));
                }
            }
            steps.add(clock.opEnd("return to user space"));
            self.pushFront(steps);
        }

        private void addWrite(List<Step> steps, long at, int len) {
            // fileio.c's fio_writex times from before its buffer's calloc(size, 1) (zeroed in user space)
            // to after the pwrite: a memset of the WriteX's bytes, at the copy's speed.
            steps.add(clock.cpuWork("calloc(" + len + ", 1)", len * m.copyNsPerByte()));
            int f = file;
            long[] sizeBefore = new long[1];
            steps.add(iMutexLock(f));
            steps.add(Step.silent("i_size", self -> {
                sizeBefore[0] = mappings[f].size();
                return StepResult.DONE;
            }));
            eachPage(new long[] {at, len}, (i, off, l, v, out) -> {
                out.add(ext2GetBlock(file, i));
                out.addAll(Syscalls.write(kernel, mappings[file].page(i), off, l, v));
            }, steps);
            steps.add(fileUpdateTime(f, sizeBefore));
            steps.add(balanceDirtyPages()); // generic_perform_write's balance_dirty_pages_ratelimited, under i_mutex
            steps.add(iMutexUnlock(f));
        }

        @Override
        void addWrite(List<Step> steps) {
            throw new IllegalStateException("a dbench client writes from its loadfile");
        }

        @Override
        List<Step> sync() {
            return List.of();
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
            // A store that faults moves the mtime (the mapping's write-fault callback); one through a
            // writable PTE runs no kernel code at all.
            eachPage(nextExtent(), (i, off, len, v, out) -> out.add(Syscalls.store(kernel, mm, mappings[file].page(i), off,
                    len, v)), steps);
            steps.add(balanceDirtyPages()); // balance_dirty_pages_ratelimited in the write fault's do_wp_page
        }

        @Override
        List<Step> sync() {
            List<Step> steps = new ArrayList<>(Syscalls.msync(kernel, mappings[file]));
            steps.add(inodeCleanCheck(file));
            steps.addAll(syncInodeMetadata(file)); // msync(MS_SYNC) is vfs_fsync in 3.8 (mm/msync.c): ext2_fsync
            return steps;
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

    /**
     * generic/761's {@code dio-writeback-race}: per block, fill the buffer with 0xff, start the
     * writing thread and then a thread that sets the buffer to 0x00, and join both. The write goes
     * to the next block of the file, in order.
     */
    private final class DioRaceThread extends ThreadSource {
        private final Mm mm;
        private final Page buffer;
        final Actor modifier;
        private boolean modifyPending;
        private int nextBlock;
        private final WaitQueue join =
                new WaitQueue("pthread_join of the modify thread");

        DioRaceThread(char id, int t, int file, long quota, SplittableRandom rnd) {
            super(id, "dio-writeback-race writer " + t, file, quota, rnd);
            this.mm = new Mm(1000 + t);
            this.buffer = kernel.allocPage(new PageOwner.Anon(1000 + t));
            mm.map(buffer, true).makeWritableDirty();
            this.modifier = new Actor((char) (id + 1), "modify thread " + t + " (memset 0x00)", Actor.Kind.WRITER);
            modifier.setSource(new WorkSource() {
                @Override
                public boolean ready() {
                    return modifyPending;
                }

                @Override
                public boolean exhausted() {
                    return done && !modifyPending;
                }

                @Override
                public void loadNext(Actor self) {
                    self.pushFront(clock.opStart(TimedClock.OpClass.OTHER, false),
                            Syscalls.store(kernel, mm, buffer, 0, g.pageSize(), (byte) 0x00),
                            Step.silent("pthread_exit", a -> {
                                modifyPending = false;
                                join.wakeAll();
                                return StepResult.DONE;
                            }),
                            clock.opEnd("pthread_exit"));
                }
            });
        }

        @Override
        void addWrite(List<Step> steps) {
            int page = nextBlock++ % filePages[file];
            steps.add(Syscalls.store(kernel, mm, buffer, 0, g.pageSize(), (byte) 0xff));
            workloadBytes += g.pageSize();
            steps.add(Step.silent("pthread_create", self -> {
                modifyPending = true;
                clock.kick(modifier, clock.stepStart() + w.rewriteIntervalNs());
                return StepResult.DONE;
            }));
            steps.addAll(Syscalls.directWrite(kernel, buffer, (long) (firstPage[file] + page) * sectorsPerPage));
            steps.add(Step.silent("pthread_join", self -> modifyPending ? join.sleep(self) : StepResult.DONE));
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
            return threadsDone < threads.size() && !threadOopsed();
        }

        @Override
        public boolean exhausted() {
            return !ready();
        }

        @Override
        public void loadNext(Actor self) {
            self.pushFront(pass.get());
        }

        /**
         * Whether an oops killed a thread: the run's outcome is decided, and a flusher waking every
         * period would keep a run whose other threads sleep forever on what the dead one held (a page
         * lock) from ever ending.
         */
        private boolean threadOopsed() {
            return !kernel.violations().isEmpty() && threads.stream().anyMatch(t -> t.actor.finished() && !t.done);
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
