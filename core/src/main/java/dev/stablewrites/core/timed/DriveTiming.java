package dev.stablewrites.core.timed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one drive's commands cost beyond moving their bytes: positioning the head (a seek by its
 * distance when the preset gives a capacity, else the preset's two figures), and, with the write
 * cache on, the cache: a write completes once its bytes are in, unless it must wait (for room in a
 * full cache, or for an older copy of its sectors to reach the media); a read goes to the media ahead
 * of the destaging and delays it by its own time.
 *
 * <p>The cache destages one write at a time at the media's speed, each with its own positioning, in
 * the {@link WriteCacheOrder} the preset gives.
 */
final class DriveTiming {
    private final CostModel m;
    private final CostModel.Drive d;
    private final WriteCacheOrder order;
    /** Where the media's head is after the last destaged write or read, in sectors; -1 before any. */
    private long mediaHead = -1;
    /** When the media finished its last destage or read: it is free from then (while none is in progress). */
    private double mediaFree;
    /** Cached writes not yet destaging, by start sector, each {bytes, arrival number}, oldest first. */
    private final TreeMap<Long, ArrayDeque<long[]>> bySector = new TreeMap<>();
    /** {@link WriteCacheOrder#ARRIVAL}: cached writes not yet destaging, {sector, bytes}, oldest first. */
    private final ArrayDeque<long[]> arrivals = new ArrayDeque<>();
    /** Older copies a write hit waits for, {sector, bytes}, to be destaged next in this order. */
    private final ArrayDeque<long[]> forced = new ArrayDeque<>();
    /** The write being destaged: its sector and bytes (0: none), and when it is on the media. */
    private long destagingSector;
    private int destaging;
    private boolean destagingForced;
    private double destageEnd;
    /** Forced destages (the one in progress included) a write hit still waits for. */
    private int forcedLeft;
    /** Bytes the cache holds, the write being destaged included. */
    private long cachedBytes;
    /** The longest cached write, in sectors: how far back an overlapping one can start. */
    private long longestSectors;
    private long arrivalNumber;
    private long destages;
    private long sequentialDestages;
    private long writeHits;
    /** Sees the start sector of each destage as it starts: for tests of the order. */
    private java.util.function.LongConsumer destageLog = sector -> { };

    DriveTiming(CostModel m) {
        this.m = m;
        this.d = m.drive();
        this.order = d.cacheOrder();
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
     * completion: the media write (no write cache), the read's positioning, or the wait for an older
     * copy of its sectors to reach the media and for room in a full write cache. Calls come in the
     * order of {@code now}.
     *
     * @param distance sectors from the last command's end (the drive's view without a cache)
     */
    double complete(boolean read, long sector, int bytes, long distance, boolean sequential, double now) {
        if (!d.writeCache()) {
            return positioning(distance, sequential);
        }
        destageUntil(now);
        if (read) {
            // Served at once, ahead of the destaging; a destage in progress ends that much later.
            double cost = positioning(mediaHead < 0 ? -1 : Math.abs(sector - mediaHead), sector == mediaHead);
            mediaHead = sector + bytes / 512;
            if (destaging > 0) {
                destageEnd += cost;
            }
            mediaFree = Math.max(mediaFree, now) + cost;
            return cost;
        }
        double room = now;
        if (order == WriteCacheOrder.COALESCE) {
            clearCovered(sector, bytes);
        }
        if (order == WriteCacheOrder.DRIVE && writeHit(sector, bytes)) {
            while (forcedLeft > 0) {
                room = destaging > 0 ? destageEnd : Math.max(room, mediaFree);
                destageUntil(room);
            }
        }
        while (cachedBytes + bytes > d.cacheBytes() && (destaging > 0 || !nothingPending())) {
            room = destaging > 0 ? destageEnd : Math.max(room, mediaFree);
            destageUntil(room);
        }
        if (destaging == 0 && nothingPending()) {
            mediaFree = Math.max(mediaFree, room); // an idle media starts on this write when it is in
        }
        if (order == WriteCacheOrder.ARRIVAL) {
            arrivals.addLast(new long[] {sector, bytes});
        } else {
            bySector.computeIfAbsent(sector, k -> new ArrayDeque<>()).addLast(new long[] {bytes, arrivalNumber++});
            longestSectors = Math.max(longestSectors, bytes / 512);
        }
        cachedBytes += bytes;
        destageUntil(room);
        return room - now;
    }

    /**
     * Whether the cache still holds a write to any of these sectors; if so, those writes (the one
     * being destaged included) become the ones the media writes next, oldest first.
     */
    private boolean writeHit(long sector, int bytes) {
        long end = sector + bytes / 512;
        if (destaging > 0 && destagingSector < end && destagingSector + destaging / 512 > sector) {
            destagingForced = true;
            forcedLeft++;
        }
        List<long[]> hits = new ArrayList<>(); // {sector, bytes, arrival number}
        Map<Long, ArrayDeque<long[]>> near = bySector.subMap(sector - longestSectors, false, end, false);
        for (Iterator<Map.Entry<Long, ArrayDeque<long[]>>> it = near.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ArrayDeque<long[]>> e = it.next();
            for (Iterator<long[]> w = e.getValue().iterator(); w.hasNext(); ) {
                long[] c = w.next();
                if (e.getKey() + c[0] / 512 > sector) {
                    hits.add(new long[] {e.getKey(), c[0], c[1]});
                    w.remove();
                }
            }
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        hits.sort((x, y) -> Long.compare(x[2], y[2]));
        for (long[] h : hits) {
            forced.addLast(new long[] {h[0], h[1]});
        }
        forcedLeft += hits.size();
        if (forcedLeft > 0) {
            writeHits++;
        }
        return forcedLeft > 0;
    }

    /**
     * {@link WriteCacheOrder#COALESCE}: drops the cached writes (not yet destaging) that lie wholly
     * within these sectors, which the new write replaces.
     */
    private void clearCovered(long sector, int bytes) {
        long end = sector + bytes / 512;
        boolean hit = false;
        Map<Long, ArrayDeque<long[]>> near = bySector.subMap(sector, true, end, false);
        for (Iterator<Map.Entry<Long, ArrayDeque<long[]>>> it = near.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ArrayDeque<long[]>> e = it.next();
            for (Iterator<long[]> w = e.getValue().iterator(); w.hasNext(); ) {
                long[] c = w.next();
                if (e.getKey() + c[0] / 512 <= end) {
                    cachedBytes -= c[0];
                    w.remove();
                    hit = true;
                }
            }
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        if (hit) {
            writeHits++;
        }
    }

    /** Destages, one write after another, every write whose turn comes by {@code t}. */
    private void destageUntil(double t) {
        while (true) {
            if (destaging > 0) {
                if (destageEnd > t) {
                    return;
                }
                cachedBytes -= destaging;
                destaging = 0;
                mediaFree = destageEnd;
                if (destagingForced) {
                    destagingForced = false;
                    forcedLeft--;
                }
            }
            if (nothingPending() || mediaFree > t) {
                return;
            }
            destagingForced = !forced.isEmpty();
            long[] next = pollNext();
            long sector = next[0];
            int bytes = (int) next[1];
            boolean sequential = sector == mediaHead;
            destageEnd = mediaFree + positioning(mediaHead < 0 ? -1 : Math.abs(sector - mediaHead), sequential)
                    + bytes * m.deviceNsPerByte();
            destagingSector = sector;
            destaging = bytes;
            mediaHead = sector + bytes / 512;
            destages++;
            destageLog.accept(sector);
            if (sequential) {
                sequentialDestages++;
            }
        }
    }

    private boolean nothingPending() {
        return forced.isEmpty() && (order == WriteCacheOrder.ARRIVAL ? arrivals.isEmpty() : bySector.isEmpty());
    }

    /** Takes the cached write to destage next: {sector, bytes}. */
    private long[] pollNext() {
        if (!forced.isEmpty()) {
            return forced.pollFirst();
        }
        if (order == WriteCacheOrder.ARRIVAL) {
            return arrivals.pollFirst();
        }
        long sector = nearestCached();
        ArrayDeque<long[]> at = bySector.get(sector);
        long[] w = at.pollFirst();
        if (at.isEmpty()) {
            bySector.remove(sector);
        }
        return new long[] {sector, w[0]};
    }

    /** The start sector of the cached write nearest the head (a tie goes forward, as the platter turns). */
    private long nearestCached() {
        if (mediaHead < 0) {
            return bySector.firstKey();
        }
        Long up = bySector.ceilingKey(mediaHead);
        Long down = bySector.floorKey(mediaHead);
        if (up == null) {
            return down;
        }
        if (down == null) {
            return up;
        }
        return up - mediaHead <= mediaHead - down ? up : down;
    }

    void setDestageLog(java.util.function.LongConsumer log) {
        destageLog = log;
    }

    /** Writes destaged so far. */
    long destages() {
        return destages;
    }

    /** Destages that started where the previous media access ended (no seek, no lost rotation). */
    long sequentialDestages() {
        return sequentialDestages;
    }

    /**
     * Writes that found an older copy of their sectors in the cache: with {@link WriteCacheOrder#DRIVE}
     * they waited for it, with {@link WriteCacheOrder#COALESCE} they replaced it.
     */
    long writeHits() {
        return writeHits;
    }

    /** Bytes the cache holds now (as of the last call). */
    long cachedBytes() {
        return cachedBytes;
    }
}
