package org.almasim.simulator.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Today's date for every rule in the simulator. Nothing else reads the wall clock for a date:
 * expiry, purge eligibility, due dates and fee times all follow this clock, which tests and trainers move at will.
 */
public final class SimulatedClock {
    private final AtomicReference<LocalDate> today;

    private SimulatedClock(LocalDate start) {
        this.today = new AtomicReference<>(start);
    }

    public static SimulatedClock startingAt(LocalDate start) {
        return new SimulatedClock(start);
    }

    /** Starts on the real current date (UTC): the only read of the wall-clock date in the project. */
    public static SimulatedClock startingToday() {
        return new SimulatedClock(LocalDate.now(ZoneOffset.UTC));
    }

    public LocalDate today() {
        return today.get();
    }

    /** The simulated date with the real time of day (to the millisecond, as Alma), so one day's events keep their order. */
    public Instant now() {
        return today.get().atTime(LocalTime.now(ZoneOffset.UTC)).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    public void set(LocalDate date) {
        today.set(date);
    }

    public LocalDate advance(Period period) {
        return today.updateAndGet(current -> current.plus(period));
    }
}
