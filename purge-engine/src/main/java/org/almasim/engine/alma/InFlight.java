package org.almasim.engine.alma;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Many independent Alma calls with a few in flight at once: each call waits mostly on the network, so eight at a time
 * finish far sooner than one at a time, while {@link AlmaClient}'s backoff keeps them inside Alma's per-second limit.
 * Results come back in the order of the inputs.
 *
 * <p>When a call fails, the calls not yet started are dropped and those already sent are waited for before the failure
 * is passed on: a caller that stops (or reruns) after a failure must never race calls still changing Alma behind it.
 */
public final class InFlight {
    public static final int DEFAULT = 8;

    private InFlight() {}

    public static <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(call).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DEFAULT, inputs.size()), runnable -> {
            Thread thread = new Thread(runnable, "almasim-engine-call");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        try {
            for (T input : inputs) {
                futures.add(pool.submit(() -> call.apply(input)));
            }
            List<R> results = new ArrayList<>(inputs.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while waiting for Alma");
        } finally {
            // Not shutdownNow: interrupting a call already sent would not unsend it, only hide when it lands.
            futures.forEach(future -> future.cancel(false));
            pool.shutdown();
            awaitCallsInFlight(pool);
        }
    }

    private static void awaitCallsInFlight(ExecutorService pool) {
        boolean interrupted = false;
        while (!pool.isTerminated()) {
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
