package org.almasim.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library on a file database keeps its simulated date, its schedules and the console's history across a restart. */
class ConsoleRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void theDateTheSchedulesAndTheHistorySurviveARestart() throws IOException {
        String database = folder.resolve("library").toString();
        JsonNode historyBefore;
        try (Simulator first = Simulator.create(SimulatorConfig.defaults().withDatabase(database), new TrainerConsole())
                .start(0)) {
            first.load(PopulationService.demo());
            first.clock().set(LocalDate.of(2024, 7, 31));
            send(first, "POST", "/console/policies/flvc-annual/schedule", "{\"scheduled\":true}");
            JsonNode moved = send(first, "POST", "/console/clock/advance", "{\"by\":\"day\"}");
            assertThat(moved.path("runs")).as("the scheduled purge ran").isNotEmpty();
            historyBefore = send(first, "GET", "/console/history", null);
        }
        try (Simulator second = Simulator.create(
                        SimulatorConfig.defaults().withDatabase(database), new TrainerConsole())
                .start(0)) {
            JsonNode overview = send(second, "GET", "/console", null);
            assertThat(overview.path("today").asText()).isEqualTo("2024-08-01");
            JsonNode flvc = overview.path("policies").path(0);
            assertThat(flvc.path("name").asText()).isEqualTo("flvc-annual");
            assertThat(flvc.path("scheduled").asBoolean()).isTrue();
            assertThat(send(second, "GET", "/console/history", null)).isEqualTo(historyBefore);
        }
    }

    private JsonNode send(Simulator simulator, String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/almasim/v1" + path))
                .header("Accept", "application/json")
                .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body())
                    .isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
