package org.almasim.simulator.jobs;

/**
 * The control plane's pause for job runs: while paused, a run takes hold of its users and then waits before deleting
 * anyone. Trainers use it to show a run in flight (and what a held user refuses); tests use it to meet Alma's limits
 * without racing a fast job.
 */
final class JobGate {
    private boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized boolean paused() {
        return paused;
    }

    synchronized void passWhenOpen() throws InterruptedException {
        while (paused) {
            wait();
        }
    }
}
