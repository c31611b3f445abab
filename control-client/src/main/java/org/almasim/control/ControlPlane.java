package org.almasim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A typed client of almasim's own control plane ({@code /almasim/v1}): the clock, reset, populations, institutions,
 * settings, faults, blockers and the patron views the console reads. It is the one place outside the simulator's
 * {@code Routes} that spells those paths. Only almasim has them: code that may talk to a real Alma (the purge engine)
 * never uses this client.
 *
 * <p>A refusal is a {@link ControlPlaneException} with almasim's error code and message; the key goes in Alma's
 * {@code Authorization: apikey} header.
 */
public final class ControlPlane {
    /** The control plane's root under a simulator's base URL. */
    public static final String ROOT = "/almasim/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String apiKey;

    private ControlPlane(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The control plane of the simulator at {@code baseUrl} (as {@code http://localhost:8080}), reached with a key. */
    public static ControlPlane at(String baseUrl, String apiKey) {
        return new ControlPlane(baseUrl, apiKey);
    }

    /** The same simulator reached with another key (that of a member institution, say). */
    public ControlPlane withKey(String key) {
        return new ControlPlane(baseUrl, key);
    }

    /** The health route's address, the one route that needs no key: what a supervisor polls until the server is up. */
    public static URI health(String baseUrl) {
        return URI.create(baseUrl + ROOT + "/health");
    }

    /**
     * The simulated day of an almasim at {@code baseUrl}, read from its health route (which needs no key); empty when
     * nothing answers there as almasim does.
     */
    public static Optional<LocalDate> simulatedToday(String baseUrl) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(health(baseUrl))
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String today = parse(answer.body()).path("today").asText("");
            return answer.statusCode() == 200 && today.matches("\\d{4}-\\d{2}-\\d{2}")
                    ? Optional.of(LocalDate.parse(today))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The simulated day. */
    public LocalDate today() {
        return LocalDate.parse(
                send("GET", "/clock", Map.of(), null).path("today").asText());
    }

    /** Sets the simulated clock to any day, forward or back. */
    public void setToday(LocalDate day) {
        send("PUT", "/clock", Map.of(), JSON.createObjectNode().put("today", day.toString()));
    }

    /** Empties the institution's library (its settings and code tables back to their defaults). */
    public void reset() {
        send("POST", "/reset", Map.of(), null);
    }

    /** Loads a population document (docs/population.md); answers the counts loaded. */
    public JsonNode loadPopulation(JsonNode population) {
        return send("POST", "/population", Map.of(), population);
    }

    /** Loads a population document written in YAML, as a file holds it. */
    public JsonNode loadPopulation(String yaml) {
        return send("POST", "/population", Map.of(), "application/yaml", yaml);
    }

    /**
     * Alma's SIS synchronisation of a file as a SIS sends it and Alma's Export users writes it (version 2: {@code .zip},
     * {@code .xml.gz} or {@code .xml}), streamed from disk; answers the load's report (docs/your-library.md).
     */
    public JsonNode sisLoad(Path file) {
        return sisLoad(file, file.getFileName().toString());
    }

    /** The same, the file called {@code name} in the report and its messages. */
    public JsonNode sisLoad(Path file, String name) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".zip")
                ? "application/zip"
                : lower.endsWith(".gz") ? "application/gzip" : "application/xml";
        try {
            return send("POST", "/sis-load", Map.of("file", name), type, HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new ControlPlaneException(0, "FILE", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Replaces the institution's library with a snapshot file ({@code GET /almasim/v1/snapshot} or {@code almasim import
     * --out} wrote it), streamed from disk; answers the simulated day the snapshot brings.
     */
    public LocalDate replaceSnapshot(Path snapshot) {
        try {
            return LocalDate.parse(
                    send("PUT", "/snapshot", Map.of(), "application/zip", HttpRequest.BodyPublishers.ofFile(snapshot))
                            .path("today")
                            .asText());
        } catch (FileNotFoundException e) {
            throw new ControlPlaneException(0, "FILE", "cannot read " + snapshot + ": " + e.getMessage());
        }
    }

    /** The same synchronisation of a {@code users} document of {@code user} elements held in memory. */
    public JsonNode sisLoad(String usersXml, String name) {
        return send(
                "POST",
                "/sis-load",
                Map.of("file", name),
                "application/xml",
                HttpRequest.BodyPublishers.ofString(usersXml));
    }

    /** Adds a member institution (code, name, api_keys, population); answers it, keys redacted. */
    public JsonNode addInstitution(JsonNode institution) {
        return send("POST", "/institutions", Map.of(), institution);
    }

    /** Changes the settings given (delete_user_policy, currency, institution_name...); answers them all. */
    public JsonNode updateSettings(JsonNode settings) {
        return send("PUT", "/settings", Map.of(), settings);
    }

    /** Adds a fault rule for Alma's API (docs/testing.md); answers it with its id ({@code F1}...). */
    public JsonNode addFault(JsonNode rule) {
        return send("POST", "/faults", Map.of(), rule);
    }

    /** Removes every fault rule. */
    public void clearFaults() {
        send("DELETE", "/faults", Map.of(), null);
    }

    /** Replaces the blockers kept on a user ({@code {"blocker":[{"kind","detail"}]}}; none clears them). */
    public JsonNode replaceBlockers(String primaryId, JsonNode blockers) {
        return send("PUT", "/users/" + encode(primaryId) + "/blockers", Map.of(), blockers);
    }

    /** A digest of the whole library's state: equal digests, the same library (what a refused call must not change). */
    public JsonNode digest() {
        return send("GET", "/state/digest", Map.of(), null);
    }

    /** Holds new and running job runs after they take hold of their users, before deleting anyone (docs/jobs.md). */
    public void pauseJobs() {
        send("POST", "/jobs/pause", Map.of(), null);
    }

    /** Lets held and new jobs run again. */
    public void resumeJobs() {
        send("POST", "/jobs/resume", Map.of(), null);
    }

    /** A page of the patron directory the console lists ({@code limit}, {@code offset}, filters). */
    public JsonNode patrons(Map<String, String> query) {
        return send("GET", "/patrons", query, null);
    }

    /** The patrons by status, today. */
    public JsonNode patronSummary() {
        return send("GET", "/patrons/summary", Map.of(), null);
    }

    /** One patron as the console shows it: the user, loans, fees, blockers and the purge job's verdict. */
    public JsonNode patron(String primaryId) {
        return send("GET", "/patrons/" + encode(primaryId), Map.of(), null);
    }

    /** The trainer console's routes, served where the console runs (the {@code almasim} command, not the library). */
    public TrainerConsole console() {
        return new TrainerConsole();
    }

    /** The trainer console's own control routes ({@code /almasim/v1/console}). */
    public final class TrainerConsole {
        private TrainerConsole() {}

        /** Loads a shipped scenario into the console's library; answers the console's state. */
        public JsonNode loadScenario(String name) {
            return send("POST", "/console/scenarios/" + encode(name), Map.of(), null);
        }

        /** Plays the loaded scenario's next step; answers the console's state. */
        public JsonNode step() {
            return send("POST", "/console/scenario/step", Map.of(), null);
        }

        /** Schedules a policy on the console's calendar, or takes it off. */
        public JsonNode schedule(String policy, boolean scheduled) {
            ObjectNode body = JSON.createObjectNode().put("scheduled", scheduled);
            return send("POST", "/console/policies/" + encode(policy) + "/schedule", Map.of(), body);
        }
    }

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body) {
        return send(method, path, query, "application/json", body == null ? null : body.toString());
    }

    private JsonNode send(String method, String path, Map<String, String> query, String contentType, String body) {
        return send(
                method,
                path,
                query,
                contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private JsonNode send(
            String method, String path, Map<String, String> query, String contentType, HttpRequest.BodyPublisher body) {
        String params = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + ROOT + path + (params.isEmpty() ? "" : "?" + params)))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "apikey " + apiKey)
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .method(method, body)
                .build();
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ControlPlaneException(0, "CONNECTION", "cannot reach " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneException(0, "INTERRUPTED", method + " " + ROOT + path + " was interrupted");
        }
        JsonNode answered = parse(answer.body());
        if (answer.statusCode() >= 300) {
            JsonNode error = answered.path("errorList").path("error").path(0);
            throw new ControlPlaneException(
                    answer.statusCode(),
                    error.path("errorCode").asText(String.valueOf(answer.statusCode())),
                    error.path("errorMessage").asText(answer.body()));
        }
        return answered;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
