package dev.stablewrites.core.strategy;

import dev.stablewrites.core.block.Bio;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Strategies composed per I/O path ({@code stable-pages+iomap-dio-bounce}): each hook calls the parts
 * in the order written, and each part only on its own {@linkplain Strategy#paths() paths}. Two parts
 * that act at the same hook on the same path would fight over one kernel point, so such a composition
 * is refused when it is made, in one line.
 */
public final class CompositeStrategy implements Strategy {
    /** A hook of the SPI, the paths it can see, and the method that implements it. */
    private enum Hook {
        PAGE_MKWRITE("page_mkwrite", "pageMkwrite", EnumSet.of(Bio.Origin.WRITEBACK), PageHook.class),
        WRITE_BEGIN("write_begin", "writeBegin", EnumSet.of(Bio.Origin.WRITEBACK), PageHook.class),
        BIO_INTEGRITY_PREP("bio_integrity_prep", "bioIntegrityPrep", EnumSet.allOf(Bio.Origin.class), BioHook.class),
        BLK_QUEUE_BOUNCE("blk_queue_bounce", "blkQueueBounce", EnumSet.allOf(Bio.Origin.class), BioHook.class),
        BIO_END_IO("bio_endio", "bioEndIo", EnumSet.allOf(Bio.Origin.class), BioCompletion.class),
        SUBMIT_DIRECT_IO("submit_direct_io", "submitDirectIo", EnumSet.of(Bio.Origin.DIRECT_IO), BioHook.class),
        SUBMIT_BH("submit_bh", "submitBh",
                EnumSet.of(Bio.Origin.JOURNAL_LOG, Bio.Origin.CHECKPOINT, Bio.Origin.EXT3_DATA,
                        Bio.Origin.METADATA), BioHook.class),
        JOURNAL_GET_WRITE_ACCESS("jbd2_journal_get_write_access", "journalGetWriteAccess",
                EnumSet.of(Bio.Origin.JOURNAL_LOG), PageHook.class);

        final String kernelName;
        final String method;
        final Set<Bio.Origin> origins;
        final Class<?> argument;

        Hook(String kernelName, String method, Set<Bio.Origin> origins, Class<?> argument) {
            this.kernelName = kernelName;
            this.method = method;
            this.origins = origins;
            this.argument = argument;
        }

        /** Whether {@code part} implements this hook (does not inherit the SPI's no-op). */
        boolean implementedBy(Strategy part) {
            try {
                Method m = part.getClass().getMethod(method, argument, Steps.class);
                return m.getDeclaringClass() != Strategy.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("the SPI has no " + method, e);
            }
        }
    }

    private final String id;
    private final List<String> ids;
    private final List<Strategy> parts;

    /**
     * @throws IllegalArgumentException in one line when two parts act at the same hook on the same path
     */
    public CompositeStrategy(List<String> ids, List<Strategy> parts) {
        this.ids = List.copyOf(ids);
        this.parts = List.copyOf(parts);
        this.id = String.join("+", ids);
        for (Hook h : Hook.values()) {
            for (int i = 0; i < parts.size(); i++) {
                for (int j = i + 1; j < parts.size(); j++) {
                    Set<Bio.Origin> both = claimed(h, parts.get(i));
                    both.retainAll(claimed(h, parts.get(j)));
                    if (!both.isEmpty()) {
                        throw new IllegalArgumentException("cannot compose " + id + ": " + ids.get(i) + " and " + ids.get(j)
                                + " both act at " + h.kernelName + " on " + names(both)
                                + "; compose parts that act on different paths");
                    }
                }
            }
        }
    }

    private static Set<Bio.Origin> claimed(Hook h, Strategy part) {
        Set<Bio.Origin> s = EnumSet.noneOf(Bio.Origin.class);
        if (h.implementedBy(part)) {
            s.addAll(h.origins);
            s.retainAll(part.paths());
        }
        return s;
    }

    private static String names(Set<Bio.Origin> origins) {
        List<String> n = new ArrayList<>();
        origins.forEach(o -> n.add(o.name().toLowerCase(java.util.Locale.ROOT)));
        return String.join(", ", n) + (n.size() == 1 ? " bios" : " bios");
    }

    /** The parts, in the order written. */
    public List<Strategy> parts() {
        return parts;
    }

    @Override
    public String description() {
        List<String> d = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            d.add(ids.get(i) + " (" + names(EnumSet.copyOf(parts.get(i).paths())) + ")");
        }
        return "composed per path: " + String.join(" + ", d);
    }

    @Override
    public Set<Bio.Origin> paths() {
        Set<Bio.Origin> all = EnumSet.noneOf(Bio.Origin.class);
        parts.forEach(p -> all.addAll(p.paths()));
        return all;
    }

    private static boolean on(Strategy part, Bio.Origin origin) {
        return part.paths().contains(origin);
    }

    @Override
    public void pageMkwrite(PageHook fault, Steps steps) {
        parts.stream().filter(p -> on(p, Bio.Origin.WRITEBACK)).forEach(p -> p.pageMkwrite(fault, steps));
    }

    @Override
    public void writeBegin(PageHook write, Steps steps) {
        parts.stream().filter(p -> on(p, Bio.Origin.WRITEBACK)).forEach(p -> p.writeBegin(write, steps));
    }

    @Override
    public void bioIntegrityPrep(BioHook submit, Steps steps) {
        parts.stream().filter(p -> on(p, submit.bio().origin())).forEach(p -> p.bioIntegrityPrep(submit, steps));
    }

    @Override
    public void blkQueueBounce(BioHook submit, Steps steps) {
        parts.stream().filter(p -> on(p, submit.bio().origin())).forEach(p -> p.blkQueueBounce(submit, steps));
    }

    @Override
    public void bioEndIo(BioCompletion completion, Steps steps) {
        parts.stream().filter(p -> on(p, completion.bio().origin())).forEach(p -> p.bioEndIo(completion, steps));
    }

    @Override
    public void submitDirectIo(BioHook submit, Steps steps) {
        parts.stream().filter(p -> on(p, Bio.Origin.DIRECT_IO)).forEach(p -> p.submitDirectIo(submit, steps));
    }

    @Override
    public void submitBh(BioHook submit, Steps steps) {
        parts.stream().filter(p -> on(p, submit.bio().origin())).forEach(p -> p.submitBh(submit, steps));
    }

    @Override
    public void journalGetWriteAccess(PageHook update, Steps steps) {
        parts.stream().filter(p -> on(p, Bio.Origin.JOURNAL_LOG)).forEach(p -> p.journalGetWriteAccess(update, steps));
    }

    @Override
    public String toString() {
        return id;
    }
}
