package dev.stablewrites.core.timed;

import dev.stablewrites.core.block.CfqFifo;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What each counted event costs in simulated time: the timed mode's cost model. The defaults, each
 * with its source, are in {@code cost-model.properties} beside this class; a user overrides any key.
 *
 * @param cpus                CPUs the tasks share
 * @param syscallNs           entering and leaving one system call
 * @param kernelStepNs        one step of kernel bookkeeping on a CPU
 * @param irqStepNs           one completion step in a device's interrupt context
 * @param copyNsPerByte       copying memory (bounce copies, copy_from_user, user stores)
 * @param checksumNsPerByte   generating integrity tuples on the CPU
 * @param faultNs             one write fault, without any wait it makes
 * @param tlbShootdownNs      one PTE write-protected by {@code page_mkclean}, with its TLB shootdown
 * @param setMemoryNs         one {@code set_memory_ro} or {@code set_memory_rw}
 * @param wakeupNs            waking a sleeping task and switching to it
 * @param thinkNs             a workload thread's own work between two operations
 * @param device              the device preset's name
 * @param deviceSetupNs       per command, before its data moves
 * @param deviceRandomNs      per command, after its data moved and before it completes, when it seeks
 * @param deviceSequentialNs  the same when the command starts where the previous one ended
 * @param deviceNsPerByte     per byte moved (the inverse of the bandwidth)
 * @param nrRequests          requests the queue holds before a submitter sleeps for one
 * @param drive               the preset's mechanics beyond the four figures above: write cache, NCQ, seek curve
 * @param vm                  the memory and writeback tunables of Linux 3.8
 * @param cfq                 Linux 3.8's CFQ tunables for the FIFO expiry of the device queue
 * @param source              every key and value this model was made from, for {@link #withDevice}
 */
public record CostModel(int cpus, double syscallNs, double kernelStepNs, double irqStepNs, double copyNsPerByte,
                        double checksumNsPerByte, double faultNs, double tlbShootdownNs, double setMemoryNs,
                        double wakeupNs, double thinkNs, String device, double deviceSetupNs,
                        double deviceRandomNs, double deviceSequentialNs, double deviceNsPerByte, int nrRequests,
                        Drive drive, Vm vm, CfqFifo.Tunables cfq, Map<String, String> source) {

    /**
     * A drive's mechanics. A preset that gives no capacity keeps the two-figure model (a seek or
     * not); one that does prices a seek by its distance.
     *
     * @param writeCache         whether a write completes once in the drive's cache (then destaged at media speed)
     * @param queueDepth         commands the drive holds and reorders (NCQ); 1: one at a time
     * @param capacitySectors    the drive's size in 512-byte sectors, or 0 for no seek curve
     * @param trackToTrackNs     the shortest seek
     * @param rotationNs         average rotational latency (half a revolution)
     * @param interfaceNsPerByte bytes into the write cache (the link's speed)
     * @param cacheBytes         the write cache's size
     * @param cacheOrder         the order the write cache destages in, and what a write hit waits for
     * @param pi                 whether the drive carries T10 protection information (SATA does not): a
     *                           timed run given no scenario options checksums at submit only where it does
     */
    public record Drive(boolean writeCache, int queueDepth, long capacitySectors, double trackToTrackNs,
                        double rotationNs, double interfaceNsPerByte, long cacheBytes, WriteCacheOrder cacheOrder,
                        boolean pi) {
    }

    /**
     * Linux 3.8's dirty-page limits and writeback ({@code mm/page-writeback.c}, {@code fs/fs-writeback.c}).
     *
     * @param memoryBytes            the memory dirty pages are counted against (dirtyable memory)
     * @param dirtyBackgroundRatio   {@code vm.dirty_background_ratio}, percent
     * @param dirtyRatio             {@code vm.dirty_ratio}, percent
     * @param dirtyExpireNs          {@code vm.dirty_expire_centisecs}, as ns
     * @param writebackChunkPages    pages written from one inode before the flusher moves to the next
     */
    public record Vm(long memoryBytes, int dirtyBackgroundRatio, int dirtyRatio, long dirtyExpireNs,
                     int writebackChunkPages) {
        /** Pages above which the flusher writes in the background. */
        public long backgroundThreshPages(int pageSize) {
            return memoryBytes / pageSize * dirtyBackgroundRatio / 100;
        }

        /** Pages (dirty plus under writeback) above which a writer is throttled in {@code balance_dirty_pages}. */
        public long dirtyThreshPages(int pageSize) {
            return memoryBytes / pageSize * dirtyRatio / 100;
        }
    }

    /** The same model on another device preset. */
    public CostModel withDevice(String preset) {
        Properties p = new Properties();
        p.putAll(source);
        p.setProperty("device", preset);
        return from(p);
    }

    /** The preset a workload runs on: its own ({@code workload.ID.device}) when the model names one, else {@link #device}. */
    public CostModel forWorkload(WorkloadKind kind) {
        String own = source.get("workload." + kind.id() + ".device");
        return own == null || own.equals(device) ? this : withDevice(own);
    }

    private static final String DEFAULTS = "cost-model.properties";
    private static final double MAX = 1e10;
    /** The largest CFQ tunable, in milliseconds: longer than any timed run. */
    private static final double MAX_MILLIS = 1e7;

    /** The documented defaults. */
    public static CostModel defaults() {
        return withWorkloadPresets(from(defaultProperties()));
    }

    /** The defaults with {@code overrides} (key to value) applied. */
    public static CostModel withOverrides(Map<String, String> overrides) {
        Properties p = defaultProperties();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            checkKey(p, e.getKey());
            p.setProperty(e.getKey(), e.getValue().trim());
        }
        if (overrides.containsKey("device")) {
            // A device asked for is every workload's, unless a workload's own preset is asked for too.
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("workload.") && k.endsWith(".device") && !overrides.containsKey(k)) {
                    p.setProperty(k, overrides.get("device").trim());
                }
            }
        }
        return withWorkloadPresets(from(p));
    }

    /**
     * {@code m}, once each preset a workload runs on ({@code workload.ID.device}) is read as well: a bad
     * value there fails here, in one line, not when that workload's run starts.
     */
    private static CostModel withWorkloadPresets(CostModel m) {
        m.source.entrySet().stream().filter(e -> e.getKey().startsWith("workload.") && e.getKey().endsWith(".device"))
                .filter(e -> !e.getValue().trim().equals(m.device)).forEach(e -> {
                    try {
                        m.withDevice(e.getValue().trim());
                    } catch (IllegalArgumentException bad) {
                        throw new IllegalArgumentException(bad.getMessage() + " (the preset " + e.getKey() + " names)");
                    }
                });
        return m;
    }

    /** The keys of a cost-model file read from {@code text}, in the defaults file's format. */
    public static Map<String, String> parse(String text) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cost model: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static Properties defaultProperties() {
        Properties p = new Properties();
        try (InputStream in = CostModel.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS + ": " + e, e);
        }
        return p;
    }

    private static void checkKey(Properties defaults, String key) {
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException("unknown cost-model key '" + key + "'; valid: "
                    + String.join(", ", new TreeSet<>(defaults.stringPropertyNames())));
        }
    }

    private static CostModel from(Properties p) {
        String device = p.getProperty("device");
        TreeSet<String> presets = new TreeSet<>();
        p.stringPropertyNames().stream().filter(k -> k.endsWith(".random.ns") && k.startsWith("device."))
                .forEach(k -> presets.add(k.substring("device.".length(), k.length() - ".random.ns".length())));
        for (String k : p.stringPropertyNames()) {
            String named = k.startsWith("workload.") && k.endsWith(".device") ? p.getProperty(k).trim()
                    : k.equals("device") ? device : null;
            if (named != null && !presets.contains(named)) {
                throw new IllegalArgumentException("unknown device '" + named + "'" + (k.equals("device") ? "" : " in " + k)
                        + "; valid: " + String.join(", ", presets));
            }
        }
        double mbPerS = positive(p, "device." + device + ".bandwidth.mb-per-s");
        if (mbPerS > 1e6 || mbPerS < 1e-3) {
            throw new IllegalArgumentException("impossible device." + device + ".bandwidth.mb-per-s " + mbPerS
                    + ": 0.001 to 1000000");
        }
        double cpus = positive(p, "cpus");
        if (cpus != Math.rint(cpus) || cpus > 4096) {
            throw new IllegalArgumentException("impossible cpus " + p.getProperty("cpus") + ": a whole number, 1 to 4096");
        }
        double nr = positive(p, "nr-requests");
        if (nr != Math.rint(nr) || nr > 4096) {
            throw new IllegalArgumentException("impossible nr-requests " + p.getProperty("nr-requests")
                    + ": a whole number, 1 to 4096");
        }
        String d = "device." + device + ".";
        boolean cache = bool(p, d + "write-cache", false);
        double depth = p.containsKey(d + "queue-depth") ? positive(p, d + "queue-depth") : 1;
        if (depth != Math.rint(depth) || depth > 256) {
            throw new IllegalArgumentException("impossible " + d + "queue-depth " + p.getProperty(d + "queue-depth")
                    + ": a whole number, 1 to 256");
        }
        double gib = p.containsKey(d + "capacity.gib") ? number(p, d + "capacity.gib") : 0;
        double iface = p.containsKey(d + "interface.mb-per-s") ? positive(p, d + "interface.mb-per-s") : mbPerS;
        double cacheMib = p.containsKey(d + "cache.mib") ? number(p, d + "cache.mib") : 0;
        Drive drive = new Drive(cache, (int) depth, (long) (gib * (1L << 30) / 512),
                p.containsKey(d + "track-to-track.ns") ? number(p, d + "track-to-track.ns") : 0,
                p.containsKey(d + "rotation.ns") ? number(p, d + "rotation.ns") : 0, 1000.0 / iface,
                (long) (cacheMib * (1 << 20)), cacheOrder(p, d + "write-cache.order"), bool(p, d + "pi", true));
        if (gib > 0 && drive.trackToTrackNs() + drive.rotationNs() > number(p, d + "random.ns")) {
            throw new IllegalArgumentException("impossible " + d + "random.ns: below track-to-track plus rotation");
        }
        if (cache && drive.cacheBytes() < 1 << 20) {
            throw new IllegalArgumentException("impossible " + d + "cache.mib: a write cache of at least 1 MiB");
        }
        double bg = positive(p, "vm.dirty_background_ratio");
        double ratio = positive(p, "vm.dirty_ratio");
        if (bg > 100 || ratio > 100 || bg != Math.rint(bg) || ratio != Math.rint(ratio)) {
            throw new IllegalArgumentException("impossible vm.dirty_background_ratio or vm.dirty_ratio: whole percents, 1 to 100");
        }
        double chunk = positive(p, "writeback.chunk-pages");
        Vm vm = new Vm((long) (positive(p, "memory.mib") * (1 << 20)), (int) bg, (int) ratio,
                (long) (number(p, "vm.dirty_expire_centisecs") * 10_000_000L), (int) Math.min(chunk, 1 << 20));
        Map<String, String> source = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> source.put(k, p.getProperty(k)));
        return new CostModel((int) cpus, number(p, "syscall.ns"), number(p, "kernel.step.ns"), number(p, "irq.step.ns"),
                number(p, "copy.ns-per-byte"), number(p, "checksum.ns-per-byte"), number(p, "fault.ns"),
                number(p, "tlb.shootdown.ns"), number(p, "set-memory.ns"), number(p, "wakeup.ns"),
                number(p, "think.ns"), device, number(p, "device." + device + ".setup.ns"),
                number(p, "device." + device + ".random.ns"), number(p, "device." + device + ".sequential.ns"),
                1000.0 / mbPerS, (int) nr, drive, vm, new CfqFifo.Tunables(millis(p, "iosched.fifo_expire_async", false),
                        millis(p, "iosched.fifo_expire_sync", false), millis(p, "iosched.slice_async", true),
                        millis(p, "iosched.slice_idle", false), millis(p, "iosched.slice_sync", true), hz(p)),
                java.util.Collections.unmodifiableMap(source));
    }

    private static WriteCacheOrder cacheOrder(Properties p, String key) {
        String s = p.getProperty(key, WriteCacheOrder.DRIVE.key()).trim();
        for (WriteCacheOrder o : WriteCacheOrder.values()) {
            if (o.key().equals(s)) {
                return o;
            }
        }
        throw new IllegalArgumentException("cost-model key " + key + " is one of " + java.util.Arrays.stream(
                WriteCacheOrder.values()).map(WriteCacheOrder::key).collect(java.util.stream.Collectors.joining(", "))
                + ", not '" + s + "'");
    }

    /** {@code kernel.hz}: one of Kconfig.hz's choices. */
    private static int hz(Properties p) {
        double hz = number(p, "kernel.hz");
        if (hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
            throw new IllegalArgumentException("impossible kernel.hz " + p.getProperty("kernel.hz").trim()
                    + ": one of 100, 250, 300, 1000 (kernel/Kconfig.hz)");
        }
        return (int) hz;
    }

    private static boolean bool(Properties p, String key, boolean otherwise) {
        String s = p.getProperty(key);
        if (s == null) {
            return otherwise;
        }
        return switch (s.trim()) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new IllegalArgumentException("cost-model key " + key + " is true or false, not '" + s + "'");
        };
    }

    /**
     * A CFQ tunable, in milliseconds as sysfs gives it, as nanoseconds: at most 10,000,000 ms,
     * checked in the key's own unit. The bound is past any timed run's length, so an expiry that
     * large is the way to switch it off and see what it did.
     *
     * @param aboveZero whether 0 is refused (a slice of no time); an expiry of 0 expires at once
     */
    private static double millis(Properties p, String key, boolean aboveZero) {
        double ms = aboveZero ? positive(p, key) : number(p, key);
        if (ms > MAX_MILLIS) {
            throw new IllegalArgumentException("impossible " + key + " " + p.getProperty(key).trim()
                    + ": milliseconds, at most 10000000");
        }
        return ms * 1e6;
    }

    private static double positive(Properties p, String key) {
        double v = number(p, key);
        if (v <= 0) {
            throw new IllegalArgumentException("impossible " + key + " " + p.getProperty(key) + ": it must be above 0");
        }
        return v;
    }

    private static double number(Properties p, String key) {
        String s = p.getProperty(key);
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("cost-model key " + key + " needs a number, not '" + s + "'");
        }
        // Ten simulated seconds per event (or per byte) is already absurd; far above it the clock
        // and the histograms would only lose precision.
        if (v < 0 || Double.isNaN(v) || v > MAX) {
            throw new IllegalArgumentException("impossible " + key + " " + s + ": a cost is a number from 0 to 1e10");
        }
        return v;
    }

    /** One line for a report's header. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d CPUs, device %s (%.3g ms a seek, %.3g ms sequential, %.0f MB/s%s%s),"
                        + " checksum %.2g ns/B, copy %.2g ns/B; %d MiB of memory, dirty limits %d%%/%d%%", cpus, device,
                deviceRandomNs / 1e6, deviceSequentialNs / 1e6, 1000.0 / deviceNsPerByte,
                (drive.writeCache() ? ", write cache on" : "") + (drive.pi() ? "" : ", no PI"),
                drive.queueDepth() > 1 ? ", NCQ " + drive.queueDepth() : "",
                checksumNsPerByte, copyNsPerByte, vm.memoryBytes() >> 20, vm.dirtyBackgroundRatio(), vm.dirtyRatio())
                + source.entrySet().stream().filter(e -> e.getKey().startsWith("workload.") && !e.getValue().equals(device))
                        .map(e -> "; " + e.getKey().substring("workload.".length(), e.getKey().length() - ".device".length())
                                + " on " + e.getValue() + (withDevice(e.getValue().trim()).drive().pi() ? "" : " (no PI)"))
                        .collect(java.util.stream.Collectors.joining());
    }
}
