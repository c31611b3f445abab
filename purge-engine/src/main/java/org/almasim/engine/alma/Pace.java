package org.almasim.engine.alma;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most so many calls a second, for a client that is a good citizen under Alma's per-second threshold rather than one
 * that meets it and is told 429. Turns are booked in order, so calls made several at a time share the pace.
 */
final class Pace {
    /** No pace: calls start as fast as answers come. */
    static final Pace NONE = new Pace(0);

    /** The least time between two calls' starts, in nanoseconds. */
    private final long nanosBetweenCalls;
    /** When the next call may start ({@link System#nanoTime()}). */
    private final AtomicLong nextCallAt = new AtomicLong(Long.MIN_VALUE);

    private Pace(long nanosBetweenCalls) {
        this.nanosBetweenCalls = nanosBetweenCalls;
    }

    static Pace perSecond(int callsPerSecond) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("a pace needs at least one call a second");
        }
        return new Pace(1_000_000_000L / callsPerSecond);
    }

    /** Waits until the next call may start, and books the turn after it. */
    void waitForTurn() {
        if (nanosBetweenCalls == 0) {
            return;
        }
        long now = System.nanoTime();
        long turn = nextCallAt.getAndAccumulate(now, (booked, at) -> Math.max(booked, at) + nanosBetweenCalls);
        long wait = Math.max(turn, now) - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while pacing calls");
            }
        }
    }
}
