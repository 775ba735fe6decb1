package dev.stablewrites.core.block;

import dev.stablewrites.core.sched.Actor;
import java.util.List;

/**
 * An md RAID1 pair: each write is cloned once per leg and each leg DMAs the same pages
 * independently, so a page that changes mid-flight can leave two different copies. The master
 * bio completes when both clones have; an error on either leg fails it.
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
        int[] remaining = {2};
        for (Disk leg : legs()) {
            Bio clone = master.cloneFor(Bio.Origin.MIRROR_CLONE);
            clone.setEndIo((done, irq) -> raid1EndWriteRequest(master, done, remaining, irq));
            leg.submit(clone);
        }
    }

    private static void raid1EndWriteRequest(Bio master, Bio clone, int[] remaining, Actor irq) {
        if (clone.status() != BlkStatus.OK && master.status() == BlkStatus.OK) {
            master.setStatus(clone.status());
        }
        if (--remaining[0] == 0) {
            master.endIo().endIo(master, irq);
        }
    }

    @Override
    public List<Disk> legs() {
        return List.of(left, right);
    }
}
