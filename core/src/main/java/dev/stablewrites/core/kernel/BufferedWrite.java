package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.List;

/**
 * A buffered {@code write()} into one page-cache page: {@code write_begin}
 * ({@code grab_cache_page_write_begin}: find the page, {@code lock_page}), the strategy's
 * {@code write_begin} steps, {@code copy_from_user} through the direct map, {@code write_end}
 * ({@code set_page_dirty}, {@code unlock_page}).
 */
final class BufferedWrite {
    private BufferedWrite() {
    }

    static List<Step> write(Kernel k, Page page, int offset, int length, byte value) {
        return List.of(
                Step.of("grab_cache_page_write_begin", page, self -> k.lockPage(self, page)),
                k.writeBeginHook(page),
                Step.of("copy_from_user", page, self -> {
                    if (k.kernelWrite(self, page, offset, length, value) && self.tracing()) {
                        self.note(String.format("%d bytes of 0x%02x at +0x%x through the direct map", length,
                                value & 0xff, offset));
                    }
                    return StepResult.DONE;
                }),
                Step.of("write_end", page, self -> {
                    k.setPageDirty(page);
                    k.unlockPage(page);
                    k.returnToUser(self, "write", false);
                    return StepResult.DONE;
                }));
    }
}
