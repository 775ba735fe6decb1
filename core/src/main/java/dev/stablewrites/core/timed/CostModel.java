package dev.stablewrites.core.timed;

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
 */
public record CostModel(int cpus, double syscallNs, double kernelStepNs, double irqStepNs, double copyNsPerByte,
                        double checksumNsPerByte, double faultNs, double tlbShootdownNs, double setMemoryNs,
                        double wakeupNs, double thinkNs, String device, double deviceSetupNs,
                        double deviceRandomNs, double deviceSequentialNs, double deviceNsPerByte, int nrRequests) {

    private static final String DEFAULTS = "cost-model.properties";
    private static final double MAX = 1e10;

    /** The documented defaults. */
    public static CostModel defaults() {
        return from(defaultProperties());
    }

    /** The defaults with {@code overrides} (key to value) applied. */
    public static CostModel withOverrides(Map<String, String> overrides) {
        Properties p = defaultProperties();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            checkKey(p, e.getKey());
            p.setProperty(e.getKey(), e.getValue().trim());
        }
        return from(p);
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
        if (!p.containsKey("device." + device + ".random.ns")) {
            TreeSet<String> presets = new TreeSet<>();
            p.stringPropertyNames().stream().filter(k -> k.endsWith(".random.ns") && k.startsWith("device."))
                    .forEach(k -> presets.add(k.substring("device.".length(), k.length() - ".random.ns".length())));
            throw new IllegalArgumentException("unknown device '" + device + "'; valid: " + String.join(", ", presets));
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
        return new CostModel((int) cpus, number(p, "syscall.ns"), number(p, "kernel.step.ns"), number(p, "irq.step.ns"),
                number(p, "copy.ns-per-byte"), number(p, "checksum.ns-per-byte"), number(p, "fault.ns"),
                number(p, "tlb.shootdown.ns"), number(p, "set-memory.ns"), number(p, "wakeup.ns"),
                number(p, "think.ns"), device, number(p, "device." + device + ".setup.ns"),
                number(p, "device." + device + ".random.ns"), number(p, "device." + device + ".sequential.ns"),
                1000.0 / mbPerS, (int) nr);
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
        return String.format(java.util.Locale.ROOT, "%d CPUs, device %s (%.3g ms a seek, %.3g ms sequential, %.0f MB/s),"
                        + " checksum %.2g ns/B, copy %.2g ns/B", cpus, device, deviceRandomNs / 1e6,
                deviceSequentialNs / 1e6, 1000.0 / deviceNsPerByte, checksumNsPerByte, copyNsPerByte);
    }
}
