package dev.stablewrites.core.block;

import java.util.List;

/** Where {@code submit_bio} sends a bio: one disk, or a RAID1 pair of disks. */
public interface BlockDevice {
    /** Queues a bio whose integrity payload has been prepared. */
    void submit(Bio bio);

    /** The disks that hold the data: one, or the two legs of a mirror. */
    List<Disk> legs();
}
