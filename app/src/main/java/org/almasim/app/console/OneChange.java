package org.almasim.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.almasim.simulator.errors.AlmaError;

/**
 * What is changing a console's library now (a clock move, a run, a scenario step): one change at a time, and a second
 * one is refused at once with what is already under way, never queued behind it. {@code onClaim} runs once a change
 * has the library (the console takes the library's date afresh there, and only there); {@code onEnd} when it ends
 * (the console saves what it remembers).
 */
final class OneChange {
    private final AtomicReference<String> current = new AtomicReference<>();
    private final Runnable onClaim;
    private final Runnable onEnd;

    OneChange(Runnable onClaim, Runnable onEnd) {
        this.onClaim = onClaim;
        this.onEnd = onEnd;
    }

    /** Claims the library for {@code what}, or refuses at once with what already has it. */
    void claim(String what) {
        String already = current.compareAndExchange(null, what);
        if (already != null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "A change is in progress (" + already + "); wait for it to finish.");
        }
        try {
            onClaim.run();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /** Ends the change: what it leaves is kept, and the library is free for the next one. */
    void end() {
        onEnd.run();
        release();
    }

    /** Lets the library go without keeping anything (a change that failed before it began). */
    void release() {
        current.set(null);
    }

    Optional<String> current() {
        return Optional.ofNullable(current.get());
    }

    /** Does {@code work} as the one change of the library. */
    <T> T during(String what, Supplier<T> work) {
        claim(what);
        try {
            return work.get();
        } finally {
            end();
        }
    }

    /**
     * Does {@code work} as the one change of this library and of the {@code alongside} ones too (a move of the
     * consortium's one clock changes them all); any of them busy refuses it before anything changes.
     */
    <T> T during(String what, String where, List<OneChange> alongside, Supplier<T> work) {
        return during(what, () -> {
            List<OneChange> claimed = new ArrayList<>();
            try {
                for (OneChange other : alongside) {
                    other.claim(what + " in " + where);
                    claimed.add(other);
                }
                return work.get();
            } finally {
                claimed.forEach(OneChange::end);
            }
        });
    }
}
