package dev.stablewrites.core.scenario;

/**
 * How jbd2 lets a buffer go again after its commit logged it, the kernel-model option {@code jbd2=}.
 * Both have both of jbd2's guards in {@code do_get_write_access}: a task that wants to change a
 * buffer the commit is writing to the log sleeps, and one that comes before the commit reached
 * the buffer makes a frozen copy ({@code b_frozen_data}) for the log. They differ in how long the
 * sleeper sleeps.
 */
public enum Jbd2Mode {
    /**
     * Linux 3.11 and later (commit b34090e5e22a, "jbd2: refine waiting for shadow buffers"): the
     * commit sets {@code BH_Shadow} on the buffer and the log write's completion
     * ({@code journal_end_buffer_io_sync}) clears it and wakes the sleeper, in interrupt context.
     */
    SHADOW_WAIT("shadow-wait"),
    /**
     * Linux 2.6.38 to 3.10: the buffer sits on {@code BJ_Shadow} until the commit thread, after
     * {@code wait_on_buffer} of its log writes, refiles it to {@code BJ_Forget} and wakes
     * {@code BH_Unshadow}: the sleeper waits for the commit thread, not only for the I/O.
     */
    FROZEN_COPY("frozen-copy");

    private final String id;

    Jbd2Mode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Jbd2Mode byId(String id) {
        for (Jbd2Mode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }
}
