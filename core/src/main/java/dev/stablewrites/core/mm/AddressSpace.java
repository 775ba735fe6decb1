package dev.stablewrites.core.mm;

/**
 * A file's page cache ({@code struct address_space}): its pages by index, where it lives on the
 * device, and the error a failed writeback recorded for the next fsync ({@code AS_EIO}).
 */
public final class AddressSpace {
    private final String name;
    private final Page[] pages;
    private final long sector;
    private boolean error;
    private boolean errorInjected;

    /**
     * @param name   the file's name
     * @param pages  its page-cache pages, index i at position i
     * @param sector where page 0 starts on the device, in 512-byte sectors
     */
    public AddressSpace(String name, Page[] pages, long sector) {
        this.name = name;
        this.pages = pages;
        this.sector = sector;
        for (Page p : pages) {
            p.setMapping(this);
        }
    }

    public String name() {
        return name;
    }

    public int nrPages() {
        return pages.length;
    }

    public Page page(int index) {
        return pages[index];
    }

    /** The sector where page {@code index} lives. */
    public long sectorOf(int index, int pageSize) {
        return sector + (long) index * (pageSize / 512);
    }

    /**
     * {@code mapping_set_error}: a writeback of this file failed; the next fsync reports it.
     *
     * @param injected whether an injected media error caused it (the model's bookkeeping for
     *                 {@code NO_FALSE_EIO}; Linux keeps one bit)
     */
    public void setError(boolean injected) {
        error = true;
        errorInjected |= injected;
    }

    /** Whether an error is recorded and an injected fault caused at least part of it. */
    public boolean errorInjected() {
        return error && errorInjected;
    }

    /** {@code filemap_check_errors}: whether an error was recorded since the last check, clearing it. */
    public boolean testAndClearError() {
        boolean e = error;
        error = false;
        errorInjected = false;
        return e;
    }

    @Override
    public String toString() {
        return name;
    }
}
