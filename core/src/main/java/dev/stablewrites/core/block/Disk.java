package dev.stablewrites.core.block;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.integrity.Integrity;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.mm.Page;
import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.StepResult;
import dev.stablewrites.core.sched.WorkSource;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * A disk with a queue of submitted bios, DMAing one integrity interval per step from memory as it
 * is <em>at that step</em>. A protection-information target verifies each tuple on receipt and
 * fails the bio at the first mismatch; the intervals received before it are already on the media.
 */
public final class Disk implements BlockDevice, WorkSource {
    private final Actor actor;
    private final Media media;
    private final Integrity integrity;
    private final int interval;
    private final Costs costs;
    private final ArrayDeque<Bio> queue = new ArrayDeque<>();
    private final BitSet injectedErrors = new BitSet();
    private final Step dmaStep;
    private Bio current;
    private int cursor;
    private long commands;
    private long completions;
    /** The sector after the last command's data, for telling a sequential command from a seek. */
    private long headSector = -1;
    private boolean currentSequential;
    private boolean lastOk;
    private boolean elevator;
    /** Whether the next interval received has a bit flipped on the wire (a fault). */
    private boolean wireFlipArmed;
    private byte[] wireBuffer;

    public Disk(Actor actor, Media media, Integrity integrity, int interval, Costs costs) {
        this.actor = actor;
        this.media = media;
        this.integrity = integrity;
        this.interval = interval;
        this.costs = costs;
        this.dmaStep = Step.of("dma", null, self -> dmaOneInterval(self));
        actor.setSource(this);
    }

    public Actor actor() {
        return actor;
    }

    public Media media() {
        return media;
    }

    /**
     * Flips a bit of the next interval this disk receives on its way from memory (a fault on the
     * wire): memory keeps the right bytes, the disk verifies and stores the wrong ones.
     */
    public void armWireFlip() {
        wireFlipArmed = true;
    }

    /** Makes the next write that reaches block {@code lba} fail with an I/O error (fault injection). */
    public void injectWriteError(long lba) {
        injectedErrors.set((int) lba);
    }


    @Override
    public void submit(Bio bio) {
        queue.addLast(bio);
    }

    @Override
    public java.util.List<Disk> legs() {
        return java.util.List.of(this);
    }

    /** Commands started so far: bios taken from the queue, resubmits included. */
    public long commands() {
        return commands;
    }

    /**
     * Serves the queue in sector order, sweeping up from the head and wrapping (C-LOOK: an
     * elevator's sorted order, without deadline's expiry or batching), instead of in arrival order.
     * Off by default: an explored scenario has a bio or two in flight and their order is the
     * schedule's to choose. A linear scan: the queue holds at most nr_requests bios.
     */
    public void setElevator(boolean on) {
        elevator = on;
    }

    private Bio nextBySector() {
        Bio best = null;
        Bio lowest = null;
        for (Bio b : queue) {
            if (b.sector() >= headSector && (best == null || b.sector() < best.sector())) {
                best = b;
            }
            if (lowest == null || b.sector() < lowest.sector()) {
                lowest = b;
            }
        }
        Bio next = best != null ? best : lowest;
        queue.remove(next);
        return next;
    }

    /** Commands finished so far, successfully or not. */
    public long completions() {
        return completions;
    }

    /** Whether the last command finished successfully (a failed one ends when its bad data arrives). */
    public boolean lastCompletedOk() {
        return lastOk;
    }

    /** Whether the command in progress starts where the previous one ended (no seek). */
    public boolean currentSequential() {
        return currentSequential;
    }

    /** Bios queued or in flight. */
    public int pending() {
        return queue.size() + (current == null ? 0 : 1);
    }

    @Override
    public boolean ready() {
        return current == null && !queue.isEmpty();
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void loadNext(Actor self) {
        current = elevator ? nextBySector() : queue.pollFirst();
        cursor = 0;
        commands++;
        currentSequential = current.sector() == headSector;
        headSector = current.sector() + current.size() / 512;
        self.pushFront(dmaStep);
    }

    private StepResult dmaOneInterval(Actor self) {
        Bio bio = current;
        long lba = bio.sector() / (interval / 512) + cursor;
        int remaining = cursor * interval;
        BioVec vec = null;
        for (BioVec v : bio.vecs()) {
            if (remaining < v.length()) {
                vec = v;
                break;
            }
            remaining -= v.length();
        }
        Page page = vec.page();
        int off = vec.offset() + remaining;
        int tupleOff = cursor * integrity.tupleSize();
        if (injectedErrors.get((int) lba)) {
            injectedErrors.clear((int) lba);
            current.markFaultInjected();
            return fail(self, BlkStatus.IOERR, "lba " + lba + ": injected media error");
        }
        costs.bytesTransferred += interval;
        byte[] received = page.data();
        int recvOff = off;
        String wire = "";
        if (wireFlipArmed) {
            // What arrives is a copy of the interval with one bit flipped; memory is untouched.
            wireFlipArmed = false;
            if (wireBuffer == null) {
                wireBuffer = new byte[interval];
            }
            System.arraycopy(page.data(), off, wireBuffer, 0, interval);
            wireBuffer[0] ^= 1;
            received = wireBuffer;
            recvOff = 0;
            bio.markFaultInjected();
            wire = "bit 0 of its first byte flipped on the wire (injected fault); ";
        }
        if (integrity.verifiedBy() == VerifiedBy.DEVICE) {
            costs.bytesChecksummed += interval;
            if (!integrity.verify(received, recvOff, interval, lba, bio.integrity(), tupleOff)) {
                return fail(self, BlkStatus.PROTECTION, self.tracing()
                        ? "lba " + lba + " from " + page + "+" + off + ": " + wire + integrity.describeMismatch(
                                received, recvOff, interval, lba, bio.integrity(), tupleOff)
                        : null);
            }
        }
        media.write(lba, received, recvOff, bio.integrity(), tupleOff);
        media.noteWriter(lba, bio);
        cursor++;
        boolean last = cursor * interval == bio.size();
        if (self.tracing()) {
            self.note("lba " + lba + " from " + page + "+" + off + ": " + wire + "received"
                    + (integrity.verifiedBy() == VerifiedBy.DEVICE ? ", tuple verified" : "")
                    + (last ? "; last interval" : ""));
        }
        if (last) {
            return finish(self, BlkStatus.OK);
        }
        self.pushFront(dmaStep);
        return StepResult.DONE;
    }

    /** Stops the bio here: the intervals before it are on the media, the rest never arrive. */
    private StepResult fail(Actor self, BlkStatus status, String what) {
        if (status == BlkStatus.PROTECTION) {
            costs.protectionErrors++;
        }
        if (self.tracing()) {
            self.note(what + " -> " + status.kernelName());
        }
        return finish(self, status);
    }

    private StepResult finish(Actor self, BlkStatus status) {
        Bio bio = current;
        current = null;
        completions++;
        lastOk = status == BlkStatus.OK;
        bio.setStatus(status);
        bio.endIo().endIo(bio, self);
        return StepResult.DONE;
    }
}
