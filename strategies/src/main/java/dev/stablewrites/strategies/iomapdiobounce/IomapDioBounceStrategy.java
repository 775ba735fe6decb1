package dev.stablewrites.strategies.iomapdiobounce;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.strategy.BioCompletion;
import dev.stablewrites.core.strategy.BioHook;
import dev.stablewrites.core.strategy.Steps;
import dev.stablewrites.core.strategy.Strategy;
import dev.stablewrites.strategies.bounce.BouncePages;
import java.util.EnumSet;
import java.util.Set;

/**
 * Linux 7.0's bounce for direct I/O (Christoph Hellwig's series "bounce buffer direct I/O when stable
 * pages are required", merged as {@code for-7.0/block-stable-pages}): when the mapping requires
 * stable writes, iomap's direct I/O ({@code IOMAP_DIO_BOUNCE}) copies the user's pages into kernel
 * pages at submission ({@code bio_iov_iter_bounce}) and frees them at completion
 * ({@code bio_iov_iter_unbounce}). The copy comes before {@code bio_integrity_prep}, so the tuples
 * and the DMA see the same bytes; on a device without stable writes O_DIRECT stays zero-copy.
 *
 * <p>It acts on O_DIRECT bios only, so it composes with a page-cache fix.
 */
public final class IomapDioBounceStrategy implements Strategy {
    private final BouncePages pages = new BouncePages();

    @Override
    public String description() {
        return "Linux 7.0 IOMAP_DIO_BOUNCE: O_DIRECT copies the user pages at submission where stable writes are required";
    }

    /** {@inheritDoc} Here: direct_io only. */
    @Override
    public Set<Bio.Origin> paths() {
        return EnumSet.of(Bio.Origin.DIRECT_IO);
    }

    @Override
    public void submitDirectIo(BioHook submit, Steps steps) {
        if (submit.kernel().stableWrites()) {
            pages.copy(submit.kernel(), submit.bio(), steps, "bio_iov_iter_bounce",
                    "the bio carries a kernel copy of the user's buffer");
        }
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        if (completion.bio().origin() == Bio.Origin.DIRECT_IO) {
            pages.release(completion, steps, "bio_iov_iter_unbounce");
        }
    }
}
