package org.almasim.simulator.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Where runs run: a bounded pool in the background (Alma's runs cannot be aborted), the gate that can hold them after
 * they take their users, and waiting for them before the database is reset or closed.
 */
final class JobRunner implements AutoCloseable {
    private final ExecutorService pool;
    private final List<Future<?>> runs = new ArrayList<>();
    private final JobGate gate = new JobGate();

    JobRunner(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "almasim-job");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The gate a run passes once it holds its users. */
    JobGate gate() {
        return gate;
    }

    synchronized void submit(Runnable run) {
        runs.removeIf(Future::isDone);
        runs.add(pool.submit(run));
    }

    /** Pauses runs after they take hold of their users (control plane); answers whether runs are paused. */
    boolean pause(boolean paused) {
        if (paused) {
            gate.pause();
        } else {
            gate.resume();
        }
        return gate.paused();
    }

    /** Waits for running jobs to finish (a reset or shutdown must not pull the database from under them); resumes paused runs. */
    synchronized void awaitIdle() {
        gate.resume();
        for (var run : runs) {
            try {
                run.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                // A failed run has recorded its failure on its instance; waiting is all that is needed here.
            }
        }
        runs.clear();
    }

    @Override
    public void close() {
        awaitIdle();
        pool.shutdown();
    }
}
