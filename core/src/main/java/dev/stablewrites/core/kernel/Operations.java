package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.scenario.Jbd2Mode;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario's operations into the kernel's steps, for one system: the file's mapping (for
 * page-cache scenarios), the page the scenario writes, where that page lives on the device, and the
 * filesystem's journal, if it has one (jbd2 metadata, or ext3 {@code data=ordered}).
 */
public final class Operations {
    private final Kernel kernel;
    private final AddressSpace mapping;
    private final Page page;
    private final long sector;
    private Jbd2Buffer jbd2;
    private Ext3Ordered ext3;

    public Operations(Kernel kernel, AddressSpace mapping, Page page, long sector) {
        this.kernel = kernel;
        this.mapping = mapping;
        this.page = page;
        this.sector = sector;
    }

    /**
     * Journals {@code page}, a metadata buffer whose home block is at this system's sector, with
     * jbd2; the journal area follows the home block.
     */
    public Operations withJbd2(Jbd2Mode mode) {
        jbd2 = new Jbd2Buffer(new Journal(kernel, journalSector()), mode, page, sector);
        return this;
    }

    /** Mounts the file as ext3 {@code data=ordered}: kjournald writes its data page; the journal follows it. */
    public Operations withExt3Ordered() {
        ext3 = new Ext3Ordered(new Journal(kernel, journalSector()), mapping, page);
        return this;
    }

    /** The first sector of the journal area: right after the page's home block. */
    private long journalSector() {
        return sector + kernel.pageSize() / 512;
    }

    /** The steps of {@code op}, performed by a task of process {@code mm}. */
    public List<Step> stepsOf(Op op, Mm mm) {
        List<Step> steps = kernelPathOf(op, mm);
        if (!op.type().writesData()) {
            return steps;
        }
        // Counted where the operation begins, whether or not a strategy then makes it wait.
        List<Step> out = new ArrayList<>(steps.size() + 1);
        out.add(Step.silent("store attempt", self -> {
            kernel.noteStoreAttempt(page);
            return StepResult.DONE;
        }));
        out.addAll(steps);
        return out;
    }

    private List<Step> kernelPathOf(Op op, Mm mm) {
        byte value = (byte) op.value();
        return switch (op.type()) {
            case STORE -> List.of(UserStore.store(kernel, mm, page, op.offset(), op.length(), value));
            case WRITE -> BufferedWrite.write(kernel, page, op.offset(), op.length(), value, ext3);
            case UPDATE -> jbd2().update(op.offset(), op.length(), value);
            case FSYNC -> Writeback.fsync(kernel, mapping);
            case FLUSH -> Writeback.flush(kernel, mapping);
            case DIO -> DirectIo.write(kernel, page, sector);
            case COMMIT -> ext3 != null ? ext3.commit() : jbd2().commit();
            case CHECKPOINT -> jbd2().checkpoint();
        };
    }

    private Jbd2Buffer jbd2() {
        if (jbd2 == null) {
            throw new IllegalStateException("no jbd2 journal in this system");
        }
        return jbd2;
    }
}
