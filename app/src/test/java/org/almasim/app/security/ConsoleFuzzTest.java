package org.almasim.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.support.PropertyRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer console's routes (which the simulator's own fuzz test cannot reach: they need the purge engine), sent
 * seeded junk: wrong policy, run and scenario names, malformed and mistyped bodies, odd parameters. No answer is a 500,
 * every error is Alma's envelope in JSON, and a refused request changes nothing. Replay with
 * {@code -Dalmasim.fuzz.seed=S}; more with {@code -Dalmasim.console.fuzz.requests=N}.
 */
class ConsoleFuzzTest {
    private static final long SEED = PropertyRunner.seed("almasim.fuzz.seed", 20261127L);
    private static final int REQUESTS = Integer.getInteger("almasim.console.fuzz.requests", 2_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JUNK = List.of(
            "",
            "x".repeat(300),
            "bad\u0001name",
            "１２",
            "=HYPERLINK(\"x\")",
            "../../etc/passwd",
            "null",
            "' OR 1=1 --",
            "\uD83D\uDE00");

    private static Simulator simulator;
    private static PlainHttp http;

    @BeforeAll
    static void start() {
        simulator = PlainHttp.demoLibrary(List.of());
        http = new PlainHttp(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void noConsoleRequestGetsA500AndEveryRefusalIsAlmasEnvelopeAndChangesNothing() throws IOException {
        List<Simulator.Route> routes = simulator.routes().stream()
                .filter(r -> r.path().startsWith("/almasim/v1/console"))
                .toList();
        assertThat(routes).hasSizeGreaterThan(8);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, String> failures = new LinkedHashMap<>();
        String digest = digest();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Simulator.Route route = routes.get(random.nextInt(routes.size()));
            String path = route.path()
                    .replace(
                            "{policy}",
                            random.nextInt(3) > 0
                                    ? pick(random, List.of("flvc-annual", "opal-lifecycle"))
                                    : encoded(pick(random, JUNK)))
                    .replace(
                            "{run_id}",
                            random.nextBoolean() ? String.valueOf(1 + random.nextInt(4)) : encoded(pick(random, JUNK)))
                    // Loading a shipped scenario empties the library and replays it: rare, so most requests meet a
                    // library.
                    .replace("{scenario}", random.nextInt(40) == 0 ? "edge-cases" : encoded(pick(random, JUNK)))
                    .replace(
                            "{user_id}",
                            random.nextBoolean()
                                    ? pick(random, List.of("flvc-with-loan", "flvc-expired-2022"))
                                    : encoded(pick(random, JUNK)));
            String query = random.nextBoolean()
                    ? ""
                    : "?" + pick(random, List.of("action", "offset", "limit", "format")) + "="
                            + encoded(pick(
                                    random,
                                    List.of("PURGE", "KEEP", "csv", "text", "pdf", "-1", "101", "a\u0000b", "１２")));
            String body = route.method().equals("GET") ? null : body(random);
            HttpResponse<String> answer = http.send(route.method(), path + query, body);
            String replay = "request " + i + ": " + route.method() + " " + path + query
                    + (body == null ? "" : " " + body) + "\n    answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length()));
            String kind = route.method() + " " + route.path() + " ";
            if (answer.statusCode() >= 500) {
                failures.putIfAbsent(kind + answer.statusCode(), replay);
            } else if (answer.statusCode() >= 400) {
                refused++;
                JsonNode error = JSON.readTree(answer.body());
                if (!error.path("errorsExist").asBoolean()
                        || !error.path("errorList").path("error").path(0).has("errorCode")) {
                    failures.putIfAbsent(kind + "not Alma's envelope", replay);
                }
                String after = digest();
                if (!after.equals(digest)) {
                    failures.putIfAbsent(kind + "refused but changed", replay);
                    digest = after;
                }
            } else if (!route.method().equals("GET")) {
                accepted++;
                await().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(10))
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> !JSON.readTree(http.send("GET", "/almasim/v1/console", null)
                                        .body())
                                .path("busy")
                                .asBoolean());
                digest = digest();
            }
        }
        assertThat(accepted).as("changes the console accepted").isPositive();
        assertThat(refused).as("requests the console refused").isGreaterThan(REQUESTS / 4);
        assertThat(failures)
                .as("seed " + SEED + ", one example of each kind of failure:\n  "
                        + String.join("\n  ", failures.values()))
                .isEmpty();
    }

    private static String body(SplittableRandom random) {
        return switch (random.nextInt(9)) {
            case 0 -> "{\"by\":\"" + pick(random, List.of("day", "week", "century", "", "DAY")) + "\"}";
            case 1 -> "{\"scheduled\":" + pick(random, List.of("true", "false", "\"yes\"", "null", "1")) + "}";
            case 2 ->
                "{\"stages\":[\"" + pick(random, List.of("purge", "fixups", "everything", "")) + "\"],\"mode\":\""
                        + pick(random, List.of("job", "per_user", "magic")) + "\"}";
            case 3 -> "null";
            case 4 -> "[]";
            case 5 -> "{\"by\":{\"nested\":[1,2,3]}}";
            case 6 -> "{unclosed";
            case 7 -> "";
            default -> "{\"stages\":\"purge\",\"mode\":7}";
        };
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String digest() throws IOException {
        HttpResponse<String> answer = http.send("GET", "/almasim/v1/state/digest", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
