package org.almasim.engine.clock;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The day the engine decides for when its caller names none: the real date (UTC). The only place the engine reads the
 * wall clock. The engine never asks an Alma for its day (a simulator's own clock is a route only almasim has): callers
 * that know they talk to almasim pass its simulated day.
 */
public final class EngineToday {
    private EngineToday() {}

    /** The day asked for, else the real date (UTC). */
    public static LocalDate of(Optional<LocalDate> asked) {
        return asked.orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
    }
}
