package dev.stablewrites.core.scenario;

/** The operations an actor of a scenario performs, each one system call or user action. */
public enum OpType {
    /** A user store through the actor's mapping of the page (may take a write fault). */
    STORE("store", true),
    /** A buffered {@code write()} into the file page. */
    WRITE("write", true),
    /** The filesystem updating the journalled metadata buffer through the direct map. */
    UPDATE("update", true),
    /** {@code fsync()} of the file: writeback with {@code WB_SYNC_ALL}, wait, report errors. */
    FSYNC("fsync", false),
    /** One background flusher pass ({@code WB_SYNC_NONE}): skips pages under writeback. */
    FLUSH("flush", false),
    /** An O_DIRECT {@code pwrite()} of the user buffer to the file. */
    DIO("dio", false),
    /** A journal commit: jbd2 logging the metadata buffer, or ext3's kjournald writing ordered data. */
    COMMIT("commit", false),
    /** A jbd2 checkpoint: the logged metadata buffer written to its home block. */
    CHECKPOINT("checkpoint", false);

    private final String word;
    private final boolean writesData;

    OpType(String word, boolean writesData) {
        this.word = word;
        this.writesData = writesData;
    }

    /** The word used in a scenario's line. */
    public String word() {
        return word;
    }

    /** Whether the operation changes bytes (and so carries an offset, a length and a value). */
    public boolean writesData() {
        return writesData;
    }

    static OpType byWord(String word) {
        for (OpType t : values()) {
            if (t.word.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
