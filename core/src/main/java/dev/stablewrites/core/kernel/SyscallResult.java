package dev.stablewrites.core.kernel;

import dev.stablewrites.core.state.NotState;

/**
 * What a system call returned to its caller.
 *
 * @param actor the calling actor's id
 * @param call  the call, e.g. {@code fsync}, {@code pwrite(O_DIRECT)}, {@code jbd2 commit}
 * @param eio   whether it returned {@code -EIO}
 * @param step  the step at which it returned
 */
public record SyscallResult(char actor, String call, boolean eio, @NotState int step) {
}
