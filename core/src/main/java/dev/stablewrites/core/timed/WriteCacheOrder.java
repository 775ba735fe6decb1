package dev.stablewrites.core.timed;

/**
 * How a drive's write cache orders its destaging and treats a write to sectors it still holds: the
 * cost-model key {@code device.PRESET.write-cache.order} ({@code drive}, {@code coalesce},
 * {@code nearest} or {@code arrival}). The timed mode's drive ({@code DriveTiming}) follows it.
 */
public enum WriteCacheOrder {
    /**
     * Arrival order, each write's positioning from the one destaged before it, and a write to
     * sectors the cache still holds accepted like any other (the model before the drive's own
     * order; kept to compare with).
     */
    ARRIVAL,
    /**
     * Nearest the head first, as {@link #DRIVE}, but a write hit accepted like any other write and
     * every copy written. Not a drive that could exist (it may put an older copy on the media after
     * a newer one); it is here to measure what {@link #DRIVE}'s write-hit rule does.
     */
    NEAREST,
    /**
     * The drive's own order. Among every write it holds, it destages the one nearest the head
     * first, so a run of cached writes at adjacent sectors goes down without a seek (estimate:
     * the drive orders the cache's writes at the media as its NCQ orders commands; the Intel and
     * Seagate white paper "Serial ATA Native Command Queuing" (July 2003) describes a drive
     * choosing "the order of command execution at the media" to minimise access time; the model
     * knows seek distance only, so this is shortest-seek-first, the "earlier algorithm" the paper
     * names, and a destage that is not sequential still pays the average rotational latency).
     * A write hit, a write to sectors a cached write still holds, is taken in only once that
     * older copy is on the media: the older copy is destaged next (Ruemmler and Wilkes, "An
     * introduction to disk drive modeling", IEEE Computer 27(3), 1994, on write caching, as
     * summarised in course notes: on a write hit "the copy in the cache is written out before
     * the new copy is accepted into the cache"). That describes 1990s drives; a 2012 drive's
     * firmware is not documented, so this too is an estimate. (Seagate's Hawk 2LP manual, once
     * cited here too, says "does not overwrite data that has not yet been written to the medium"
     * of a segment wrapping around; of a write hit it says what {@link #COALESCE} does.) So the cache never holds two copies of a sector, and a
     * reordering drive still puts the newest copy on the media last. With NCQ the drive goes on
     * with its other commands while a hit waits, and completes the hit later on its own
     * ({@link dev.stablewrites.core.block.HeldCompletions}).
     */
    DRIVE,
    /**
     * Nearest the head first, as {@link #DRIVE}, and a write hit clears the older cached writes its
     * sectors cover: the new copy replaces them, nothing waits, and the older copy never reaches the
     * media unless it was already being destaged. An interpretation of Seagate's SCSI manuals, from the
     * 1990s Hawk 2LP (5.6: "When a write command is issued, the cache is first checked to see if any
     * logical blocks that are to be written are already stored in the cache from a previous read or
     * write command. If there are, the respective cache segments are cleared. The new data is cached
     * for subsequent Read commands.") to the Enterprise Capacity 3.5 HDD V4 SAS of 2013 (4.4.1, the same
     * paragraph under "if RCD=0"): the paragraph is about keeping written data for reads, and does not
     * say whether an older copy not yet on the media is dropped; that is the reading here. Their "does
     * not overwrite data that has not yet been written to the medium" is about a segment wrapping
     * around. A cached write only partly covered stays and is written as well, possibly after the newer
     * copy (timing only: the media's contents come from the disk model). A SATA desktop drive's
     * firmware is not documented, so this is an estimate too.
     */
    COALESCE;

    /** The cost-model value naming it. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
