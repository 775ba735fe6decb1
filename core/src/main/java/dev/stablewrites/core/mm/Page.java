package dev.stablewrites.core.mm;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.WaitQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * A physical page: its bytes, the four page flags the race involves, its owner, the lock holder,
 * the reverse map of every PTE that maps it, and the wait queues for {@code PG_locked} and
 * {@code PG_writeback}. Flag changes go through the kernel's functions, which check the
 * transitions; this class only stores them.
 */
public final class Page {
    public static final int PG_LOCKED = 1;
    public static final int PG_DIRTY = 1 << 1;
    public static final int PG_WRITEBACK = 1 << 2;
    public static final int PG_ERROR = 1 << 3;

    private final int pfn;
    private final byte[] data;
    private final PageOwner owner;
    private final List<Pte> rmap = new ArrayList<>(2);
    private final WaitQueue lockWait;
    private final WaitQueue writebackWait;
    private int flags;
    private Actor lockHolder;
    private AddressSpace mapping;
    private int index;
    private BufferHead buffers;

    public Page(int pfn, int size, PageOwner owner) {
        this.pfn = pfn;
        this.data = new byte[size];
        this.owner = owner;
        this.lockWait = new WaitQueue("PG_locked", owner);
        this.writebackWait = new WaitQueue("PG_writeback", owner);
    }

    public int pfn() {
        return pfn;
    }

    /** The page's bytes as they are in memory now; the device DMAs from here. */
    public byte[] data() {
        return data;
    }

    public PageOwner owner() {
        return owner;
    }

    public boolean test(int flag) {
        return (flags & flag) != 0;
    }

    public void set(int flag) {
        flags |= flag;
        if (mapping != null && (flag & AddressSpace.TAGGED) != 0) {
            mapping.tag(index, flag, true);
        }
    }

    public void clear(int flag) {
        flags &= ~flag;
        if (mapping != null && (flag & AddressSpace.TAGGED) != 0) {
            mapping.tag(index, flag, false);
        }
    }

    public int flags() {
        return flags;
    }

    public Actor lockHolder() {
        return lockHolder;
    }

    public void setLockHolder(Actor actor) {
        lockHolder = actor;
    }

    public WaitQueue lockWait() {
        return lockWait;
    }

    public WaitQueue writebackWait() {
        return writebackWait;
    }

    /** The page cache this page belongs to, or null for anonymous and kernel pages. */
    public AddressSpace mapping() {
        return mapping;
    }

    void setMapping(AddressSpace mapping, int index) {
        this.mapping = mapping;
        this.index = index;
    }

    /** The page's index in its file ({@code folio->index}); 0 outside the page cache. */
    public int index() {
        return index;
    }

    /**
     * The page's buffer head, for pages that filesystems write block by block ({@code submit_bh}):
     * null for pages without buffers (written only by {@code writepages} or O_DIRECT).
     */
    public BufferHead buffers() {
        return buffers;
    }

    /** {@code create_empty_buffers}: gives the page its buffer head, once. */
    public BufferHead attachBuffers() {
        if (buffers == null) {
            buffers = new BufferHead(this);
        }
        return buffers;
    }

    /** Every PTE that maps this page, in every process. */
    public List<Pte> rmap() {
        return rmap;
    }

    void addRmap(Pte pte) {
        rmap.add(pte);
    }

    /** The flags as the kernel prints them, e.g. {@code locked|dirty|writeback}, or {@code -}. */
    public String flagString() {
        if (flags == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        appendFlag(sb, PG_LOCKED, "locked");
        appendFlag(sb, PG_DIRTY, "dirty");
        appendFlag(sb, PG_WRITEBACK, "writeback");
        appendFlag(sb, PG_ERROR, "error");
        return sb.toString();
    }

    private void appendFlag(StringBuilder sb, int flag, String name) {
        if (test(flag)) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }

    @Override
    public String toString() {
        return owner.toString();
    }
}
