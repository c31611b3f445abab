package org.almasim.junit;

import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.journal.RequestJournal;

/** The handle a test gets: where the simulator answers, the key to send, and its control plane. */
public final class Almasim {
    private final Simulator simulator;
    private final AlmasimTest settings;
    private final LocalDate startedOn;

    Almasim(Simulator simulator, AlmasimTest settings, LocalDate startedOn) {
        this.simulator = simulator;
        this.settings = settings;
        this.startedOn = startedOn;
    }

    /** Where a client points as it would at {@code https://api-eu.hosted.exlibrisgroup.com}. */
    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** A read-write API key ({@code Authorization: apikey KEY}). */
    public String apiKey() {
        return ApiKeys.DEVELOPMENT_KEY;
    }

    public LocalDate today() {
        return simulator.clock().today();
    }

    /** Moves the simulated clock (any date; jobs and relative queries follow it). */
    public void setToday(LocalDate date) {
        simulator.clock().set(date);
    }

    /** Loads {@code demo}, {@code synthetic:N} or a population document's path on top of what the library holds. */
    public void load(String population) {
        simulator.load(population, settings.seed());
    }

    /**
     * Every request Alma's API received, for verifying what the code under test sent: {@code
     * journal().find(Optional.of("DELETE"), Optional.of("/almaws/v1/users/jdoe"))}, a path ending in {@code *} a prefix.
     */
    public RequestJournal journal() {
        return simulator.journal();
    }

    /**
     * The faults Alma's API meets: {@code faults().add(FaultRule.of(Fault.HTTP_503).onMethod("DELETE").times(2))}.
     * Probabilities are drawn from seeded random numbers, so a test meets the same faults every run.
     */
    public FaultInjector faults() {
        return simulator.faults();
    }

    /** Empties the library, the request journal and the fault rules and loads the annotation's population again. */
    public void reset() {
        simulator.reset();
        simulator.journal().clear();
        simulator.faults().clear();
        prepare();
    }

    /** The annotation's starting point: its snapshot, then its date (which wins over the snapshot's), then its population. */
    void prepare() {
        if (!settings.snapshot().isEmpty()) {
            simulator.importFrom(Path.of(settings.snapshot()));
        }
        if (!settings.today().isEmpty()) {
            simulator.clock().set(LocalDate.parse(settings.today()));
        } else if (settings.snapshot().isEmpty()) {
            // A shared simulator may come from another class on another date: back to where it started.
            simulator.clock().set(startedOn);
        }
        if (!settings.population().isEmpty()) {
            simulator.load(settings.population(), settings.seed());
        }
    }

    /** Saves the whole library (and its simulated date) to a file, to start another test or a server from it. */
    public void exportTo(Path file) {
        simulator.exportTo(file);
    }

    /** Replaces the library with a snapshot saved by {@link #exportTo} or {@code GET /almasim/v1/snapshot}. */
    public void importFrom(Path file) {
        simulator.importFrom(file);
    }

    /** The simulator itself, for what this handle does not offer. */
    public Simulator simulator() {
        return simulator;
    }
}
