package dev.stablewrites.core.fault;

/**
 * Which component the fault actor {@code F} breaks, chosen by a scenario's {@code faults=} option.
 * Each kind fires once, at a moment the schedule chooses, and only where it can matter: the three
 * in-flight kinds while a bio is between {@code submit_bio} and {@code bio_endio}, the media kind
 * after a write has completed.
 */
public enum FaultKind {
    /** No fault actor: every run is as it was before faults existed. */
    NONE("none", "no fault actor"),
    /**
     * One bit of a page of the bio flips after its tuples were generated: bad memory or a wild
     * DMA. No PTE, no direct map, no kernel code is involved, so nothing can stop it; only a
     * checksum can find it.
     */
    FLIP("flip", "a bit of a page of the bio flips after its tuples were generated (bad memory, a wild DMA)"),
    /**
     * A buggy driver writes one byte through the kernel's direct map of the scenario's page while
     * a bio of it is in flight: a read-only direct map ({@code set_memory_ro}) turns it into an
     * oops of the driver, which was part of that idea's appeal.
     */
    STRAY("stray", "a buggy driver writes a byte of the page through the direct map while a bio of it is in flight"),
    /**
     * The device receives one interval with a bit flipped on the wire (HBA, cable, controller):
     * memory holds the right bytes.
     */
    WIRE("wire", "the next interval the disk receives has a bit flipped on the wire; memory is intact"),
    /**
     * One bit of a block flips on the media after a write completed: only a read that verifies a
     * checksum can find it.
     */
    MEDIA("media", "a bit of a written block flips on the media after a write completed");

    private final String id;
    private final String description;

    FaultKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The value of {@code faults=} that names this kind. */
    public String id() {
        return id;
    }

    /** What the fault does, in one line. */
    public String description() {
        return description;
    }

    /** The kind named {@code id}, or null. */
    public static FaultKind byId(String id) {
        for (FaultKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** Every id, for an error message. */
    public static String validIds() {
        StringBuilder sb = new StringBuilder();
        for (FaultKind k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.id);
        }
        return sb.toString();
    }
}
