package org.almasim.simulator.jobs;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The control plane's pause for job runs: while paused, a run takes hold of its users and then waits before deleting
 * anyone. Trainers use it to show a run in flight (and what a held user refuses); tests use it to meet Alma's limits
 * without racing a fast job.
 */
final class JobGate {
    private boolean paused;
    /** How often the gate was opened: a run held until a time is let go by any opening too (a reset must not wait). */
    private long openings;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        openings++;
        notifyAll();
    }

    synchronized boolean paused() {
        return paused;
    }

    /**
     * Holds a run (an injected JOB_STUCK fault) until the simulated time reaches {@code until}, or until the gate is
     * opened. Simulated time moves with the real time of day and whenever the clock is set, so it is looked at again
     * every tenth of a second.
     */
    synchronized void passWhenPast(Instant until, Supplier<Instant> now) throws InterruptedException {
        long seen = openings;
        while (now.get().isBefore(until) && openings == seen) {
            wait(100);
        }
    }

    synchronized void passWhenOpen() throws InterruptedException {
        while (paused) {
            wait();
        }
    }
}
