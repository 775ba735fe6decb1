package dev.stablewrites.core.coverage;

import dev.stablewrites.core.state.NotState;

import java.util.Arrays;

/**
 * What one run (or, summed, many runs) exercised: in each {@link StoreWindow}, how many writes to
 * the scenario's page were attempted (counted where the operation began) and how many landed
 * (counted where its bytes changed). The two are separate events: a write begun before prep may
 * land inside the window, so a window can show more landings than attempts. Attempts in the DMA
 * window say the race was tried; a waiting strategy ({@code mkwrite-wait}) keeps them from landing
 * there, a copying one ({@code bounce}) lets them land on a page the device no longer reads. Kept by
 * the kernel as it runs, like the cost counters.
 */
@NotState
public final class Coverage {
    private final long[] stores = new long[StoreWindow.values().length];
    private final long[] attempts = new long[StoreWindow.values().length];

    /** A store to the page landed in {@code window}. */
    public void store(StoreWindow window) {
        stores[window.ordinal()]++;
    }

    /** A write to the page was attempted in {@code window}. */
    public void attempt(StoreWindow window) {
        attempts[window.ordinal()]++;
    }

    /** Stores that landed in {@code window}. */
    public long stores(StoreWindow window) {
        return stores[window.ordinal()];
    }

    /** Writes attempted in {@code window}. */
    public long attempts(StoreWindow window) {
        return attempts[window.ordinal()];
    }

    /** Adds another run's counts to these. */
    public void add(Coverage other) {
        for (int i = 0; i < stores.length; i++) {
            stores[i] += other.stores[i];
            attempts[i] += other.attempts[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage c && Arrays.equals(c.stores, stores) && Arrays.equals(c.attempts, attempts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(stores) + Arrays.hashCode(attempts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("writes attempted/landed:");
        for (StoreWindow w : StoreWindow.values()) {
            sb.append(' ').append(w.label()).append(' ').append(attempts(w)).append('/').append(stores(w)).append(',');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
