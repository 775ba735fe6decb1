package dev.stablewrites.core.scenario;

import java.util.List;

/**
 * The scenarios of docs/model.md §5, by stable id: which actors take part, in which role and process,
 * what each does by default, and what the final quiesce does.
 */
public enum ScenarioKind {
    BUFFERED_WRITE("buffered-write", "a writer doing write() calls to a file page; an fsync caller",
            OpType.FSYNC,
            new Slot('A', Role.WRITER, 1, "write@0x100+8=0x11 write@0x100+8=0x22"),
            new Slot('B', Role.SYNCER, 2, "fsync")),
    MMAP("mmap", "a writer storing through a shared mapping of the file page; an fsync caller (the seed)",
            OpType.FSYNC,
            new Slot('A', Role.MMAP_WRITER, 1, "store@0x100+8=0x11 store@0x100+8=0x22"),
            new Slot('B', Role.SYNCER, 2, "fsync")),
    MMAP_2PROC("mmap-2proc", "two processes storing through their own mappings of the same page; an fsync caller",
            OpType.FSYNC,
            new Slot('A', Role.MMAP_WRITER, 1, "store@0x100+8=0x11 store@0x100+8=0x22"),
            new Slot('B', Role.SYNCER, 2, "fsync"),
            new Slot('C', Role.MMAP_WRITER, 3, "store@0x1c0+8=0x33 store@0x1c0+8=0x44")),
    ODIRECT("odirect", "an O_DIRECT writer of a user buffer; a second thread of the same process storing to it",
            OpType.DIO,
            new Slot('A', Role.DIO_WRITER, 1, "dio"),
            new Slot('B', Role.BUFFER_WRITER, 1, "store@0x100+8=0x11 store@0x100+8=0x22")),
    JOURNAL("journal", "jbd2 committing a metadata buffer to the log and checkpointing it; the filesystem "
            + "updating that buffer", List.of(OpType.COMMIT, OpType.CHECKPOINT),
            new Slot('A', Role.JOURNAL_UPDATER, 0, "update@0x100+8=0x11 update@0x100+8=0x22"),
            new Slot('J', Role.JOURNAL_COMMIT, 0, "commit checkpoint")),
    EXT3_ORDERED("ext3-ordered", "ext3 data=ordered: kjournald writes the file's data page with submit_bh; a "
            + "write() caller, an mmap writer in another process, an fsync caller", List.of(OpType.FSYNC),
            new Slot('A', Role.WRITER, 1, "write@0x100+8=0x11 write@0x100+8=0x22"),
            new Slot('B', Role.SYNCER, 2, "fsync"),
            new Slot('C', Role.MMAP_WRITER, 3, "store@0x1c0+8=0x33 store@0x1c0+8=0x44"),
            new Slot('J', Role.KJOURNALD, 0, "commit"));

    /**
     * One actor of the scenario.
     *
     * @param id         its id in schedules and traces
     * @param role       what it does
     * @param pid        its process (threads of one process share one page table); 0 for kernel threads
     * @param defaultOps its operations in the kind's default instance
     */
    public record Slot(char id, Role role, int pid, String defaultOps) {
    }

    private final String id;
    private final String description;
    private final List<OpType> quiesce;
    private final List<Slot> slots;

    ScenarioKind(String id, String description, OpType quiesce, Slot... slots) {
        this(id, description, List.of(quiesce), slots);
    }

    ScenarioKind(String id, String description, List<OpType> quiesce, Slot... slots) {
        this.id = id;
        this.description = description;
        this.quiesce = quiesce;
        this.slots = List.of(slots);
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** What the final quiesce does first, with no concurrent writer: an fsync, a direct write or a commit. */
    public OpType quiesce() {
        return quiesce.get(0);
    }

    /** Everything the final quiesce does, in order (jbd2: commit, then checkpoint to the home block). */
    public List<OpType> quiesceOps() {
        return quiesce;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** Whether the data lives in the page cache (as opposed to a user buffer or a journal buffer). */
    public boolean usesPageCache() {
        return quiesce() == OpType.FSYNC;
    }

    public static ScenarioKind byId(String id) {
        for (ScenarioKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The ids, comma-separated, for error messages. */
    public static String validIds() {
        StringBuilder sb = new StringBuilder();
        for (ScenarioKind k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.id);
        }
        return sb.toString();
    }
}
