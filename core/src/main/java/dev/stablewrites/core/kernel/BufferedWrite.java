package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.List;

/**
 * A buffered {@code write()} into one page-cache page, as {@code generic_perform_write} runs it:
 * {@code write_begin} ({@code grab_cache_page_write_begin}: find the page, {@code lock_page}), the
 * strategy's {@code write_begin} steps, {@code copy_from_user} through the direct map,
 * {@code write_end} ({@code set_page_dirty}, {@code unlock_page}).
 *
 * <p>A copy that faults on a read-only direct map comes back short (x86's exception fixup, not an
 * oops); {@code write_end} then dirties nothing and the loop starts again from {@code write_begin}
 * after {@code cond_resched}, spinning until someone makes the page writable again.
 */
final class BufferedWrite {
    private BufferedWrite() {
    }

    static List<Step> write(Kernel k, Page page, int offset, int length, byte value) {
        boolean[] copied = new boolean[1];
        return List.of(
                Step.of("grab_cache_page_write_begin", page, self -> k.lockPage(self, page)),
                k.writeBeginHook(page),
                Step.of("copy_from_user", page, self -> {
                    copied[0] = k.copyFromUser(page, offset, length, value);
                    if (self.tracing()) {
                        self.note(copied[0]
                                ? String.format("%d bytes of 0x%02x at +0x%x (%s) through the direct map", length,
                                        value & 0xff, offset, k.intervalsOf(offset, length))
                                : "#PF on the read-only direct map: exception fixup, 0 bytes copied");
                    }
                    return StepResult.DONE;
                }),
                Step.of("write_end", page, self -> {
                    if (!copied[0]) {
                        k.unlockPage(page);
                        if (self.tracing()) {
                            self.note("copied 0: page not dirtied; unlock_page; generic_perform_write retries");
                        }
                        self.yieldCpu();
                        self.pushFront(write(k, page, offset, length, value));
                        return StepResult.DONE;
                    }
                    k.setPageDirty(page);
                    k.unlockPage(page);
                    k.returnToUser(self, "write", false, length, false);
                    return StepResult.DONE;
                }));
    }
}
