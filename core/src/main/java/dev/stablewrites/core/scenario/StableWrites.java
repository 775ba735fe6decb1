package dev.stablewrites.core.scenario;

import dev.stablewrites.core.integrity.Integrity;

/**
 * Whether the device (or the filesystem) requires stable pages, the option {@code stable-writes=}:
 * Linux 3.9's {@code BDI_CAP_STABLE_WRITES} (commit 1d1d1a767206), {@code QUEUE_FLAG_STABLE_WRITES}
 * plus {@code SB_I_STABLE_WRITES} in 5.10, {@code BLK_FEAT_STABLE_WRITES} in 6.11. The conditional
 * fixes (3.9's {@code wait_for_stable_page}, ext3's {@code BIO_SNAP_STABLE}, 7.0's O_DIRECT bounce)
 * act only where it is set.
 */
public enum StableWrites {
    /**
     * Set when someone checks the data against a checksum made at submit: a PI device
     * ({@code blk_integrity_register} sets it) or a filesystem that checksums data (btrfs sets
     * {@code AS_STABLE_WRITES}); not for {@code integrity=none}.
     */
    AUTO("auto"),
    ON("on"),
    OFF("off");

    private final String id;

    StableWrites(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether stable writes are required with {@code integrity}. */
    public boolean required(Integrity integrity) {
        return switch (this) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> integrity != Integrity.NONE;
        };
    }

    static StableWrites byId(String id) {
        for (StableWrites s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
