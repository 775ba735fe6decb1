package dev.stablewrites.core.block;

import dev.stablewrites.core.mm.Page;
import java.util.Arrays;

/**
 * What the disk promised the search when it said DMA steps of a bio commute: for each interval whose
 * step it took alone, the page it lay in, its bytes and its tuple as that step read them (which is
 * what the media received). A DMA step reads nothing else another actor could change. Other actors may
 * read the same bytes (a read commutes with a read); if one wrote them before the command ended, a run
 * in which it went first would have sent other bytes, and the check when the command ends says so. A
 * change made and undone meanwhile shows too: the disk's last step is enabled all along and is no
 * promise, so a search reaching the promised steps also runs the disk to its end between the change
 * and the undoing, and whether a promise broke there depends only on the state (the promised
 * intervals' bytes against what the media received), which state caching keeps.
 */
final class DmaPromise {
    private final Bio bio;
    private final int interval;
    private final int tupleSize;
    private final int segments;
    /** Per promised interval, by its index in the command: the page, bytes and tuple its step read. */
    private Page[] pages;
    private byte[][] bytes;
    private byte[][] tuples;

    DmaPromise(Bio bio, int interval, int tupleSize) {
        this.bio = bio;
        this.interval = interval;
        this.tupleSize = tupleSize;
        this.segments = bio.vecs().size();
        int intervals = bio.size() / interval;
        pages = new Page[intervals];
        bytes = new byte[intervals][];
        tuples = new byte[intervals][];
    }

    boolean of(Bio b) {
        return bio == b;
    }

    /** Interval {@code cursor}, lying {@code at}, is DMAed by a step taken alone: keeps what it reads now. */
    void promise(int cursor, BioSegment at) {
        if (cursor >= pages.length) { // a strategy grew the bio in flight: the check below will say so
            pages = Arrays.copyOf(pages, cursor + 1);
            bytes = Arrays.copyOf(bytes, cursor + 1);
            tuples = Arrays.copyOf(tuples, cursor + 1);
        }
        pages[cursor] = at.page();
        bytes[cursor] = Arrays.copyOfRange(at.page().data(), at.pageOffset(), at.pageOffset() + interval);
        tuples[cursor] = tupleSize == 0 || bio.integrity() == null ? null
                : Arrays.copyOfRange(bio.integrity(), cursor * tupleSize, (cursor + 1) * tupleSize);
    }

    /** What a promised interval read differently when the command ended, or null when nothing did. */
    String broken() {
        if (bio.vecs().size() != segments) {
            return "its segments were replaced";
        }
        for (int cursor = 0; cursor < pages.length; cursor++) {
            if (pages[cursor] == null) {
                continue;
            }
            BioSegment at = BioSegment.at(bio, cursor * interval);
            if (at == null) {
                return "its segments were replaced";
            }
            if (at.page() != pages[cursor]) {
                return "segment " + at.index() + " was pointed at another page";
            }
            if (!Arrays.equals(at.page().data(), at.pageOffset(), at.pageOffset() + interval, bytes[cursor], 0,
                    interval)) {
                return "interval " + cursor + " of " + at.page() + " changed";
            }
            if (tuples[cursor] != null && (bio.integrity() == null || !Arrays.equals(bio.integrity(),
                    cursor * tupleSize, (cursor + 1) * tupleSize, tuples[cursor], 0, tupleSize))) {
                return "the tuple of interval " + cursor + " changed";
            }
        }
        return null;
    }
}
