package org.almasim.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How a simulator is set up; {@link #defaults()} gives an in-memory database starting today, listening on the loopback
 * address only. {@code publicUrl} is the base of the links in answers (default: the address it listens on).
 * {@code ticker} is the monotonic time, in nanoseconds, that Alma's per-second threshold counts in: the machine's, or
 * a test's own so that a threshold test does not depend on how busy the machine is.
 */
public record SimulatorConfig(
        String database,
        Optional<LocalDate> today,
        List<String> apiKeys,
        int perSecondThreshold,
        long dailyThreshold,
        String host,
        Optional<String> publicUrl,
        int maxInstitutions,
        LongSupplier ticker) {
    /** Only this machine can reach a simulator unless it is told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Each institution is a database, a pool and a job thread: a client adding them without end fills the heap. */
    public static final int DEFAULT_MAX_INSTITUTIONS = 50;

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(
                "mem",
                Optional.empty(),
                List.of(),
                0,
                10_000_000L,
                LOOPBACK,
                Optional.empty(),
                DEFAULT_MAX_INSTITUTIONS,
                System::nanoTime);
    }

    public SimulatorConfig withToday(LocalDate date) {
        return new SimulatorConfig(
                database,
                Optional.of(date),
                apiKeys,
                perSecondThreshold,
                dailyThreshold,
                host,
                publicUrl,
                maxInstitutions,
                ticker);
    }

    public SimulatorConfig withApiKeys(List<String> keys) {
        return new SimulatorConfig(
                database, today, keys, perSecondThreshold, dailyThreshold, host, publicUrl, maxInstitutions, ticker);
    }

    public SimulatorConfig withPerSecondThreshold(int perSecond) {
        return new SimulatorConfig(
                database, today, apiKeys, perSecond, dailyThreshold, host, publicUrl, maxInstitutions, ticker);
    }

    public SimulatorConfig withDatabase(String location) {
        return new SimulatorConfig(
                location, today, apiKeys, perSecondThreshold, dailyThreshold, host, publicUrl, maxInstitutions, ticker);
    }

    /** At most this many institutions, the default one included. */
    public SimulatorConfig withMaxInstitutions(int max) {
        return new SimulatorConfig(
                database, today, apiKeys, perSecondThreshold, dailyThreshold, host, publicUrl, max, ticker);
    }

    /** The time the per-second threshold counts in (nanoseconds, as {@link System#nanoTime()}). */
    public SimulatorConfig withTicker(LongSupplier nanoTime) {
        return new SimulatorConfig(
                database,
                today,
                apiKeys,
                perSecondThreshold,
                dailyThreshold,
                host,
                publicUrl,
                maxInstitutions,
                nanoTime);
    }
}
