package dev.stablewrites.harness.cost;

import dev.stablewrites.core.cost.Costs;
import dev.stablewrites.core.coverage.StoreWindow;
import dev.stablewrites.core.integrity.VerifiedBy;
import dev.stablewrites.core.property.Property;
import dev.stablewrites.core.property.Violation;
import dev.stablewrites.core.scenario.DeviceKind;
import dev.stablewrites.core.sim.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost relations each strategy's mechanism implies (docs/model.md §4 and §7), as data: what a
 * strategy copies, allocates, protects, resubmits and makes writers wait for, checked on the exact
 * counters of one run ({@link Costs}).
 */
final class CostRelations {
    private CostRelations() {
    }

    /** Whether the run ended with every actor finished and every daemon drained (see {@link CostRelation#whenCompleted}). */
    static boolean completed(RunResult r) {
        if (r.crash() != null) {
            return false;
        }
        for (Violation v : r.violations()) {
            if (v.property() == Property.NO_DEADLOCK || v.property() == Property.TERMINATES) {
                return false;
            }
        }
        return true;
    }

    /** Whether the run had an oops or an invalid page-state transition. */
    static boolean oopsed(RunResult r) {
        return r.violations().stream().anyMatch(v -> v.property() == Property.NO_OOPS);
    }

    /** Whether a writer set out to change the page while one of its bios was between prep and completion. */
    static boolean writeAttemptedInFlight(RunResult r) {
        return r.coverage().attempts(StoreWindow.PREP_TO_COMPLETION) > 0;
    }

    /** The device legs of the run's geometry: 2 on RAID1, else 1. */
    static int legs(RunResult r) {
        return r.scenario().geometry().device() == DeviceKind.RAID1 ? 2 : 1;
    }

    /** Whether the run's integrity profile is verified by the device on receipt (T10 PI, NVMe PI). */
    static boolean deviceVerified(RunResult r) {
        return r.scenario().geometry().integrity().verifiedBy() == VerifiedBy.DEVICE;
    }

    /** What every strategy's runs must satisfy, whatever its mechanism. */
    static List<CostRelation> everyStrategy() {
        return List.of(
                CostRelation.always("every: bytesChecksummed == bytesChecksummedByCpu + (device-verified ? bytesTransferred : 0)",
                        r -> r.costs().bytesSubmitted > 0 && r.scenario().geometry().integrity().tupleSize() > 0,
                        r -> r.costs().bytesChecksummed
                                == r.costs().bytesChecksummedByCpu + (deviceVerified(r) ? r.costs().bytesTransferred : 0)),
                CostRelation.always("every: bytesTransferred <= bytesSubmitted * legs",
                        r -> r.costs().bytesTransferred > 0,
                        r -> r.costs().bytesTransferred <= r.costs().bytesSubmitted * legs(r)),
                CostRelation.always("every: tlbFlushes == pteWriteProtects + setMemoryRo + setMemoryRw",
                        r -> r.costs().tlbFlushes > 0,
                        r -> r.costs().tlbFlushes
                                == r.costs().pteWriteProtects + r.costs().setMemoryRo + r.costs().setMemoryRw),
                CostRelation.always("every: steps > 0", r -> true, r -> r.costs().steps > 0));
    }

    /** {@code bounce}: a copy per page submitted, freed at completion, and no writer ever waits. */
    static List<CostRelation> bounce() {
        return List.of(
                CostRelation.always("bounce: bytesCopied == bytesSubmitted",
                        r -> r.costs().bytesSubmitted > 0,
                        r -> r.costs().bytesCopied == r.costs().bytesSubmitted),
                CostRelation.whenCompleted("bounce: bouncePagesLive() == 0 at the end",
                        r -> r.costs().bouncePagesPeak > 0,
                        r -> r.costs().bouncePagesLive() == 0),
                CostRelation.always("bounce: bouncePagesPeak >= 1 iff bytesSubmitted > 0",
                        r -> r.costs().bytesSubmitted > 0,
                        r -> (r.costs().bouncePagesPeak >= 1) == (r.costs().bytesSubmitted > 0)),
                CostRelation.always("bounce: writerWritebackStallSteps == 0",
                        CostRelations::writeAttemptedInFlight,
                        r -> r.costs().writerWritebackStallSteps == 0));
    }

    /** {@code mkwrite-wait}: it only waits; it copies, protects and resubmits nothing. */
    static List<CostRelation> mkwriteWait() {
        return List.of(
                CostRelation.always("mkwrite-wait: bytesCopied == 0 && bouncePagesPeak == 0",
                        r -> r.costs().bytesSubmitted > 0,
                        r -> r.costs().bytesCopied == 0 && r.costs().bouncePagesPeak == 0),
                CostRelation.always("mkwrite-wait: setMemoryRo == 0",
                        r -> r.costs().bytesSubmitted > 0,
                        r -> r.costs().setMemoryRo == 0),
                CostRelation.always("mkwrite-wait: resubmits == 0",
                        r -> r.costs().protectionErrors > 0,
                        r -> r.costs().resubmits == 0));
    }

    /**
     * {@code writeback-then-ro} and {@code ro-then-writeback}: one {@code set_memory_ro} per page of
     * every bio at prep, undone by one {@code set_memory_rw} from kintegrityd after completion, each a
     * kernel TLB flush. Runs with an oops ({@code NO_OOPS}: the journal's store into the read-only
     * buffer) are kept: the killed task holds no bio, the commit's bio still completes and kintegrityd
     * still runs its undo, so the counts balance there too.
     */
    static List<CostRelation> setMemoryRo(String id) {
        return List.of(
                CostRelation.whenCompleted(id + ": setMemoryRw == setMemoryRo at the end",
                        r -> r.costs().setMemoryRo > 0,
                        r -> r.costs().setMemoryRw == r.costs().setMemoryRo),
                CostRelation.whenCompleted(id + ": tlbFlushes - pteWriteProtects == 2 * setMemoryRo",
                        r -> r.costs().setMemoryRo > 0,
                        r -> r.costs().tlbFlushes - r.costs().pteWriteProtects == 2 * r.costs().setMemoryRo));
    }

    /** {@code recheck-resubmit} with retry limit {@code limit}: a resubmit answers a protection error, at most {@code limit} times per bio. */
    static List<CostRelation> recheckResubmit(int limit) {
        String id = "recheck-resubmit(limit " + limit + ")";
        return List.of(
                CostRelation.always(id + ": maxResubmitsOfOneBio <= " + limit,
                        r -> r.costs().protectionErrors > 0,
                        r -> r.costs().maxResubmitsOfOneBio <= limit),
                CostRelation.always(id + ": resubmits == 0 when protectionErrors == 0",
                        r -> r.costs().protectionErrors == 0 && r.costs().bytesSubmitted > 0,
                        r -> r.costs().protectionErrors != 0 || r.costs().resubmits == 0),
                CostRelation.always(id + ": resubmits <= protectionErrors",
                        r -> r.costs().resubmits > 0,
                        r -> r.costs().resubmits <= r.costs().protectionErrors));
    }

    /** {@code none}: no stable pages: no writer sleeps on writeback, nothing is copied. */
    static List<CostRelation> none() {
        return List.of(
                CostRelation.always("none: writerWritebackStallSteps == 0",
                        CostRelations::writeAttemptedInFlight,
                        r -> r.costs().writerWritebackStallSteps == 0),
                CostRelation.always("none: bytesCopied == 0",
                        r -> r.costs().bytesSubmitted > 0,
                        r -> r.costs().bytesCopied == 0));
    }

    /** The relations of the built-in strategy {@code id} (with {@code retryLimit} for recheck-resubmit), and every strategy's. */
    static List<CostRelation> of(String id, int retryLimit) {
        List<CostRelation> out = new ArrayList<>(switch (id) {
            case "bounce" -> bounce();
            case "mkwrite-wait" -> mkwriteWait();
            case "writeback-then-ro", "ro-then-writeback" -> setMemoryRo(id);
            case "recheck-resubmit" -> recheckResubmit(retryLimit);
            case "none" -> none();
            default -> throw new IllegalArgumentException("no cost relations for strategy '" + id + "'");
        });
        out.addAll(everyStrategy());
        return out;
    }

    /** Every counter of a run, for a failure message: §7's, the details, and the bounce pages still live. */
    static String counters(Costs c) {
        StringBuilder sb = new StringBuilder(c.toString());
        c.details().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.append(" bouncePagesLive()=").append(c.bouncePagesLive()).toString();
    }
}
