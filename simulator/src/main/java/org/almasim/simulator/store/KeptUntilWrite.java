package org.almasim.simulator.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Results of reads kept for as long as the database has not been written to ({@code Database.version()}): a client
 * paging through a large result asks for the same evaluation once per page, and gets the one made for its first page
 * until anything changes. A few keys at a time; when more arrive, everything kept is dropped.
 */
public final class KeptUntilWrite<K, V> {
    private record Kept<V>(long version, V value) {}

    private final LongSupplier dataVersion;
    private final int capacity;
    private final ConcurrentMap<K, Kept<V>> kept = new ConcurrentHashMap<>();

    public KeptUntilWrite(LongSupplier dataVersion, int capacity) {
        this.dataVersion = dataVersion;
        this.capacity = capacity;
    }

    /** The value kept for the key if nothing has been written since it was read, else {@code read}'s fresh one. */
    public V get(K key, Supplier<V> read) {
        // The version is taken before reading: a write that lands during the read makes the value stale at once.
        long version = dataVersion.getAsLong();
        Kept<V> known = kept.get(key);
        if (known != null && known.version() == version) {
            return known.value();
        }
        if (kept.size() >= capacity) {
            kept.clear();
        }
        V value = read.get();
        kept.put(key, new Kept<>(version, value));
        return value;
    }
}
