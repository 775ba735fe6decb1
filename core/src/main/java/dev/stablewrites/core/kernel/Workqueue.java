package dev.stablewrites.core.kernel;

import dev.stablewrites.core.sched.Actor;
import dev.stablewrites.core.sched.Step;
import dev.stablewrites.core.sched.WorkSource;
import java.util.ArrayDeque;

/**
 * A workqueue with one worker ({@code kernel/workqueue.c}), named after kintegrityd, where the 2011
 * patch deferred {@code set_memory_rw} out of {@code bio_endio}: each queued item is one step of
 * the kworker actor {@code K}, run in the order queued, in task context, where sleeping is allowed.
 */
final class Workqueue implements WorkSource {
    private final ArrayDeque<Step> work = new ArrayDeque<>();
    private final Actor worker = new Actor('K', "kworker (kintegrityd workqueue)", Actor.Kind.DAEMON);

    Workqueue() {
        worker.setSource(this);
    }

    Actor worker() {
        return worker;
    }

    /** {@code queue_work}: never sleeps, so safe from interrupt context. */
    void queue(Step item) {
        work.addLast(item);
    }

    @Override
    public boolean ready() {
        return !work.isEmpty();
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void loadNext(Actor self) {
        self.pushFront(work.pollFirst());
    }
}
