package dev.stablewrites.strategies.bounce;

import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;

/**
 * Snapshot the data: in {@code bio_integrity_prep}, copy every page of the bio to a freshly
 * allocated bounce page and point the bio at the copy, so the tuples are generated from the copy
 * and the device DMAs the copy; {@code bounce_end_io_write} frees the copies when the bio
 * completes. This is {@code blk_queue_bounce} forced by {@code BIO_SNAP_STABLE}, which Linux 3.9
 * gave ext3 because jbd could not wait for writeback ("mm: make snapshotting pages for stable
 * writes a per-bio operation", Darrick J. Wong, 2013), and the "copy-everything-to-bounce-buffers
 * patch that few people liked" of the 2011 thread, whose errors "did not surface regardless of
 * what combination of write/mmap and directio/bufferedio" was used.
 *
 * <p>It copies <em>then</em> checksums, as the 2011 patch did and as 7.0's O_DIRECT bounce does
 * ({@code bio_iov_iter_bounce} before {@code bio_integrity_prep}); 3.9's ext3 snapshot did it the
 * other way round ({@code snap-stable}), which leaves a window.
 *
 * <p>Nothing a writer does after the copy can reach the device, so it holds on every path,
 * O_DIRECT and the journal included, and no writer ever waits. The cost is a page copy and a page
 * of memory per page in flight, for mmap writers too ("a major reason to use mmap is to AVOID data
 * copies"), and the device gets the data as it was at prep, not as it is at DMA time.
 */
public final class BounceStrategy implements Strategy {
    private final BouncePages pages = new BouncePages();

    @Override
    public String description() {
        return "copy each page to a bounce page at prep; checksum and DMA the copy; free it at completion (ext3 BIO_SNAP_STABLE)";
    }

    @Override
    public void bioIntegrityPrep(BioHook submit, Steps steps) {
        pages.copy(submit.kernel(), submit.bio(), steps, "blk_queue_bounce", "the bio now carries the copy");
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        pages.release(completion, steps, "bounce_end_io_write");
    }
}
