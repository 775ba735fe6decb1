package dev.stablewrites.core.kernel;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BlkStatus;
import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepBody;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Page-cache writeback, as {@code write_cache_pages} does it, and {@code fsync} on top of it.
 *
 * <p>{@code writepages} tags the dirty pages, then for each in index order: {@code lock_page}; skip it
 * if it was cleaned meanwhile; if it is still under writeback, a data-integrity sync waits for it
 * (with the page locked) and the background flusher skips it; {@code clear_page_dirty_for_io}
 * (which runs {@code page_mkclean}); then, for a page without buffers, as {@code __mpage_writepage}
 * (fs/mpage.c, the same from 2.6 to 6.x): if the page does not follow the bio being built, that bio is
 * submitted now, with this page still locked; {@code set_page_writeback}; {@code unlock_page};
 * {@code bio_add_page} (mpage adds the page before {@code set_page_writeback}: the bio is the
 * submitter's own until sent, so no other task sees the order); the last bio is submitted when the
 * pages run out. A page with buffers (ext3)
 * goes as {@code __block_write_full_page}: {@code set_page_writeback}, its own bio submitted, then
 * {@code unlock_page}.
 *
 * <p>{@code fsync} = {@code writepages}, then {@code wait_on_page_writeback} on every page, then
 * {@code filemap_check_errors}. On a failed write the completion records the error on the mapping
 * and does <em>not</em> redirty the page: that data is lost and the next fsync returns EIO.
 */
final class Writeback {
    /** {@code WB_SYNC_ALL} (fsync) or {@code WB_SYNC_NONE} (the background flusher). */
    enum SyncMode { ALL, NONE }

    private final Kernel k;
    private final AddressSpace mapping;
    private final SyncMode mode;
    private Bio bio;
    private int nextIndex = -1;
    private final List<Page> bioPages = new ArrayList<>();

    /** Pages one writepages tags at most ({@code wbc->nr_to_write}); unlimited for fsync. */
    private final int maxPages;

    private Writeback(Kernel k, AddressSpace mapping, SyncMode mode) {
        this(k, mapping, mode, Integer.MAX_VALUE);
    }

    private Writeback(Kernel k, AddressSpace mapping, SyncMode mode, int maxPages) {
        this.k = k;
        this.mapping = mapping;
        this.mode = mode;
        this.maxPages = maxPages;
    }

    /**
     * One chunk of background writeback ({@code WB_SYNC_NONE}, {@code nr_to_write = maxPages}): the
     * flusher's {@code writeback_sb_inodes} writes at most that many pages of one inode, in index
     * order, before it moves to the next.
     */
    static List<Step> flush(Kernel k, AddressSpace mapping, int maxPages) {
        return List.of(new Writeback(k, mapping, SyncMode.NONE, maxPages).writepages());
    }

    /** The steps of {@code fsync(fd)}. */
    static List<Step> fsync(Kernel k, AddressSpace mapping) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Writeback(k, mapping, SyncMode.ALL).writepages());
        steps.add(fdatawait(k, mapping));
        steps.add(Step.of("filemap_check_errors", mapping.nrPages() == 0 ? null : mapping.page(0), self -> {
            boolean injected = mapping.errorInjected();
            k.returnToUser(self, "fsync", mapping.testAndClearError(), 0, injected);
            return StepResult.DONE;
        }));
        return steps;
    }

    /**
     * {@code filemap_fdatawait}: waits on each page tagged writeback, in index order. One step that
     * sleeps on the next such page and, woken, goes on from there: a file of one page waits as it
     * always did, and a large file costs the pages in flight, not its size.
     */
    private static Step fdatawait(Kernel k, AddressSpace mapping) {
        int[] cursor = {0};
        return Step.of("filemap_fdatawait", mapping.nrPages() == 0 ? null : mapping.page(0), self -> {
            for (int i = mapping.nextUnderWriteback(cursor[0]); i >= 0; i = mapping.nextUnderWriteback(i + 1)) {
                cursor[0] = i;
                if (k.waitOnPageWriteback(self, mapping.page(i)) == StepResult.SLEEP) {
                    return StepResult.SLEEP;
                }
            }
            cursor[0] = mapping.nrPages();
            return StepResult.DONE;
        });
    }

    /** The steps of one background flusher pass ({@code WB_SYNC_NONE}: no waits, no error report). */
    static List<Step> flush(Kernel k, AddressSpace mapping) {
        return List.of(new Writeback(k, mapping, SyncMode.NONE).writepages());
    }

    private Step writepages() {
        return Step.of(mode == SyncMode.ALL ? "writepages (WB_SYNC_ALL)" : "writepages (WB_SYNC_NONE)",
                mapping.nrPages() == 0 ? null : mapping.page(0), self -> {
                    List<Step> steps = new ArrayList<>();
                    int tagged = 0;
                    for (int i = mapping.nextDirty(0); i >= 0 && tagged < maxPages; i = mapping.nextDirty(i + 1)) {
                        Page page = mapping.page(i);
                        tagged++;
                        steps.add(k.lockPageStep(page));
                        steps.add(checkPage(page, i));
                    }
                    steps.add(Step.silent("submit last bio", a -> {
                        submitPending(a);
                        return StepResult.DONE;
                    }));
                    if (self.tracing()) {
                        self.note("tag_pages_for_writeback: " + tagged + " dirty page(s)");
                    }
                    self.pushFront(steps);
                    return StepResult.DONE;
                });
    }

    /** {@code write_cache_pages}' checks with the page locked. */
    private Step checkPage(Page page, int index) {
        return Step.of("write_cache_pages", page, self -> {
            if (!page.test(Page.PG_DIRTY)) {
                k.unlockPage(page);
                if (self.tracing()) {
                    self.note("page cleaned meanwhile: skip");
                }
                return StepResult.DONE;
            }
            if (page.test(Page.PG_WRITEBACK)) {
                if (mode == SyncMode.NONE) {
                    k.unlockPage(page);
                    if (self.tracing()) {
                        self.note("still under writeback: WB_SYNC_NONE skips it");
                    }
                    return StepResult.DONE;
                }
                if (self.tracing()) {
                    self.note("still under writeback: wait_on_page_writeback with the page locked");
                }
                return page.writebackWait().sleep(self);
            }
            List<Step> next = new ArrayList<>(6);
            next.add(clearPageDirtyForIo(page));
            if (page.buffers() != null) {
                next.add(k.buffers.lockBufferStep(page.buffers()));
            }
            next.add(writepage(page, index, page.buffers() != null
                    || mapping.size() < (long) (index + 1) * k.pageSize()));
            self.pushFront(next);
            return StepResult.DONE;
        });
    }

    /**
     * The filesystem's {@code writepage} after {@code clear_page_dirty_for_io}, as
     * {@code block_write_full_page} does it: a page wholly past {@code i_size} is not written; one
     * that straddles it has its tail zeroed ({@code zero_user_segment}, through the direct map) "on
     * each and every writepage invocation because it may be mmapped"; a page with buffers is written
     * only if its buffer is still dirty ({@code test_clear_buffer_dirty}, under {@code BH_Lock},
     * which the I/O keeps until it completes). A page without buffers then goes as
     * {@code __mpage_writepage} takes it: the bio being built is sent off first if the page does not
     * follow it (and for a page wholly past {@code i_size}), then {@code set_page_writeback},
     * {@code unlock_page}, {@code bio_add_page} (mpage adds it first; the bio is the submitter's own
     * until it is sent, so the order is not seen). A page with buffers goes as
     * {@code __block_write_full_page} takes it: {@code set_page_writeback}, its own bio submitted
     * ({@code submit_bh}), then {@code unlock_page}. Either way a submitter asleep in
     * {@code get_request} keeps the page locked.
     */
    private Step writepage(Page page, int index, boolean visible) {
        // Silent on a page that needs none of it, so plain writeback takes the steps it always took.
        StepBody body = self -> {
            long start = (long) index * k.pageSize();
            long size = mapping.size();
            if (size <= start) {
                if (page.buffers() != null) {
                    k.buffers.unlockBuffer(page.buffers());
                }
                if (bio != null) {
                    // __mpage_writepage's "confused" path sends the bio being built off first, this page locked.
                    self.pushFront(k.unlockPageStep(page));
                    submitPending(self);
                } else {
                    k.unlockPage(page);
                }
                if (self.tracing()) {
                    self.note("page wholly past i_size: not written");
                }
                return StepResult.DONE;
            }
            if (size < start + k.pageSize()) {
                int from = (int) (size - start);
                if (!k.kernelWrite(self, page, from, k.pageSize() - from, (byte) 0)) {
                    return StepResult.DONE;
                }
            }
            if (page.buffers() != null && !page.buffers().dirty()) {
                k.buffers.unlockBuffer(page.buffers());
                k.unlockPage(page);
                if (self.tracing()) {
                    self.note("buffer clean: submit_bh wrote it already; nothing to write");
                }
                return StepResult.DONE;
            }
            if (page.buffers() != null) {
                page.buffers().setDirty(false);
            }
            if (self.tracing() && size < start + k.pageSize()) {
                self.note(String.format("page straddles i_size 0x%x: zero_user_segment of the tail", size));
            }
            if (page.buffers() != null) {
                // __block_write_full_page: set_page_writeback, submit_bh of the page's own buffer, and
                // only then unlock_page.
                self.pushFront(setPageWriteback(page), bioAddPage(page, index), Step.silent("submit_bh", a -> {
                    submitPending(a);
                    return StepResult.DONE;
                }), k.unlockPageStep(page));
                submitPending(self); // a bio of earlier pages without buffers goes first
                return StepResult.DONE;
            }
            // mpage adds the page to its bio before set_page_writeback; here bio_add_page comes after
            // unlock_page. It touches only the submitter's own bio, so no other task can tell.
            List<Step> boundary = k.writeBoundary().after(mapping, index);
            List<Step> next = new ArrayList<>(List.of(setPageWriteback(page), k.unlockPageStep(page),
                    bioAddPage(page, index)));
            if (!boundary.isEmpty()) {
                // A boundary block: mpage_bio_submit at once, then write_boundary_block.
                next.add(Step.silent("mpage_bio_submit (boundary)", a -> {
                    a.pushFront(boundary);
                    submitPending(a);
                    return StepResult.DONE;
                }));
            }
            self.pushFront(next);
            if (bio != null && index != nextIndex) {
                // __mpage_writepage sends the bio off before it adds this page, with this page locked:
                // a writer's lock_page waits while the submitter sleeps in get_request.
                submitPending(self);
            }
            return StepResult.DONE;
        };
        return visible ? Step.of("writepage", page, body) : Step.silent("writepage", body);
    }

    private Step clearPageDirtyForIo(Page page) {
        return Step.of("clear_page_dirty_for_io", page, self -> {
            long before = k.costs().pteWriteProtects;
            k.clearPageDirtyForIo(page);
            if (self.tracing()) {
                self.note("page_mkclean write-protected " + (k.costs().pteWriteProtects - before) + " PTE(s)");
            }
            return StepResult.DONE;
        });
    }

    private Step setPageWriteback(Page page) {
        return Step.of("set_page_writeback", page, self -> {
            if (page.test(Page.PG_ERROR)) {
                page.clear(Page.PG_ERROR); // a new write clears the old error, as ext4_bio_write_page does
                if (self.tracing()) {
                    self.note("ClearPageError, as ext4_bio_write_page does");
                }
            }
            k.setPageWriteback(page);
            return StepResult.DONE;
        });
    }

    private Step bioAddPage(Page page, int index) {
        return Step.of("bio_add_page", page, self -> {
            if (bio == null) {
                // No SYNC flag, WB_SYNC_ALL or not: 3.x's __mpage_writepage (ext2's data) submits WRITE, which
                // "fs/mpage.c: forgotten WRITE_SYNC in case of data integrity write" (Roman Pen, linux-mm, Dec 2014)
                // fixed later. __block_write_full_page (a page with buffers) sends WRITE_SYNC for WB_SYNC_ALL; the
                // model leaves that out: only timed runs order by the flag, and their data pages have no buffers.
                bio = new Bio(Bio.Origin.WRITEBACK, mapping.sectorOf(index, k.pageSize()));
            }
            bio.addPage(page, 0, k.pageSize());
            bioPages.add(page);
            nextIndex = index + 1;
            return StepResult.DONE;
        });
    }

    /** Pushes the submission of the bio being built, if any, in front of the actor's program. */
    private void submitPending(Actor self) {
        if (bio == null) {
            return;
        }
        List<Page> pages = List.copyOf(bioPages);
        Bio full = bio;
        bio = null;
        bioPages.clear();
        self.pushFront(k.block.submitBioSteps(full, done -> endBioPageWrite(done, pages)));
    }

    /**
     * The filesystem's end_io ({@code mpage_end_io}): per page, on error {@code SetPageError} and
     * {@code mapping_set_error}, then {@code end_page_writeback}. The pages are the submitter's, not
     * whatever a strategy swapped into the bio.
     */
    private List<Step> endBioPageWrite(Bio done, List<Page> pages) {
        List<Step> steps = new ArrayList<>(pages.size());
        for (Page page : pages) {
            steps.add(Step.of("end_page_writeback", page, self -> {
                if (page.buffers() != null) {
                    k.buffers.unlockBuffer(page.buffers()); // end_buffer_async_write
                }
                if (done.status() != BlkStatus.OK) {
                    page.set(Page.PG_ERROR);
                    mapping.setError(done.faultInjected());
                    if (self.tracing()) {
                        self.note("SetPageError, mapping_set_error(-EIO); end_io does not redirty");
                    }
                }
                k.endPageWriteback(page);
                return StepResult.DONE;
            }));
        }
        return steps;
    }
}
