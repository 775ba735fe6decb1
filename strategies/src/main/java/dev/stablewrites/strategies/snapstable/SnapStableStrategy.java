package dev.stablewrites.strategies.snapstable;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.strategies.bounce.BouncePages;
import java.util.EnumSet;
import java.util.Set;

/**
 * Linux 3.9's ext3 snapshot, as it was: {@code blk_queue_bounce} copies the pages of a bio that
 * carries {@code BIO_SNAP_STABLE} into bounce pages when the queue requires stable writes
 * ({@code must_snapshot_stable_pages} in {@code mm/bounce.c}; commits ffecfd1a72fc, "block:
 * optionally snapshot page contents to provide stable pages during write", and 71368511774, "mm:
 * make snapshotting pages for stable writes a per-bio operation"). jbd set the flag on the data
 * buffers kjournald writes and on its journal blocks; nothing else did. The flag and the pool went
 * with ext3 (4.3).
 *
 * <p>And in 3.9's order: {@code bio_integrity_prep} ran in {@code generic_make_request_checks},
 * before the {@code make_request_fn} called {@code blk_queue_bounce}, so the tuples come from the
 * original page and the bounce comes a step later. A store between the two still reaches the copy
 * and fails the write; after the copy nothing does. (The 2011 {@code bounce} copies first.)
 */
public final class SnapStableStrategy implements Strategy {
    private final BouncePages pages = new BouncePages();

    @Override
    public String description() {
        return "Linux 3.9 ext3 BIO_SNAP_STABLE: blk_queue_bounce after bio_integrity_prep, flagged bios on stable-writes devices";
    }

    /** {@inheritDoc} Here: ext3_data, journal_log only. */
    @Override
    public Set<Bio.Origin> paths() {
        return EnumSet.of(Bio.Origin.EXT3_DATA, Bio.Origin.JOURNAL_LOG);
    }

    @Override
    public void blkQueueBounce(BioHook submit, Steps steps) {
        Bio bio = submit.bio();
        if (bio.hasFlag(Bio.Flag.SNAP_STABLE) && submit.kernel().stableWrites()) {
            pages.copy(submit.kernel(), bio, steps, "blk_queue_bounce",
                    "BIO_SNAP_STABLE: the copy is DMA'd, the tuples came from the page before it");
        }
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        pages.release(completion, steps, "bounce_end_io_write");
    }
}
