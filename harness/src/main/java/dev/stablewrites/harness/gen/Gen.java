package dev.stablewrites.harness.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of values within bounds, and how to shrink one: the property engine's
 * building block (docs/model.md §8). The same random stream always gives the same value, and every
 * shrink is strictly simpler than its value, so shrinking ends.
 *
 * @param <T> what it generates
 */
public interface Gen<T> {
    /** One value drawn from {@code random}. */
    T next(SplittableRandom random);

    /** Simpler values than {@code value}, most aggressive first; none by default. */
    default List<T> shrink(T value) {
        return List.of();
    }

    /**
     * Integers in [{@code min}, {@code max}], shrinking towards {@code min}: first to it, then halfway,
     * then one less.
     */
    static Gen<Integer> ints(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        return new Gen<>() {
            @Override
            public Integer next(SplittableRandom random) {
                return (int) (min + random.nextLong((long) max - min + 1));
            }

            @Override
            public List<Integer> shrink(Integer value) {
                List<Integer> out = new ArrayList<>();
                if (value > min) {
                    out.add(min);
                    int half = (int) (((long) min + value) / 2);
                    if (half != min && half != value) {
                        out.add(half);
                    }
                    if (value - 1 != min && value - 1 != half) {
                        out.add(value - 1);
                    }
                }
                return out;
            }
        };
    }
}
