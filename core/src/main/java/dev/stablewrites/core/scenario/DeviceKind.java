package dev.stablewrites.core.scenario;

/** The block device under the file: one disk, or an md RAID1 pair. */
public enum DeviceKind {
    DISK("disk"),
    RAID1("raid1");

    private final String id;

    DeviceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static DeviceKind byId(String id) {
        for (DeviceKind d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        return null;
    }
}
