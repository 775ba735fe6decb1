package dev.stablewrites.core.fault;

import dev.stablewrites.core.block.Bio;
import dev.stablewrites.core.block.BioVec;
import dev.stablewrites.core.block.Disk;
import dev.stablewrites.core.kernel.Kernel;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.mm.PageOwner;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WorkSource;
import java.util.List;

/**
 * The faulty component as an actor, {@code F}: one fault of its {@link FaultKind}, in one step, at
 * whatever moment the schedule picks it among the runnable actors, so explorers put it at every
 * point of the window. It is runnable only while its fault can land (a bio in flight; for the
 * media, after a write completed) and counts as a daemon: a run whose window closed before the
 * fault fired ends as it would without it.
 *
 * <p>Where it strikes is fixed, so the schedule alone decides whether it lands before or after the
 * device reads those bytes: bit 0 of the first byte of the bio's last interval (a flip, a stray
 * write), of the next interval the disk receives (the wire), of the page's last block (the media).
 * A fault that changes what a bio carries marks the bio, so the EIO it causes is not false
 * ({@code NO_FALSE_EIO}).
 */
public final class FaultActor implements WorkSource {
    /** The fault actor's id in schedules and traces. */
    public static final char ID = 'F';

    private final Kernel kernel;
    private final FaultKind kind;
    private final Page page;
    private final long lba0;
    private final int blocks;
    private boolean fired;

    private FaultActor(Kernel kernel, FaultKind kind, Page page, long lba0, int blocks) {
        this.kernel = kernel;
        this.kind = kind;
        this.page = page;
        this.lba0 = lba0;
        this.blocks = blocks;
    }

    /**
     * The actor {@code F} injecting {@code kind} into the system of {@code kernel}, whose data is
     * {@code page}, {@code blocks} blocks from {@code lba0} on the media.
     *
     * @throws IllegalArgumentException for {@link FaultKind#NONE}: a run without faults has no {@code F}
     */
    public static Actor create(Kernel kernel, FaultKind kind, Page page, long lba0, int blocks) {
        if (kind == FaultKind.NONE) {
            throw new IllegalArgumentException("faults=none has no fault actor");
        }
        Actor a = new Actor(ID, "faulty component (" + kind.id() + ")", Actor.Kind.DAEMON);
        a.setSource(new FaultActor(kernel, kind, page, lba0, blocks));
        return a;
    }

    @Override
    public boolean ready() {
        if (fired) {
            return false;
        }
        return switch (kind) {
            case FLIP, STRAY -> kernel.anyInFlight();
            case WIRE -> kernel.device().legs().get(0).pending() > 0;
            case MEDIA -> kernel.device().legs().get(0).completions() > 0;
            case NONE -> false;
        };
    }

    @Override
    public boolean exhausted() {
        return fired;
    }

    @Override
    public void loadNext(Actor self) {
        fired = true;
        self.pushFront(switch (kind) {
            case FLIP -> flip();
            case STRAY -> stray();
            case WIRE -> wire();
            case MEDIA -> media();
            case NONE -> throw new IllegalStateException("no fault to inject");
        });
    }

    /** A bit of the page the bio's last segment points at now (a bounce copy, if one was swapped in). */
    private Step flip() {
        Bio bio = carryingThePage(kernel.inFlightBios());
        BioVec last = bio.vecs().get(bio.vecs().size() - 1);
        Page target = last.page();
        int off = last.offset() + last.length() - kernel.interval();
        return Step.of("bit flip (memory)", target, self -> {
            target.data()[off] ^= 1;
            bio.markFaultInjected();
            if (self.tracing()) {
                self.note("bit 0 of " + target + "+0x" + Integer.toHexString(off) + " flipped under " + bio
                        + ", after its tuples were generated: no PTE, no direct map, no kernel code");
            }
            return StepResult.DONE;
        });
    }

    /**
     * The in-flight bio that carries the scenario's page, or a copy of it (a bounce page, jbd2's
     * frozen copy), else the first: a journal commit also writes its own descriptor and commit
     * blocks, and a flip there would say nothing about the data.
     */
    private Bio carryingThePage(List<Bio> bios) {
        for (Bio b : bios) {
            for (BioVec v : b.vecs()) {
                Page p = v.page();
                if (p == page || (p.owner() instanceof PageOwner.Bounce copy && copy.forPfn() == page.pfn())) {
                    return b;
                }
            }
        }
        return bios.get(0);
    }

    /** One byte through the direct map of the scenario's page: a buggy driver's store. */
    private Step stray() {
        List<Bio> bios = kernel.inFlightBios();
        int off = page.data().length - kernel.interval();
        return Step.of("stray kernel write (direct map)", page, self -> {
            if (kernel.directMap().readOnly(page)) {
                // The driver's store faults on the read-only direct map: an oops kills the driver, and
                // the page keeps its bytes. This is the fault caught, not an oops of the strategy.
                if (self.tracing()) {
                    self.note("oops: stray write to the read-only direct map of " + page
                            + " (BUG: unable to handle page fault): the buggy driver is caught, the page is intact");
                }
                self.kill("oops in a stray kernel write to a read-only direct map");
                return StepResult.DONE;
            }
            page.data()[off] ^= 1;
            for (Bio b : bios) {
                b.markFaultInjected();
            }
            if (self.tracing()) {
                self.note("byte +0x" + Integer.toHexString(off) + " of " + page
                        + " overwritten through the writable direct map while a bio of it is in flight");
            }
            return StepResult.DONE;
        });
    }

    private Step wire() {
        Disk disk = kernel.device().legs().get(0);
        return Step.of("bit flip (wire)", null, self -> {
            disk.armWireFlip();
            if (self.tracing()) {
                self.note("the next interval " + disk.actor().name() + " receives will have a bit flipped on the wire");
            }
            return StepResult.DONE;
        });
    }

    private Step media() {
        Disk disk = kernel.device().legs().get(0);
        long lba = lba0 + blocks - 1;
        return Step.of("bit flip (media)", null, self -> {
            disk.media().flipBit(lba, 0, 0);
            if (self.tracing()) {
                self.note("bit 0 of lba " + lba + " flipped on the media of " + disk.actor().name()
                        + ": only a read that verifies a checksum finds it");
            }
            return StepResult.DONE;
        });
    }
}
