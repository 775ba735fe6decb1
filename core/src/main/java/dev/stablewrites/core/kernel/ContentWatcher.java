package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.mm.Page;

/**
 * Told where data comes from, for {@code NO_SILENT_CORRUPTION}: every store a writer makes, every
 * bio at the moment its tuples are first generated, and every write that completes successfully.
 * The kernel calls it only when one is attached (explored runs); a timed run attaches none.
 */
public interface ContentWatcher {
    /** A writer (user store, {@code copy_from_user}, the journal's {@code memcpy}) changed these bytes. */
    void stored(Page page, int offset, int length);

    /** {@code bio_integrity_prep} generated the bio's tuples from the bytes its pages hold now. */
    void checksummed(Bio bio);

    /** The bio completed successfully: a read right now would see what it left on the media. */
    void completed(Bio bio);
}
