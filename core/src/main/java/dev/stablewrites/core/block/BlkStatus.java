package dev.stablewrites.core.block;

/** A bio's completion status, after Linux's {@code blk_status_t}. */
public enum BlkStatus {
    OK("BLK_STS_OK"),
    /** The target found a guard or reference tag that does not match the data: EILSEQ/EIO. */
    PROTECTION("BLK_STS_PROTECTION"),
    /** A media or transport error (only ever injected in this model). */
    IOERR("BLK_STS_IOERR");

    private final String kernelName;

    BlkStatus(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }
}
