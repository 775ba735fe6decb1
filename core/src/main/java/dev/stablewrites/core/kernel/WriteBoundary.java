package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.sched.Step;
import java.util.List;

/**
 * The filesystem's block boundaries for {@code __mpage_writepage} (fs/mpage.c, 3.x): when
 * {@code get_block} maps a block with {@code set_buffer_boundary} (ext2: the last block an inode or an
 * indirect block maps, {@code count > blocks_to_boundary} in {@code ext2_get_blocks}), mpage submits
 * its bio right after the page and calls {@code write_boundary_block} on the block after it, which
 * writes that block if its buffer is dirty: the indirect block, allocated next to the data it maps.
 * The model's filesystems have no block map, so a timed run says where the boundaries are.
 */
@FunctionalInterface
public interface WriteBoundary {
    /**
     * The steps of {@code write_boundary_block} after page {@code index} of {@code mapping} is added
     * to its bio, or an empty list when the page's block is not a boundary.
     */
    List<Step> after(AddressSpace mapping, int index);
}
