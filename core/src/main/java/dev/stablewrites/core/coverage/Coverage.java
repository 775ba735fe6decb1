package dev.stablewrites.core.coverage;

import java.util.Arrays;

/**
 * What one run (or, summed, many runs) exercised: how many stores to the scenario's page landed in
 * each {@link StoreWindow}. Kept by the kernel as it runs, like the cost counters.
 */
public final class Coverage {
    private final long[] stores = new long[StoreWindow.values().length];

    /** A store to the page landed in {@code window}. */
    public void store(StoreWindow window) {
        stores[window.ordinal()]++;
    }

    /** Stores counted in {@code window}. */
    public long stores(StoreWindow window) {
        return stores[window.ordinal()];
    }

    /** Adds another run's counts to these. */
    public void add(Coverage other) {
        for (int i = 0; i < stores.length; i++) {
            stores[i] += other.stores[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage c && Arrays.equals(c.stores, stores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stores);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("stores:");
        for (StoreWindow w : StoreWindow.values()) {
            sb.append(' ').append(w.label()).append(' ').append(stores(w)).append(',');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
