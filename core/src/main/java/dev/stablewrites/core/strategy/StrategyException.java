package dev.stablewrites.core.strategy;

/**
 * What a strategy's own code threw, wrapped where the kernel calls into it: a hook, a step added
 * with {@link Steps#add}, work queued with {@code Kernel.queueWork(String, Page, StepBody)}. A run
 * fails any exception of kernel code as an oops; this wrapper lets the report say the strategy's
 * code threw, rather than a primitive it used or the model (steps the strategy pushes itself, or
 * queues as ready-made steps, are reported as kernel code).
 */
public final class StrategyException extends RuntimeException {
    /** Wraps {@code cause}, thrown by a strategy's code. */
    public StrategyException(Throwable cause) {
        super(cause.toString(), cause);
    }

    /** Runs {@code body}, wrapping what it throws. */
    public static <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (StrategyException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            throw new StrategyException(e);
        }
    }

    /** Runs {@code body}, wrapping what it throws. */
    public static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }
}
