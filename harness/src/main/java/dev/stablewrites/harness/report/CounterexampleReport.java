package dev.stablewrites.harness.report;

import dev.stablewrites.harness.shrink.Shrinker;

/** A shrunk counterexample as explore and compare print it: events, the step trace, the replay line. */
public final class CounterexampleReport {
    private CounterexampleReport() {
    }

    /**
     * @param replayCommand the command line up to the scenario and schedule options, e.g.
     *                      {@code java -jar harness/target/stablewrites.jar replay --strategy none}
     * @param stepTrace     whether to add the numbered trace of every step after the events
     */
    public static String render(Shrinker.Shrunk shrunk, String replayCommand, boolean stepTrace) {
        StringBuilder sb = new StringBuilder();
        int events = EventRenderer.eventsToViolation(shrunk.run());
        sb.append("shrunk: FAILS ").append(shrunk.run().failure()).append('\n');
        sb.append(String.format("shrunk to %d event(s) up to the violation, %d steps, %d preemption(s)%n", events,
                shrunk.run().costs().steps, shrunk.preemptions()));
        if (!shrunk.complete()) {
            sb.append(gaveUpLine(shrunk)).append('\n');
        }
        if (stepTrace) {
            sb.append(TraceRenderer.render(shrunk.run())).append('\n');
            sb.append("events (one actor running until another takes over):\n");
        } else {
            sb.append("scenario: ").append(shrunk.scenario()).append('\n');
        }
        sb.append(EventRenderer.render(shrunk.run()));
        String schedule = shrunk.schedule().encode();
        sb.append("schedule: ").append(schedule.isEmpty() ? "(none: the default rule alone gives this run)" : schedule)
                .append('\n');
        sb.append("replay:   ").append(replayLine(shrunk, replayCommand)).append('\n');
        return sb.toString();
    }

    /** What a shrink that stopped at a limit says: where it stopped, and what the result is then. */
    public static String gaveUpLine(Shrinker.Shrunk shrunk) {
        return "shrinking gave up at " + shrunk.gaveUp() + ": the smallest failure found by then, not necessarily"
                + " the smallest there is" + (shrunk.gaveUp().startsWith("its time limit") ? " (--shrink-time gives it"
                + " longer)" : "");
    }

    /** The exact command that prints this counterexample's trace again. */
    public static String replayLine(Shrinker.Shrunk shrunk, String replayCommand) {
        String schedule = shrunk.schedule().encode();
        return replayCommand + " --scenario '" + shrunk.scenario() + "'" + (schedule.isEmpty() ? ""
                : " --schedule " + schedule);
    }
}
