package dev.stablewrites.core.scenario;

import dev.stablewrites.core.fault.FaultKind;
import dev.stablewrites.core.integrity.Integrity;

/**
 * Sizes, hardware and kernel-model options of a scenario: page size, integrity interval, integrity
 * profile, device, how jbd2 releases a logged buffer, the file's size when the run starts,
 * which component is faulty ({@code faults=}, {@link FaultKind#NONE} by default), and where RAID1
 * generates its tuples ({@code raid1-integrity=}, {@link Raid1Integrity#MASTER} by default).
 *
 * @param fileSize the file's {@code i_size} at the start, 0 to the page size; below the page size a
 *                 {@code write} past it extends the file (and, from 0, allocates its block)
 * @param raid1Integrity whether md RAID1 generates tuples once for the master bio or per leg;
 *                 {@link Raid1Integrity#PER_LEG} only with {@link DeviceKind#RAID1}
 * @throws IllegalArgumentException (from the constructor) with a one-line message for impossible sizes
 */
public record Geometry(int pageSize, int interval, Integrity integrity, DeviceKind device, Jbd2Mode jbd2,
                       int fileSize, FaultKind faults, StableWrites stableWrites, Raid1Integrity raid1Integrity) {
    public static final int DEFAULT_PAGE_SIZE = 4096;
    public static final int DEFAULT_INTERVAL = 512;
    public static final Geometry DEFAULT =
            new Geometry(DEFAULT_PAGE_SIZE, DEFAULT_INTERVAL, Integrity.T10_DIF_TYPE1, DeviceKind.DISK);

    /** A geometry with the default kernel options (jbd2 as 3.11+, the file one whole page long), no faulty component. */
    public Geometry(int pageSize, int interval, Integrity integrity, DeviceKind device) {
        this(pageSize, interval, integrity, device, Jbd2Mode.SHADOW_WAIT, pageSize, FaultKind.NONE, StableWrites.AUTO,
                Raid1Integrity.MASTER);
    }

    /** A geometry whose RAID1, if any, generates integrity once for the master bio (Linux 2.6/3.x). */
    public Geometry(int pageSize, int interval, Integrity integrity, DeviceKind device, Jbd2Mode jbd2,
                    int fileSize, FaultKind faults) {
        this(pageSize, interval, integrity, device, jbd2, fileSize, faults, StableWrites.AUTO, Raid1Integrity.MASTER);
    }

    public Geometry {
        if (faults == null) {
            throw new IllegalArgumentException("faults= needs a kind; valid: " + FaultKind.validIds());
        }
        if (raid1Integrity == null) {
            throw new IllegalArgumentException("raid1-integrity= needs a mode; valid: " + Raid1Integrity.validIds());
        }
        if (raid1Integrity != Raid1Integrity.MASTER && device != DeviceKind.RAID1) {
            throw new IllegalArgumentException(raid1Only(device));
        }
        if (interval != 512 && interval != 4096) {
            throw new IllegalArgumentException("impossible size: interval=" + interval
                    + ": an integrity interval is 512 or 4096 bytes");
        }
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("impossible size: page=" + pageSize
                    + ": a page is a power of two from 512 to 65536 bytes");
        }
        if (pageSize % interval != 0) {
            throw new IllegalArgumentException("impossible size: page=" + pageSize + " is not a multiple of interval="
                    + interval);
        }
        if (fileSize < 0 || fileSize > pageSize) {
            throw new IllegalArgumentException("impossible size: size=" + fileSize + ": the file starts with 0 to "
                    + pageSize + " bytes (one page)");
        }
    }

    /** The same geometry with the file starting {@code size} bytes long. */
    public Geometry withFileSize(int size) {
        return new Geometry(pageSize, interval, integrity, device, jbd2, size, faults, stableWrites, raid1Integrity);
    }

    /** The same geometry with another integrity profile. */
    public Geometry withIntegrity(Integrity other) {
        return new Geometry(pageSize, interval, other, device, jbd2, fileSize, faults, stableWrites, raid1Integrity);
    }

    /** The same geometry with another faulty component. */
    public Geometry withFaults(FaultKind kind) {
        return new Geometry(pageSize, interval, integrity, device, jbd2, fileSize, kind, stableWrites, raid1Integrity);
    }

    /** Whether the device or filesystem requires stable pages here ({@link StableWrites#required}). */
    public boolean stableWritesRequired() {
        return stableWrites.required(integrity);
    }

    /** The same geometry with RAID1 generating its tuples {@code mode}; per leg needs {@code device=raid1}. */
    public Geometry withRaid1Integrity(Raid1Integrity mode) {
        return new Geometry(pageSize, interval, integrity, device, jbd2, fileSize, faults, stableWrites, mode);
    }

    /** The one-line error for {@code raid1-integrity=} on a device without mirror legs. */
    static String raid1Only(DeviceKind device) {
        return "raid1-integrity= says where md RAID1 generates its tuples; device=" + device.id()
                + " has no mirror legs (use device=raid1)";
    }

    /** Integrity intervals (logical blocks) per page. */
    public int intervalsPerPage() {
        return pageSize / interval;
    }

    /** The options that differ from the default, as they appear in a scenario line. */
    String options() {
        StringBuilder sb = new StringBuilder();
        if (pageSize != DEFAULT.pageSize) {
            sb.append(" page=").append(pageSize);
        }
        if (interval != DEFAULT.interval) {
            sb.append(" interval=").append(interval);
        }
        if (integrity != DEFAULT.integrity) {
            sb.append(" integrity=").append(integrity.id());
        }
        if (device != DEFAULT.device) {
            sb.append(" device=").append(device.id());
        }
        if (jbd2 != DEFAULT.jbd2) {
            sb.append(" jbd2=").append(jbd2.id());
        }
        if (fileSize != pageSize) {
            sb.append(" size=").append(fileSize);
        }
        if (stableWrites != StableWrites.AUTO) {
            sb.append(" stable-writes=").append(stableWrites.id());
        }
        if (faults != FaultKind.NONE) {
            sb.append(" faults=").append(faults.id());
        }
        if (raid1Integrity != Raid1Integrity.MASTER) {
            sb.append(" raid1-integrity=").append(raid1Integrity.id());
        }
        return sb.toString();
    }
}
