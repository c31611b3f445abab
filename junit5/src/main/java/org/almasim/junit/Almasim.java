package org.almasim.junit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;

/** The handle a test gets: where the simulator answers, the key to send, and its control plane. */
public final class Almasim {
    private final Simulator simulator;
    private final AlmasimTest settings;
    private final LocalDate startedOn;
    /** {@link Simulator#writes()} once the annotation's starting point was in place; none yet at first. */
    private long writesWhenPrepared = -1;

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

    /** A member institution of the annotation's {@code institutions}: where it answers and the key that opens it. */
    public record Member(String code, String baseUrl, String apiKey) {}

    /**
     * A member institution the annotation names: its own library, reached with its own key (a call with it never sees
     * the default library, nor the default key this one).
     */
    public Member institution(String code) {
        Institution member = simulator
                .institution(code)
                .orElseThrow(() -> new IllegalArgumentException("No institution " + code + "; @AlmasimTest names "
                        + String.join(", ", settings.institutions())));
        return new Member(
                member.code(), baseUrl(), member.apiKeys().readWriteKey().orElseThrow());
    }

    /** Loads {@code demo}, {@code synthetic:N} or a population document's path on top of what the library holds. */
    public void load(String population) {
        simulator.load(population, settings.seed());
    }

    /**
     * Every request Alma's API received, for verifying what the code under test sent: {@code
     * journal().find(Optional.of("DELETE"), Optional.of("/almaws/v1/users/jdoe"))}, a path ending in {@code *} a prefix.
     */
    public Journal journal() {
        return new Journal(simulator.journal());
    }

    /** A blocker Alma keeps on a user that its users API does not show, such as {@code PO_LINE} with {@code POL-42}. */
    public record Blocker(String kind, String detail) {}

    /**
     * Replaces the blockers kept on a user (a PO line, an invoice, a request on the hold shelf: the kinds in
     * docs/api-coverage.md), as {@code PUT /almasim/v1/users/{id}/blockers} does; none clears them.
     */
    public void setBlockers(String primaryId, Blocker... blockers) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("blocker");
        for (Blocker blocker : blockers) {
            list.addObject().put("kind", blocker.kind()).put("detail", blocker.detail());
        }
        try {
            control().replaceBlockers(primaryId, body);
        } catch (ControlPlaneException e) {
            throw new IllegalArgumentException("The blockers were refused: " + e.getMessage(), e);
        }
    }

    /**
     * Changes the institution's settings given ({@code delete_user_policy}, {@code research_enabled}, {@code currency},
     * {@code institution_name}, {@code job_ids}), as {@code PUT /almasim/v1/settings} does; answers them all.
     */
    public Map<String, Object> updateSettings(Map<String, ?> settings) {
        try {
            return JSON.convertValue(control().updateSettings(JSON.valueToTree(settings)), SETTINGS);
        } catch (ControlPlaneException e) {
            throw new IllegalArgumentException("The settings were refused: " + e.getMessage(), e);
        }
    }

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {};

    /** The control plane over HTTP, as a client outside the test's JVM would reach it. */
    private ControlPlane control() {
        return ControlPlane.at(baseUrl(), apiKey());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The faults Alma's API meets ({@link Faults}). */
    public Faults faults() {
        return new Faults(simulator.faults());
    }

    /**
     * Empties the library, the request journal and the fault rules and loads the annotation's population again. A
     * library nothing has written to since it was put in place is already that library, and is kept: a class of tests
     * that only read pays no reset between them (docs/benchmarks.md).
     */
    public void reset() {
        simulator.journal().clear();
        simulator.faults().clear();
        if (simulator.writes() == writesWhenPrepared) {
            // The request counts are not writes, and a test must not inherit the last one's spent thresholds.
            simulator
                    .institutions()
                    .forEach(institution -> institution.thresholds().clear());
            return;
        }
        simulator.reset();
        prepare();
    }

    /**
     * The annotation's starting point: its snapshot, then its population, each on the annotation's date, which wins over
     * the day a snapshot or a population document names (the demo names FLVC's 2024 run date).
     */
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
        for (String named : settings.institutions()) {
            String code = named.contains("=") ? named.substring(0, named.indexOf('=')) : named;
            // A shared simulator keeps the institutions another class added; reset emptied them.
            Institution member =
                    simulator.institution(code).orElseGet(() -> simulator.addInstitution(Institution.Spec.of(code)));
            if (named.contains("=")) {
                member.load(named.substring(named.indexOf('=') + 1), settings.seed());
            }
        }
        if (!settings.today().isEmpty()) {
            simulator.clock().set(LocalDate.parse(settings.today()));
        }
        writesWhenPrepared = simulator.writes();
    }

    /** Saves the whole library (and its simulated date) to a file, to start another test or a server from it. */
    public void exportTo(Path file) {
        simulator.exportTo(file);
    }

    /** Replaces the library with a snapshot saved by {@link #exportTo} or {@code GET /almasim/v1/snapshot}. */
    public void importFrom(Path file) {
        simulator.importFrom(file);
    }
}
