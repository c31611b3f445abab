package org.almasim.simulator.store;

/** One page of a list, as Alma pages: at most {@code limit} entries from {@code offset}. */
public record Page(int limit, int offset) {}
