package dev.stablewrites.core.mm;

/** Who a page belongs to; it decides which paths may write it back and with which flags. */
public sealed interface PageOwner {
    /** A page-cache page: page {@code index} of file {@code file}. */
    record PageCache(String file, int index) implements PageOwner {
        @Override
        public String toString() {
            return file + "[" + index + "]";
        }
    }

    /** An anonymous user page of process {@code pid} (a buffer; the O_DIRECT source). */
    record Anon(int pid) implements PageOwner {
        @Override
        public String toString() {
            return "anon(pid " + pid + ")";
        }
    }

    /** A kernel buffer such as journal metadata: no PTE maps it, only the direct map. */
    record KernelBuffer(String what) implements PageOwner {
        @Override
        public String toString() {
            return what;
        }
    }

    /**
     * A page allocated by the I/O path (a bounce page or a frozen copy).
     *
     * @param pfn    its own frame number, so a trace tells successive copies apart
     * @param forPfn the frame number of the page it copies
     */
    record Bounce(int pfn, int forPfn) implements PageOwner {
        @Override
        public String toString() {
            return "bounce pfn " + pfn + " (copy of pfn " + forPfn + ")";
        }
    }
}
