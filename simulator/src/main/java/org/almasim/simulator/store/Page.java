package org.almasim.simulator.store;

/** One page of a list, as Alma pages: at most {@code limit} entries from {@code offset}. */
public record Page(int limit, int offset) {
    /** Alma's largest page: {@code limit} is 0 to this. */
    public static final int MAX_LIMIT = 100;

    /** The largest page from {@code offset}. */
    public static Page largest(int offset) {
        return new Page(MAX_LIMIT, offset);
    }
}
