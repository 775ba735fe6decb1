package dev.stablewrites.core.scenario;

import dev.stablewrites.core.sched.Actor;
import java.util.EnumSet;
import java.util.Set;

/** The part an actor plays in a scenario: which operations it may perform. */
public enum Role {
    /** A process storing through its shared mapping of the file page. */
    MMAP_WRITER("mmap writer", Actor.Kind.WRITER, EnumSet.of(OpType.STORE)),
    /** A process doing buffered {@code write()} calls to the file page. */
    WRITER("write() caller", Actor.Kind.WRITER, EnumSet.of(OpType.WRITE)),
    /** A process calling fsync, or the background flusher. */
    SYNCER("fsync caller", Actor.Kind.SYNCER, EnumSet.of(OpType.FSYNC, OpType.FLUSH)),
    /** A thread issuing O_DIRECT writes of its process's buffer. */
    DIO_WRITER("O_DIRECT writer", Actor.Kind.SYNCER, EnumSet.of(OpType.DIO)),
    /** Another thread of that process, storing to the same buffer. */
    BUFFER_WRITER("buffer writer (same process)", Actor.Kind.WRITER, EnumSet.of(OpType.STORE)),
    /** The jbd2 thread: commits the running transaction, checkpoints logged buffers. */
    JOURNAL_COMMIT("jbd2 commit", Actor.Kind.SYNCER, EnumSet.of(OpType.COMMIT, OpType.CHECKPOINT)),
    /** ext3's kjournald: commits the running transaction, writing its ordered data first. */
    KJOURNALD("kjournald (ext3 data=ordered)", Actor.Kind.SYNCER, EnumSet.of(OpType.COMMIT)),
    /** The filesystem updating journalled metadata. */
    JOURNAL_UPDATER("metadata updater", Actor.Kind.WRITER, EnumSet.of(OpType.UPDATE));

    private final String title;
    private final Actor.Kind kind;
    private final Set<OpType> ops;

    Role(String title, Actor.Kind kind, Set<OpType> ops) {
        this.title = title;
        this.kind = kind;
        this.ops = ops;
    }

    public String title() {
        return title;
    }

    public Actor.Kind kind() {
        return kind;
    }

    /** The operations this role may perform. */
    public Set<OpType> ops() {
        return ops;
    }
}
