package org.almasim.app.console;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.almasim.simulator.errors.AlmaError;

/**
 * What is changing the library now (a clock move, a run, a scenario step): one change at a time, and a second one is
 * refused at once with what is already under way, never queued behind it.
 */
final class OneChange {
    private final AtomicReference<String> current = new AtomicReference<>();

    /** Claims the library for {@code what}, then runs {@code first} (released again if it fails). */
    void claim(String what, Runnable first) {
        String already = current.compareAndExchange(null, what);
        if (already != null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "A change is in progress (" + already + "); wait for it to finish.");
        }
        try {
            first.run();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    void release() {
        current.set(null);
    }

    Optional<String> current() {
        return Optional.ofNullable(current.get());
    }
}
