package dev.stablewrites.core.sched;

/**
 * Follows a {@link Schedule}: each choice names the actor to step; a choice naming an actor that is
 * not runnable is skipped; when the choices run out, {@link Chooser#defaultRule} decides.
 */
public final class ScheduleChooser implements Chooser {
    private final Schedule schedule;
    private int next;

    public ScheduleChooser(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        while (next < schedule.length()) {
            char wanted = schedule.choice(next++);
            for (int i = 0; i < count; i++) {
                if (runnable[i].id() == wanted) {
                    return i;
                }
            }
        }
        return Chooser.defaultRule(runnable, count, previous);
    }
}
