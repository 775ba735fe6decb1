package dev.stablewrites.core.scenario;

/**
 * Where md RAID1's integrity tuples are generated, the kernel-model option {@code raid1-integrity=}
 * (only with {@code device=raid1}). The two differ in which layer runs {@code bio_integrity_prep}.
 *
 * <p>Linux 2.6.27 to 3.x call it from {@code generic_make_request_checks}
 * ({@code if (bio_integrity_enabled(bio) && bio_integrity_prep(bio)) goto end_io;}), which every
 * bio passes, md's master bio first: md's queue carries the members' common profile
 * ({@code md_integrity_register}), so the master is prepped, and the clones md makes for its legs
 * inherit the payload ({@code bio_integrity_clone}); when they pass {@code generic_make_request_checks}
 * in turn, {@code bio_integrity_enabled} returns false ("Already protected?"). Later the call moved
 * into the request-based queues' own submit functions: by 4.4 its callers are {@code blk_queue_bio},
 * {@code blk_sq_make_request} and {@code blk_mq_make_request}, and since 5.9 it is
 * {@code blk_mq_submit_bio} ({@code if (!bio_integrity_prep(bio)) goto queue_exit;}), which a
 * bio-based driver such as md never runs for its own bio. Each member disk runs it for its leg's
 * clone. The release that moved the call out of {@code generic_make_request_checks} is not pinned
 * down here: the 3.x source checked (still {@code bio->bi_size}, so before 3.14's {@code bi_iter})
 * has it there, and 4.4's call graph no longer does.
 */
public enum Raid1Integrity {
    /**
     * Linux 2.6 and 3.x, the model's default: tuples generated once, for the master bio, at
     * {@code submit_bio}; both legs carry them, so a page that changes between the two legs' DMAs
     * fails the later leg's protection check.
     */
    MASTER("master"),
    /**
     * blk-mq, today's Linux: each leg generates its own tuples from memory as it is when its disk
     * starts the command, so two legs may checksum, and write, different bytes, both successfully:
     * the mirrors silently differ instead of a leg failing.
     */
    PER_LEG("per-leg");

    private final String id;

    Raid1Integrity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Raid1Integrity byId(String id) {
        for (Raid1Integrity r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** The ids, comma-separated, for error messages. */
    public static String validIds() {
        StringBuilder sb = new StringBuilder();
        for (Raid1Integrity r : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.id);
        }
        return sb.toString();
    }
}
