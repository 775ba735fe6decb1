package dev.stablewrites.core.mm;

/**
 * A file's page cache ({@code struct address_space}): its pages by index, where it lives on the
 * device, and the error a failed writeback recorded for the next fsync ({@code AS_EIO}).
 */
public final class AddressSpace {
    private final String name;
    private final Page[] pages;
    private final long sector;
    /** The flags the page cache keeps a tag for, as the xarray's DIRTY and WRITEBACK marks. */
    static final int TAGGED = Page.PG_DIRTY | Page.PG_WRITEBACK;

    private final java.util.BitSet dirtyTag = new java.util.BitSet();
    private final java.util.BitSet writebackTag = new java.util.BitSet();
    private boolean error;
    private boolean errorInjected;
    private long size;
    private boolean blockNew;

    /**
     * @param name   the file's name
     * @param pages  its page-cache pages, index i at position i
     * @param sector where page 0 starts on the device, in 512-byte sectors
     */
    public AddressSpace(String name, Page[] pages, long sector) {
        this.name = name;
        this.pages = pages;
        this.sector = sector;
        this.size = pages.length == 0 ? 0 : (long) pages.length * pages[0].data().length;
        for (int i = 0; i < pages.length; i++) {
            pages[i].setMapping(this, i);
            if (pages[i].test(Page.PG_DIRTY)) {
                dirtyTag.set(i);
                nrDirty++;
            }
            if (pages[i].test(Page.PG_WRITEBACK)) {
                writebackTag.set(i);
                nrWriteback++;
            }
        }
    }

    public String name() {
        return name;
    }

    /** The file's size ({@code i_size}): bytes past it are not the file's, and are neither written nor read. */
    public long size() {
        return size;
    }

    /** {@code i_size_write}: a write that extended the file, or a truncate. */
    public void setSize(long size) {
        this.size = size;
    }

    /**
     * {@code BH_New} of the file's last block: allocated by a write that has not completed yet, so a
     * failed write must zero what it did not copy ({@code page_zero_new_buffers}).
     */
    public boolean blockNew() {
        return blockNew;
    }

    public void setBlockNew(boolean on) {
        blockNew = on;
    }

    /** Whether the file's block under page {@code index} is allocated: the model's files have no holes. */
    public boolean blockAllocated(int index, int pageSize) {
        return size > (long) index * pageSize;
    }

    public int nrPages() {
        return pages.length;
    }

    public Page page(int index) {
        return pages[index];
    }

    /** Keeps the tags in step with the page flags; called by {@link Page} on every change of a tagged flag. */
    void tag(int index, int flag, boolean on) {
        if ((flag & Page.PG_DIRTY) != 0 && dirtyTag.get(index) != on) {
            dirtyTag.set(index, on);
            nrDirty += on ? 1 : -1;
            if (on && nrDirty == 1) {
                onFirstDirty.run();
            }
        }
        if ((flag & Page.PG_WRITEBACK) != 0 && writebackTag.get(index) != on) {
            writebackTag.set(index, on);
            nrWriteback += on ? 1 : -1;
        }
    }

    private int nrDirty;
    private int nrWriteback;
    private Runnable onFirstDirty = () -> { };
    private Runnable onWriteFault = () -> { };

    /**
     * Runs {@code r} when a page of a file with no dirty page becomes dirty: where
     * {@code __set_page_dirty} calls {@code __mark_inode_dirty(I_DIRTY_PAGES)}, so a timed run can
     * date the inode ({@code dirtied_when}). Nothing by default.
     */
    public void setOnFirstDirty(Runnable r) {
        onFirstDirty = r;
    }

    /**
     * Runs {@code r} on each write fault on a page of this file, where {@code ->page_mkwrite}
     * begins (3.8's {@code filemap_page_mkwrite} calls {@code file_update_time} before
     * {@code lock_page}), so a timed run can move the inode's mtime. Nothing by default.
     */
    public void setOnWriteFault(Runnable r) {
        onWriteFault = r;
    }

    /** A write fault on a page of this file is about to run {@code ->page_mkwrite}. */
    public void writeFault() {
        onWriteFault.run();
    }

    /** Dirty pages of this file (the per-file share of {@code NR_FILE_DIRTY}). */
    public int nrDirty() {
        return nrDirty;
    }

    /** Pages of this file under writeback ({@code NR_WRITEBACK}). */
    public int nrWriteback() {
        return nrWriteback;
    }

    /**
     * The index of the first dirty page at or after {@code from}, or -1: a lookup of the
     * {@code PAGECACHE_TAG_DIRTY} mark, so writeback costs what is dirty, not the file's size.
     */
    public int nextDirty(int from) {
        return dirtyTag.nextSetBit(from);
    }

    /** The index of the first page under writeback at or after {@code from}, or -1 ({@code PAGECACHE_TAG_WRITEBACK}). */
    public int nextUnderWriteback(int from) {
        return writebackTag.nextSetBit(from);
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
