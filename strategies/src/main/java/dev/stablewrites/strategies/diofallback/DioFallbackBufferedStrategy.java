package dev.stablewrites.strategies.diofallback;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.KernelPrimitives;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.strategies.bounce.BouncePages;
import java.util.EnumSet;
import java.util.Set;

/**
 * btrfs 6.15 (commit 968f19c5b1b7, "btrfs: always fallback to buffered write if the inode requires
 * checksum"; the btrfs-progs docs say 6.14, the pull request that also enables stable writes on
 * inodes says 6.15): an O_DIRECT write to an inode with data checksums goes through the page cache
 * instead. The user's buffer is copied into the file's page ({@code copy_from_user} in the buffered
 * write), and writeback sends that page, under {@code PG_writeback}: the thread that keeps
 * rewriting its buffer changes its own memory, not what the device reads. Without data checksums
 * ({@code nodatasum}, or a filesystem that does not checksum: any profile but {@code fs-crc32c})
 * O_DIRECT stays direct.
 *
 * <p>The model keeps the write synchronous, as {@code btrfs_direct_write} does by writing and
 * waiting on the range it fell back for, and gives the page-cache copy back at completion.
 */
public final class DioFallbackBufferedStrategy implements Strategy {
    private final BouncePages pages = new BouncePages();

    @Override
    public String description() {
        return "btrfs 6.15: an O_DIRECT write to a checksummed inode falls back to a buffered write";
    }

    /** {@inheritDoc} Here: direct_io only. */
    @Override
    public Set<Bio.Origin> paths() {
        return EnumSet.of(Bio.Origin.DIRECT_IO);
    }

    @Override
    public void submitDirectIo(BioHook submit, Steps steps) {
        KernelPrimitives k = submit.kernel();
        if (!k.filesystemChecksumsData()) {
            return;
        }
        Bio bio = submit.bio();
        pages.copy(k, bio, steps, "btrfs_buffered_write",
                "O_DIRECT fell back: copy_from_user into the page cache, which writeback sends");
        steps.add("filemap_fdatawrite_range", bio.vecs().get(0).page(), self -> {
            for (Page p : pages.copies(bio)) {
                k.setPageWriteback(p);
            }
            return StepResult.DONE;
        });
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        Bio bio = completion.bio();
        if (bio.origin() != Bio.Origin.DIRECT_IO || !pages.copied(bio)) {
            return;
        }
        KernelPrimitives k = completion.kernel();
        steps.add("end_page_writeback", bio.vecs().get(0).page(), irq -> {
            for (Page p : pages.copies(bio)) {
                k.endPageWriteback(p);
            }
            return StepResult.DONE;
        });
        pages.release(completion, steps, "btrfs_direct_write: done");
    }
}
