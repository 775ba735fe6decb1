package dev.stablewrites.core.property;

/** The properties every run is checked against (docs/model.md §6), by their stable ids. */
public enum Property {
    NO_FALSE_EIO("no fsync, write() or O_DIRECT write returns EIO unless a fault was injected"),
    NO_OOPS("no kernel write hits a read-only direct map; no invalid page-state transition"),
    NO_DEADLOCK("the run never has unfinished actors and none runnable"),
    TERMINATES("the run ends within its step budget"),
    DURABLE("after the quiesce, media equals the last contents of every written page and every tuple verifies"),
    READABLE("every written block reads back without a checksum error"),
    MIRRORS_AGREE("on RAID1, both legs hold the same bytes"),
    NO_SILENT_CORRUPTION("every block holds bytes a writer wrote unless a read or the write's caller reports the"
            + " error");

    private final String description;

    Property(String description) {
        this.description = description;
    }

    /** When the property holds, in one line. */
    public String description() {
        return description;
    }
}
