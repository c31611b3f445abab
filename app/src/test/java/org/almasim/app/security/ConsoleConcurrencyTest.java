package org.almasim.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.almasim.app.console.TrainerConsole;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client sends can hang the server: with a purge job held by the paused job gate in the middle of a console
 * clock move, hundreds of concurrent console, control-plane and API requests are all answered, health among them, and
 * the move finishes once the jobs resume. Each request has a time limit only so that a hang fails the test instead of
 * stalling the build.
 */
class ConsoleConcurrencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final int REQUESTS = 400;

    private Simulator simulator;
    private PlainHttp http;

    @BeforeEach
    void start() {
        simulator = Simulator.create(SimulatorConfig.defaults(), new TrainerConsole())
                .start(0);
        simulator.load(PopulationService.demo());
        // FLVC's 2024 purge is scheduled for 2024-08-01: moving on a day from the 31st runs it through the purge job.
        simulator.clock().set(LocalDate.of(2024, 7, 31));
        http = new PlainHttp(simulator.baseUrl());
    }

    @AfterEach
    void stop() throws IOException {
        http.send("POST", "/almasim/v1/jobs/resume", null);
        simulator.close();
    }

    @Test
    void aClockMoveStuckOnPausedJobsStallsNoOtherRequest() throws Exception {
        assertThat(http.send("POST", "/almasim/v1/console/policies/flvc-annual/schedule", "{\"scheduled\":true}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send("POST", "/almasim/v1/jobs/pause", null).statusCode())
                .isEqualTo(200);
        CompletableFuture<HttpResponse<String>> move = CompletableFuture.supplyAsync(
                () -> sendUnchecked("POST", "/almasim/v1/console/clock/advance", "{\"by\":\"day\"}"));
        await().atMost(HANG).until(() -> unfinishedJobs() > 0);

        ExecutorService clients = Executors.newFixedThreadPool(64);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String[] request = switch (i % 6) {
                case 0 -> new String[] {"GET", "/almasim/v1/health", null};
                case 1 -> new String[] {"GET", "/almasim/v1/console", null};
                case 2 -> new String[] {"GET", "/almaws/v1/users?limit=5", null};
                case 3 -> new String[] {"GET", "/almasim/v1/console/history", null};
                case 4 -> new String[] {"POST", "/almasim/v1/console/clock/advance", "{\"by\":\"year\"}"};
                default -> new String[] {"GET", "/almasim/v1/patrons?limit=10", null};
            };
            answers.add(clients.submit(() ->
                    new Answer(request[0] + " " + request[1], sendUnchecked(request[0], request[1], request[2]))));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(HANG.toSeconds() * 2, TimeUnit.SECONDS))
                .as("every request was answered")
                .isTrue();
        for (Future<Answer> future : answers) {
            Answer answer = future.get();
            if (answer.request().startsWith("POST")) {
                assertThat(answer.response().statusCode()).as(answer.request()).isEqualTo(400);
                assertThat(answer.response().body()).as(answer.request()).contains("in progress");
            } else {
                assertThat(answer.response().statusCode())
                        .as(answer.request() + ": " + answer.response().body())
                        .isEqualTo(200);
            }
        }
        assertThat(move).as("the clock move waits for the paused job").isNotDone();
        JsonNode overview =
                JSON.readTree(http.send("GET", "/almasim/v1/console", null).body());
        assertThat(overview.path("busy").asBoolean()).isTrue();
        assertThat(overview.path("in_progress").asText()).contains("moving the clock");

        assertThat(http.send("POST", "/almasim/v1/jobs/resume", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> moved = move.get(HANG.toSeconds() * 2, TimeUnit.SECONDS);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).path("today").asText()).isEqualTo("2024-08-01");
        assertThat(JSON.readTree(http.send("GET", "/almasim/v1/console", null).body())
                        .path("busy")
                        .asBoolean())
                .isFalse();
    }

    private record Answer(String request, HttpResponse<String> response) {}

    private int unfinishedJobs() throws IOException {
        JsonNode instances = JSON.readTree(
                http.send("GET", "/almasim/v1/jobs/instances?limit=100", null).body());
        int unfinished = 0;
        for (JsonNode instance : instances.path("job_instance")) {
            if (!instance.path("status").path("value").asText().startsWith("COMPLETED")) {
                unfinished++;
            }
        }
        return unfinished;
    }

    private HttpResponse<String> sendUnchecked(String method, String path, String body) {
        try {
            return http.send(method, path, body);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " was not answered", e);
        }
    }
}
