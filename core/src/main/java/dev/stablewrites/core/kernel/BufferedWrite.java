package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A buffered {@code write()} into one page-cache page, as {@code generic_perform_write} runs it:
 * {@code write_begin} ({@code grab_cache_page_write_begin}: find the page, {@code lock_page}; on ext3
 * {@code ext3_journal_start}; for a write past the end of a file with no block there,
 * {@code ext2_get_block} allocates one, {@code BH_New}, and {@code __block_write_begin} zeroes the
 * rest of it), the strategy's {@code write_begin} steps, {@code copy_from_user} through the direct
 * map, {@code write_end} ({@code set_page_dirty}, {@code i_size_write} for a write that extends the
 * file, {@code unlock_page}).
 *
 * <p>A copy that faults on a read-only direct map comes back short (x86's exception fixup, not an
 * oops); {@code write_end} then dirties nothing and the loop starts again from {@code write_begin}
 * after {@code cond_resched}, spinning until someone makes the page writable again. A short copy of
 * a write that extends the file first takes the failed-write path: {@code block_write_end} →
 * {@code page_zero_new_buffers} for a new block, then {@code ext2_write_failed} →
 * {@code truncate_pagecache(i_size)} → {@code zero_user_segment} of the page past {@code i_size}
 * ({@code iomap_write_failed} does the same). Those are plain {@code memset}s through the direct map,
 * with no exception fixup: on a read-only entry, an oops.
 */
final class BufferedWrite {
    private BufferedWrite() {
    }

    static List<Step> write(Kernel k, Page page, int offset, int length, byte value) {
        return write(k, page, offset, length, value, null);
    }

    static List<Step> write(Kernel k, Page page, int offset, int length, byte value, Ext3Ordered ext3) {
        boolean[] copied = new boolean[1];
        AddressSpace mapping = page.mapping();
        int ps = k.pageSize();
        long pos = mapping == null ? offset : (long) page.index() * ps + offset;
        List<Step> steps = new ArrayList<>(6);
        steps.add(Step.of("grab_cache_page_write_begin", page, self -> k.lockPage(self, page)));
        if (ext3 != null) {
            steps.add(ext3.writeBegin());
        }
        if (mapping != null && !mapping.blockAllocated(page.index(), ps)) {
            steps.add(Step.of("block_write_begin", page, self -> allocateBlock(k, self, page, offset, length)));
        }
        steps.add(k.writeBeginHook(page));
        steps.add(Step.of("copy_from_user", page, self -> {
            copied[0] = k.copyFromUser(page, offset, length, value);
            if (self.tracing()) {
                self.note(copied[0]
                        ? String.format("%d bytes of 0x%02x at +0x%x (%s) through the direct map", length,
                                value & 0xff, offset, k.intervalsOf(offset, length))
                        : "#PF on the read-only direct map: exception fixup, 0 bytes copied");
            }
            return StepResult.DONE;
        }));
        steps.add(Step.of("write_end", page, self -> {
            boolean extends_ = mapping != null && pos + length > mapping.size();
            if (!copied[0]) {
                return shortCopy(k, self, page, offset, length, value, ext3, extends_);
            }
            k.setPageDirty(page);
            StringBuilder note = self.tracing() ? new StringBuilder() : null;
            if (mapping != null) {
                mapping.setBlockNew(false);
            }
            if (extends_) {
                if (note != null) {
                    note.append(String.format("i_size_write 0x%x -> 0x%x; ", mapping.size(), pos + length));
                }
                mapping.setSize(pos + length);
            }
            if (ext3 != null) {
                String what = ext3.writeEnd();
                if (note != null) {
                    note.append(what).append("; ");
                }
            }
            k.unlockPage(page);
            k.returnToUser(self, "write", false, length, false);
            if (note != null && note.length() > 0) {
                self.note(note + self.takeNote());
            }
            return StepResult.DONE;
        }));
        return steps;
    }

    /**
     * {@code ext2_get_block(create=1)} for a page past the end of the file: a new block, {@code BH_New};
     * {@code __block_write_begin} zeroes the parts of it the write will not cover, through the direct map.
     */
    private static StepResult allocateBlock(Kernel k, Actor self, Page page, int from, int length) {
        AddressSpace mapping = page.mapping();
        if (mapping.blockAllocated(page.index(), k.pageSize())) {
            return StepResult.DONE; // a write that got here first allocated it
        }
        mapping.setBlockNew(true);
        int to = from + length;
        if (from > 0 && !k.kernelWrite(self, page, 0, from, (byte) 0)) {
            return StepResult.DONE;
        }
        if (to < k.pageSize() && !k.kernelWrite(self, page, to, k.pageSize() - to, (byte) 0)) {
            return StepResult.DONE;
        }
        if (self.tracing()) {
            self.note("ext2_get_block allocates the block (BH_New); zero_user_segments outside the write");
        }
        return StepResult.DONE;
    }

    /** {@code write_end} after a short copy: the failed-write path for a write that extends the file, then retry. */
    private static StepResult shortCopy(Kernel k, Actor self, Page page, int offset, int length, byte value,
                                        Ext3Ordered ext3, boolean extends_) {
        List<Step> next = new ArrayList<>();
        if (page.mapping() != null && page.mapping().blockNew()) {
            // block_write_end: what was not copied into a new block must not be left stale.
            next.add(Step.of("page_zero_new_buffers", page, a -> {
                if (k.kernelWrite(a, page, offset, length, (byte) 0) && a.tracing()) {
                    a.note(String.format("zero_user(+0x%x, %d) through the direct map", offset, length));
                }
                return StepResult.DONE;
            }));
        }
        next.add(Step.silent("write_end done", a -> {
            if (ext3 != null) {
                ext3.stopHandle();
            }
            k.unlockPage(page);
            return StepResult.DONE;
        }));
        if (self.tracing()) {
            self.note("copied 0: page not dirtied" + (extends_
                    ? "; a write past i_size failed: ext2_write_failed, truncate_pagecache to i_size"
                    : "; unlock_page; generic_perform_write retries"));
        }
        if (extends_) {
            next.addAll(truncatePagecache(k, page));
        }
        next.add(Step.silent("cond_resched", a -> {
            a.yieldCpu();
            return StepResult.DONE;
        }));
        next.addAll(write(k, page, offset, length, value, ext3));
        self.pushFront(next);
        return StepResult.DONE;
    }

    /**
     * {@code truncate_pagecache(inode, i_size)} for the page: lock it, wait for its writeback, zero
     * the part past {@code i_size} ({@code zero_user_segment}); a page wholly past it is dropped and
     * its block freed ({@code ext2_truncate_blocks}), so the retry starts from a new zeroed page.
     */
    private static List<Step> truncatePagecache(Kernel k, Page page) {
        AddressSpace mapping = page.mapping();
        int ps = k.pageSize();
        return List.of(k.lockPageStep(page), k.waitOnPageWritebackStep(page),
                Step.of("truncate_inode_pages", page, self -> {
                    long start = (long) page.index() * ps;
                    if (mapping.size() <= start) {
                        java.util.Arrays.fill(page.data(), (byte) 0);
                        mapping.setBlockNew(false);
                        if (self.tracing()) {
                            self.note("page past i_size dropped, block freed; the retry gets a zeroed page");
                        }
                    } else if (mapping.size() < start + ps) {
                        int from = (int) (mapping.size() - start);
                        if (!k.kernelWrite(self, page, from, ps - from, (byte) 0)) {
                            return StepResult.DONE;
                        }
                        if (self.tracing()) {
                            self.note(String.format("zero_user_segment(+0x%x, +0x%x) through the direct map", from, ps));
                        }
                    }
                    k.unlockPage(page);
                    return StepResult.DONE;
                }));
    }
}
