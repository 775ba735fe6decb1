package dev.stablewrites.core.kernel;

import dev.stablewrites.core.mm.AddressSpace;
import dev.stablewrites.core.mm.Mm;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.scenario.Op;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario's operations into the kernel's steps, for one system: the file's mapping (for
 * page-cache scenarios), the page the scenario writes, and where that page lives on the device.
 */
public final class Operations {
    private final Kernel kernel;
    private final AddressSpace mapping;
    private final Page page;
    private final long sector;

    public Operations(Kernel kernel, AddressSpace mapping, Page page, long sector) {
        this.kernel = kernel;
        this.mapping = mapping;
        this.page = page;
        this.sector = sector;
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
            case WRITE -> BufferedWrite.write(kernel, page, op.offset(), op.length(), value);
            case UPDATE -> Journal.update(kernel, page, op.offset(), op.length(), value);
            case FSYNC -> Writeback.fsync(kernel, mapping);
            case FLUSH -> Writeback.flush(kernel, mapping);
            case DIO -> DirectIo.write(kernel, page, sector);
            case COMMIT -> Journal.commit(kernel, page, sector);
        };
    }
}
