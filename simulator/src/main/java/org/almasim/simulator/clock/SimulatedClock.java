package org.almasim.simulator.clock;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;

/**
 * Today's date for every rule in the simulator. Nothing else reads the wall clock for a date:
 * expiry, purge eligibility, due dates and fee times all follow this clock, which tests and trainers move at will.
 * Every change is handed to a listener (the simulator saves it, so a restart on a file database resumes the same day).
 */
public final class SimulatedClock {
    /** The dates the clock accepts: Alma's own dates run from 1900 to 2099 in practice; this leaves room either side. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    /** Read on every rule, so reads take no lock; changes are made one at a time, each told to the listener in order. */
    private volatile LocalDate today;

    private volatile Consumer<LocalDate> changed = date -> {};

    private SimulatedClock(LocalDate start) {
        this.today = checked(start);
    }

    public static SimulatedClock startingAt(LocalDate start) {
        return new SimulatedClock(start);
    }

    /** Starts on the real current date (UTC): the only read of the wall-clock date in the project. */
    public static SimulatedClock startingToday() {
        return new SimulatedClock(LocalDate.now(ZoneOffset.UTC));
    }

    /** Tells {@code listener} of every date the clock is set or moved to, from now on. */
    public void onChange(Consumer<LocalDate> listener) {
        this.changed = listener;
    }

    public LocalDate today() {
        return today;
    }

    /** The simulated date with the real time of day (to the millisecond, as Alma), so one day's events keep their order. */
    public Instant now() {
        return today().atTime(LocalTime.now(ZoneOffset.UTC))
                .toInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The real date and time, not the simulated one: only for records a person lines up with the world outside the
     * simulation (the request journal beside a client's own logs). Every rule reads {@link #today} or {@link #now}.
     */
    public Instant realNow() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public synchronized void set(LocalDate date) {
        today = checked(date);
        changed.accept(today);
    }

    /** Moves the clock on; a period that would leave the accepted range changes nothing and is refused. */
    public synchronized LocalDate advance(Period period) {
        LocalDate next;
        try {
            next = today.plus(period);
        } catch (ArithmeticException | DateTimeException e) {
            throw outOfRange(period.toString());
        }
        today = checked(next);
        changed.accept(today);
        return today;
    }

    private static LocalDate checked(LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw outOfRange(date.toString());
        }
        return date;
    }

    private static AlmaRefusal outOfRange(String what) {
        return AlmaError.PARAMETER_NOT_VALID.refusal(
                "The simulated date must stay between " + EARLIEST + " and " + LATEST + "; " + what + " does not.");
    }
}
