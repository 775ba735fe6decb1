package dev.stablewrites.core.sched;

import java.util.SplittableRandom;

/** Uniform random choice among the runnable actors, from a seeded generator. */
public final class RandomChooser implements Chooser {
    private final SplittableRandom random;

    public RandomChooser(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int choose(Actor[] runnable, int count, int step, Actor previous) {
        return count == 1 ? 0 : random.nextInt(count);
    }
}
