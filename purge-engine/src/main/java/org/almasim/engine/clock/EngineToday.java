package org.almasim.engine.clock;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;

/**
 * The day the engine decides for: the one asked for, else the simulator's own clock when the Alma is a simulator,
 * else the real date (UTC). The only place the engine reads the wall clock.
 */
public final class EngineToday {
    private EngineToday() {}

    /** The day asked for, else the real date (UTC): for work that needs no Alma, such as notices. */
    public static LocalDate of(Optional<LocalDate> asked) {
        return asked.orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
    }

    public static LocalDate of(Optional<LocalDate> asked, AlmaClient alma) {
        if (asked.isPresent()) {
            return asked.get();
        }
        try {
            return LocalDate.parse(
                    alma.get("/almasim/v1/clock", Map.of()).path("today").asText());
        } catch (AlmaApiException | DateTimeParseException e) {
            return LocalDate.now(ZoneOffset.UTC);
        }
    }
}
