package dev.stablewrites.core.block;

import dev.stablewrites.core.sched.Actor;
import java.util.List;

/**
 * An md RAID1 pair: each write is cloned once per leg and each leg DMAs the same pages
 * independently, so a page that changes mid-flight can leave two different copies.
 *
 * <p>The master bio completes when both clones have, and succeeds if either leg did, as md's
 * {@code raid1_end_write_request} sets {@code R1BIO_Uptodate}: one leg failing costs the array its
 * redundancy, not the caller its data. Only when both legs fail does the master fail, with
 * {@code BLK_STS_IOERR} as {@code call_bio_endio} sets it. md would then retry the failed leg
 * ({@code narrow_write_error}) or mark it Faulty; the model keeps the leg in the array, so the
 * disagreement shows as {@code MIRRORS_AGREE} and later writes still reach both legs.
 *
 * <p>Each clone shares the master's integrity payload, as {@code bio_integrity_clone} gives it in
 * Linux 2.6/3.x. With {@code raid1-integrity=per-leg} (blk-mq) the master has none, so neither has
 * its clone, and each leg's disk generates its own ({@link Disk#setIntegrityPrep}).
 */
public final class Raid1 implements BlockDevice {
    private final Disk left;
    private final Disk right;

    public Raid1(Disk left, Disk right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public void submit(Bio master) {
        R1Bio r1 = new R1Bio(master);
        for (Disk leg : legs()) {
            Bio clone = master.cloneFor(Bio.Origin.MIRROR_CLONE);
            clone.setEndIo((done, irq) -> r1.raid1EndWriteRequest(leg, done, irq));
            leg.submit(clone);
        }
    }

    @Override
    public List<Disk> legs() {
        return List.of(left, right);
    }

    /** md's {@code struct r1bio}: the master bio and what its legs have reported so far. */
    private static final class R1Bio {
        private final Bio master;
        private int remaining = 2;
        private boolean uptodate;
        private boolean faultInjected;
        private Disk failedLeg;

        R1Bio(Bio master) {
            this.master = master;
        }

        void raid1EndWriteRequest(Disk leg, Bio clone, Actor irq) {
            if (clone.status() == BlkStatus.OK) {
                uptodate = true;
            } else {
                failedLeg = leg;
                faultInjected |= clone.faultInjected();
            }
            if (--remaining > 0) {
                return;
            }
            master.setStatus(uptodate ? BlkStatus.OK : BlkStatus.IOERR);
            if (!uptodate && faultInjected) {
                master.markFaultInjected();
            }
            if (irq.tracing() && failedLeg != null) {
                irq.note(irq.takeNote() + (uptodate
                        ? "; raid1: the write succeeds on one leg, " + failedLeg.actor().name() + " failed"
                        : "; raid1: both legs failed"));
            }
            master.endIo().endIo(master, irq);
        }
    }
}
