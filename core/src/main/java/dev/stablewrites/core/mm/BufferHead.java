package dev.stablewrites.core.mm;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.WaitQueue;

/**
 * The one {@code buffer_head} of a page whose block is the page's size (a 4 KiB block on a 4 KiB
 * page): the buffer-level state that paths writing with {@code submit_bh} use instead of the page
 * flags. jbd and jbd2 write under {@code BH_Lock} without {@code PG_writeback}; jbd2 guards a
 * buffer its commit is logging with {@code BH_Shadow}. As {@link Page}, it only stores the state:
 * the kernel's functions check and change it.
 */
public final class BufferHead {
    private final Page page;
    private final WaitQueue lockWait;
    private final WaitQueue shadowWait;
    private boolean dirty;
    private boolean locked;
    private boolean shadow;
    private boolean jbdDirty;
    private Actor lockHolder;

    BufferHead(Page page) {
        this.page = page;
        this.lockWait = new WaitQueue("BH_Lock", page.owner());
        this.shadowWait = new WaitQueue("BH_Shadow", page.owner());
    }

    public Page page() {
        return page;
    }

    /** {@code BH_Dirty}: the block must be written; {@code set_page_dirty} sets it on every buffer of the page. */
    public boolean dirty() {
        return dirty;
    }

    public void setDirty(boolean on) {
        dirty = on;
    }

    /** {@code BH_Lock}: held by whoever writes the buffer, from before {@code submit_bh} until its completion. */
    public boolean locked() {
        return locked;
    }

    public void setLocked(boolean on, Actor holder) {
        locked = on;
        lockHolder = on ? holder : null;
    }

    /** Who holds {@code BH_Lock}; null when it is free or the holder was an I/O completion. */
    public Actor lockHolder() {
        return lockHolder;
    }

    public WaitQueue lockWait() {
        return lockWait;
    }

    /** {@code BH_Shadow} (jbd2, Linux 3.11+): the commit is writing this buffer's page to the log. */
    public boolean shadow() {
        return shadow;
    }

    public void setShadow(boolean on) {
        shadow = on;
    }

    /**
     * Where {@code do_get_write_access} sleeps for the log write to end: {@code BH_Shadow} from 3.11,
     * {@code BH_Unshadow} (with the buffer on {@code BJ_Shadow}) before.
     */
    public WaitQueue shadowWait() {
        return shadowWait;
    }

    /** {@code BH_JBDDirty}: dirtied under a journal handle; turned into {@code BH_Dirty} when its transaction commits. */
    public boolean jbdDirty() {
        return jbdDirty;
    }

    public void setJbdDirty(boolean on) {
        jbdDirty = on;
    }

    /** The buffer's bits as {@code buffer_head} names them, for traces, e.g. {@code bh:dirty|lock}. */
    public String flagString() {
        StringBuilder sb = new StringBuilder();
        append(sb, dirty, "dirty");
        append(sb, locked, "lock");
        append(sb, shadow, "shadow");
        append(sb, jbdDirty, "jbddirty");
        return sb.length() == 0 ? "bh:-" : "bh:" + sb;
    }

    private static void append(StringBuilder sb, boolean on, String name) {
        if (on) {
            sb.append(sb.length() == 0 ? "" : "|").append(name);
        }
    }
}
