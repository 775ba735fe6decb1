package dev.stablewrites.core.strategy;

/**
 * What a strategy's code threw, wrapped where the kernel calls into it (a hook, or a step the
 * strategy added). A run fails such an exception as an oops of kernel code; anything else thrown
 * during a run is a bug of the model or the harness and is not blamed on the strategy.
 */
public final class StrategyException extends RuntimeException {
    public StrategyException(Throwable cause) {
        super(cause.toString(), cause);
    }

    /** Runs {@code body}, wrapping what it throws. */
    public static <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (StrategyException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
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
