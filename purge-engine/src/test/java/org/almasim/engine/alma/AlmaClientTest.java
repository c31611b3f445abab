package org.almasim.engine.alma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.Test;

/** The engine's Alma client against a real simulator over HTTP (and a stub server for failures the simulator never has). */
class AlmaClientTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);

    private static Simulator simulator(SimulatorConfig config) {
        return Simulator.create(config.withToday(TODAY)).start(0);
    }

    @Test
    void pagesThroughEveryUserOnce() {
        try (Simulator sim = simulator(SimulatorConfig.defaults())) {
            sim.load(SyntheticPopulation.chunk(3, 0, 250, TODAY));
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            Set<String> seen = new HashSet<>();
            new AlmaUsers(alma)
                    .matching(null)
                    .forEachRemaining(u ->
                            assertThat(seen.add(u.path("primary_id").asText())).isTrue());
            assertThat(seen).hasSize(250);
            int undergrads = 0;
            for (var it = new AlmaUsers(alma).matching("user_group~UNDERGRAD"); it.hasNext(); it.next()) {
                undergrads++;
            }
            assertThat(undergrads).isPositive().isLessThan(250);
        }
    }

    @Test
    void tellsHowManyCallsAlmaSaysRemainToday() {
        try (Simulator sim = simulator(SimulatorConfig.defaults())) {
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            assertThat(alma.remainingToday()).as("before any answer").isEmpty();

            alma.get("/almaws/v1/users", Map.of("limit", "1"));
            long first = alma.remainingToday().orElseThrow();
            alma.get("/almaws/v1/users", Map.of("limit", "1"));

            assertThat(alma.remainingToday()).hasValue(first - 1);
        }
    }

    @Test
    void aRunningJobIsLookedAtSeldomOnceFewCallsRemainToday() {
        assertThat(AlmaJobs.pauseFor(7, OptionalLong.empty())).isEqualTo(7);
        assertThat(AlmaJobs.pauseFor(7, OptionalLong.of(AlmaJobs.FEW_CALLS_LEFT)))
                .isEqualTo(7);
        assertThat(AlmaJobs.pauseFor(7, OptionalLong.of(AlmaJobs.FEW_CALLS_LEFT - 1)))
                .isEqualTo(AlmaJobs.FEW_CALLS_POLL_MILLIS);
    }

    @Test
    void aPutOfTheTreeChangesOnlyTheFieldTheEngineChanged() {
        try (Simulator sim = simulator(SimulatorConfig.defaults())) {
            sim.load(PopulationService.demo());
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            ObjectNode before = new AlmaUsers(alma).get("current-student");
            ObjectNode edited = before.deepCopy();
            edited.put("purge_date", "2027-05-31Z");
            new AlmaUsers(alma).put("current-student", edited);
            ObjectNode after = new AlmaUsers(alma).get("current-student");
            assertThat(after.path("purge_date").asText()).isEqualTo("2027-05-31Z");
            ObjectNode unchanged = after.deepCopy();
            unchanged.put("purge_date", before.path("purge_date").asText());
            assertThat(unchanged).isEqualTo(before);
        }
    }

    @Test
    void almasRefusalsBecomeExceptionsWithAlmasCode() {
        try (Simulator sim = simulator(SimulatorConfig.defaults())) {
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            assertThatThrownBy(() -> new AlmaUsers(alma).get("nobody"))
                    .isInstanceOfSatisfying(AlmaApiException.class, e -> {
                        assertThat(e.code()).isEqualTo("401861");
                        assertThat(e.status()).isEqualTo(400);
                    });
            AlmaClient wrongKey = new AlmaClient(sim.baseUrl(), "nope");
            assertThatThrownBy(() -> wrongKey.get("/almaws/v1/users", Map.of()))
                    .isInstanceOfSatisfying(
                            AlmaApiException.class, e -> assertThat(e.code()).isEqualTo("UNAUTHORIZED"));
        }
    }

    @Test
    void throttledRequestsAreRetriedUntilTheyGoThrough() {
        // The threshold's second is ten of its admissions long, whatever the machine's load: of each ten calls
        // the first five go through and the rest are throttled, so the client must retry to get its answers.
        AtomicLong admissions = new AtomicLong();
        try (Simulator sim = simulator(SimulatorConfig.defaults()
                .withPerSecondThreshold(5)
                .withTicker(() -> admissions.getAndIncrement() * 100_000_000L)
                .withApiKeys(List.of("k")))) {
            sim.load(PopulationService.demo());
            AlmaClient alma = new AlmaClient(sim.baseUrl(), "k", 8, Duration.ofMillis(1));
            for (int i = 0; i < 20; i++) {
                assertThat(new AlmaUsers(alma)
                                .get("current-student")
                                .path("primary_id")
                                .asText())
                        .isEqualTo("current-student");
            }
            assertThat(alma.retries())
                    .as("20 calls against 5 a second were throttled and retried")
                    .isPositive();
        }
    }

    @Test
    void serverErrorsAreRetriedAndThenReported() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/almaws/v1/flaky", exchange -> {
            boolean fail = calls.incrementAndGet() <= 2;
            byte[] body = (fail ? "busy" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.createContext("/almaws/v1/broken", exchange -> {
            byte[] body =
                    "{\"errorsExist\":true,\"errorList\":{\"error\":[{\"errorCode\":\"402119\",\"errorMessage\":\"General error.\"}]}}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            AlmaClient alma =
                    new AlmaClient("http://127.0.0.1:" + stub.getAddress().getPort(), "k", 3, Duration.ofMillis(10));
            JsonNode answer = alma.get("/almaws/v1/flaky", Map.of());
            assertThat(answer.path("ok").asBoolean()).isTrue();
            assertThat(alma.retries()).isEqualTo(2);
            assertThat(alma.calls())
                    .as("every request the server received, retries included")
                    .isEqualTo(calls.get())
                    .isEqualTo(3);
            assertThatThrownBy(() -> alma.get("/almaws/v1/broken", Map.of()))
                    .isInstanceOfSatisfying(AlmaApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.code()).isEqualTo("402119");
                    });
            assertThat(alma.retries()).isEqualTo(5);
            assertThat(alma.calls())
                    .as("three to the flaky path, then the broken one tried four times")
                    .isEqualTo(7);
        } finally {
            stub.stop(0);
        }
    }
}
