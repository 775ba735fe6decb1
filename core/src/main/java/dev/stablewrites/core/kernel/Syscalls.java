package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import java.util.List;

/**
 * The kernel paths a workload drives, each as the steps an actor runs: the same steps
 * {@link Operations} gives a scenario, for systems of many files, pages and tasks (the timed mode).
 */
public final class Syscalls {
    private Syscalls() {
    }

    /** A buffered {@code write()} of {@code length} bytes of {@code value} into one page-cache page. */
    public static List<Step> write(Kernel k, Page page, int offset, int length, byte value) {
        return BufferedWrite.write(k, page, offset, length, value);
    }

    /** A user store through {@code mm}'s mapping of {@code page} (a write fault when the PTE is read-only). */
    public static Step store(Kernel k, Mm mm, Page page, int offset, int length, byte value) {
        return UserStore.store(k, mm, page, offset, length, value);
    }

    /** {@code fsync(fd)}: writeback with {@code WB_SYNC_ALL}, wait, report a recorded error. */
    public static List<Step> fsync(Kernel k, AddressSpace mapping) {
        return Writeback.fsync(k, mapping);
    }

    /**
     * {@code msync(MS_SYNC)} over the whole mapping: {@code vfs_fsync_range} on the mapped range,
     * which for a mapping of the whole file is {@link #fsync}.
     */
    public static List<Step> msync(Kernel k, AddressSpace mapping) {
        return Writeback.fsync(k, mapping);
    }

    /** One background flusher pass over the file ({@code WB_SYNC_NONE}: skips pages under writeback). */
    public static List<Step> flush(Kernel k, AddressSpace mapping) {
        return Writeback.flush(k, mapping);
    }

    /** One background writeback chunk of the file: at most {@code maxPages} dirty pages ({@code WB_SYNC_NONE}). */
    public static List<Step> flush(Kernel k, AddressSpace mapping, int maxPages) {
        return Writeback.flush(k, mapping, maxPages);
    }

    /**
     * {@code sync_dirty_buffer} of a filesystem metadata block held in {@code buffer} (a kernel page
     * with its buffer head attached), written to {@code sector} with {@code WRITE_SYNC} and waited
     * for: what ext2's {@code fsync} does with the inode-table block of a dirty inode. {@code onSubmit}
     * runs if the buffer is still dirty once locked, as the write is submitted.
     */
    public static List<Step> syncDirtyBuffer(Kernel k, dev.stablewrites.core.mm.BufferHead buffer, long sector,
            String what, Runnable onSubmit) {
        return k.buffers.syncDirtyBufferSteps(buffer, sector, what, onSubmit);
    }

    /** An O_DIRECT {@code pwrite()} of the user page {@code buffer} to {@code sector}. */
    public static List<Step> directWrite(Kernel k, Page buffer, long sector) {
        return DirectIo.write(k, buffer, sector);
    }
}
