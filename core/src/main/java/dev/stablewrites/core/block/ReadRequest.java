package dev.stablewrites.core.block;

/**
 * A synchronous read of a filesystem's metadata block ({@code sb_bread}): where it is, how many
 * bytes, what it is (for a trace), and what to run in the disk's context when it is in.
 *
 * @param sector start sector, in 512-byte units
 * @param bytes  bytes read
 * @param what   what the block is, e.g. "block bitmap of group 0"
 * @param done   runs when the read completes ({@code end_buffer_read_sync}: unlock the buffer, wake the waiter)
 */
public record ReadRequest(long sector, int bytes, String what, Runnable done) {
}
