package dev.stablewrites.core.timed;

import java.util.ArrayDeque;

/**
 * What one drive's commands cost beyond moving their bytes: positioning the head (a seek by its
 * distance when the preset gives a capacity, else the preset's two figures), and, with the write
 * cache on, the cache: a write completes once its bytes are in, unless the cache is full; the
 * cache destages each write at the media's speed with its own seek, in the order it took them; a
 * read goes to the media ahead of the destaging and delays it by its own time.
 */
final class DriveTiming {
    private final CostModel m;
    private final CostModel.Drive d;
    /** Where the media's head is after the last destaged write or read, in sectors; -1 before any. */
    private long mediaHead = -1;
    /** When the destaging of everything the cache holds ends. */
    private double backlogEnd;
    /** The cache's writes not yet destaged: pairs of (destage end, bytes), oldest first. */
    private final ArrayDeque<double[]> cached = new ArrayDeque<>();
    private long cachedBytes;

    DriveTiming(CostModel m) {
        this.m = m;
        this.d = m.drive();
    }

    /**
     * Head positioning for a command {@code distance} sectors from the head (-1: unknown, the first
     * command), sequential when it starts where the last one ended.
     */
    double positioning(long distance, boolean sequential) {
        if (sequential) {
            return m.deviceSequentialNs();
        }
        if (d.capacitySectors() <= 0 || distance < 0) {
            return m.deviceRandomNs();
        }
        double averageSeek = m.deviceRandomNs() - d.rotationNs();
        double seek = d.trackToTrackNs() + (averageSeek - d.trackToTrackNs())
                * Math.sqrt(distance / (d.capacitySectors() / 3.0));
        return Math.min(seek, 2 * averageSeek) + d.rotationNs();
    }

    /** Nanoseconds per byte a command moves between memory and the drive. */
    double nsPerByte(boolean read) {
        return d.writeCache() && !read ? d.interfaceNsPerByte() : m.deviceNsPerByte();
    }

    /**
     * The time between the last byte of a successful command arriving at {@code now} and its
     * completion: the media write (no write cache), the read's positioning, or the wait for room
     * in a full write cache.
     *
     * @param distance sectors from the last command's end (the drive's view without a cache)
     */
    double complete(boolean read, long sector, int bytes, long distance, boolean sequential, double now) {
        if (!d.writeCache()) {
            return positioning(distance, sequential);
        }
        long fromMedia = mediaHead < 0 ? -1 : Math.abs(sector - mediaHead);
        double cost = positioning(fromMedia, sector == mediaHead) + (read ? 0 : bytes * m.deviceNsPerByte());
        mediaHead = sector + bytes / 512;
        if (read) {
            // Served at once; whatever the cache still had to destage now ends that much later.
            if (backlogEnd > now) {
                backlogEnd += cost;
                for (double[] e : cached) {
                    e[0] += cost;
                }
            }
            return cost;
        }
        while (!cached.isEmpty() && cached.peekFirst()[0] <= now) {
            cachedBytes -= (long) cached.pollFirst()[1];
        }
        double room = now;
        while (cachedBytes + bytes > d.cacheBytes() && !cached.isEmpty()) {
            double[] e = cached.pollFirst();
            cachedBytes -= (long) e[1];
            room = e[0];
        }
        backlogEnd = Math.max(backlogEnd, now) + cost;
        cached.addLast(new double[] {backlogEnd, bytes});
        cachedBytes += bytes;
        return room - now;
    }
}
