package dev.stablewrites.core.integrity;

/**
 * Who checks an integrity tuple, and therefore when a page modified after its checksum was
 * computed (the write-after-checksum race) turns into a visible error.
 */
public enum VerifiedBy {

    /**
     * A T10 PI / NVMe PI target checks each tuple on receipt and fails the write with a
     * protection error ({@code BLK_STS_PROTECTION}): the race shows up as a failed write.
     */
    DEVICE,

    /**
     * A filesystem checksum (btrfs-like crc32c) stored beside the data, not checked by the
     * device, verified when the block is read: the race shows up later as a checksum error on read.
     */
    READ,

    /**
     * No checksum at all (RAID1 without integrity): nothing fails; the failure mode is two
     * mirror legs that silently differ.
     */
    NOTHING
}
