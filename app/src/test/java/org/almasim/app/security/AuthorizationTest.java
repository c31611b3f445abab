package org.almasim.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route the simulator serves (Alma's API, the control plane, the trainer console's), walked with no key, a wrong
 * key, the right key in another case and a read-only key: each is refused with Alma's UNAUTHORIZED and changes nothing,
 * except health, which is open, and reads, which a read-only key may make.
 */
class AuthorizationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_ONLY = "l8xx-read-only";
    private static final Map<String, String> PATH_VALUES =
            Map.of("{user_id}", "flvc-expired-2022", "{policy}", "flvc-annual", "{scenario}", "edge-cases");

    private static Simulator simulator;
    private static PlainHttp http;

    @BeforeAll
    static void start() {
        simulator = PlainHttp.demoLibrary(List.of(ApiKeys.DEVELOPMENT_KEY, READ_ONLY + ":ro"));
        http = new PlainHttp(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void everyRouteButHealthRefusesNoKeyAWrongKeyAndTheKeyInAnotherCase() throws IOException {
        String before = digest();
        List<Simulator.Route> routes = simulator.routes();
        assertThat(routes)
                .as("routes of Alma's API, the control plane and the console")
                .hasSizeGreaterThan(40);
        for (Simulator.Route route : routes) {
            if (route.path().equals("/almasim/v1/health")) {
                continue;
            }
            for (String key : new String[] {null, "l8xx-wrong", ApiKeys.DEVELOPMENT_KEY.toUpperCase(Locale.ROOT)}) {
                HttpResponse<String> answer = http.send(route.method(), path(route), key, "{}", Map.of());
                assertUnauthorized(route, key, answer);
            }
        }
        assertThat(digest()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aReadOnlyKeyReadsEveryRouteButMayWriteNone() throws IOException {
        String before = digest();
        for (Simulator.Route route : simulator.routes()) {
            HttpResponse<String> answer = http.send(route.method(), path(route), READ_ONLY, "{}", Map.of());
            // POST /users/{id} is op=auth, which checks a password and changes nothing: Alma allows it with a read-only
            // key. A whole library's snapshot holds what no read answers (password hashes), so it needs a read-write
            // key (docs/security.md).
            boolean reads = (route.method().equals("GET") && !route.path().equals("/almasim/v1/snapshot"))
                    || (route.method().equals("POST") && route.path().equals("/almaws/v1/users/{user_id}"));
            if (reads) {
                assertThat(errorCode(answer))
                        .as("%s %s with a read-only key: %s", route.method(), route.path(), answer.body())
                        .isNotEqualTo("UNAUTHORIZED");
            } else {
                assertUnauthorized(route, READ_ONLY, answer);
            }
        }
        assertThat(digest()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void healthAnswersWithoutAKeyAndOffersOnlyThePublicDevelopmentKey() throws IOException {
        HttpResponse<String> health = http.send("GET", "/almasim/v1/health", null, null, Map.of());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("development_key_only").asBoolean())
                .as("a read-only key is configured too")
                .isFalse();
        assertThat(health.body()).doesNotContain(READ_ONLY).doesNotContain(ApiKeys.DEVELOPMENT_KEY);
    }

    @Test
    void anotherWebOriginCannotWriteEvenWithTheKeyInTheAddress() throws IOException {
        String before = digest();
        HttpResponse<String> reset = http.send(
                "POST",
                "/almasim/v1/reset?apikey=" + ApiKeys.DEVELOPMENT_KEY,
                null,
                null,
                Map.of("Origin", "http://evil.example"));
        assertThat(errorCode(reset)).isEqualTo("UNAUTHORIZED");
        HttpResponse<String> purge = http.send(
                "POST",
                "/almasim/v1/console/policies/flvc-annual/runs",
                ApiKeys.DEVELOPMENT_KEY,
                "{}",
                Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(errorCode(purge)).isEqualTo("UNAUTHORIZED");
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void aWriteWhoseBodyIsNotTypedAsJsonOrXmlIsRefused() throws IOException {
        String before = digest();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            HttpResponse<String> moved = http.send(
                    "POST",
                    "/almasim/v1/clock/advance",
                    ApiKeys.DEVELOPMENT_KEY,
                    "{\"period\":\"P1Y\"}",
                    Map.of("Content-Type", type));
            assertThat(errorCode(moved)).as(type).isEqualTo("401676");
        }
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void aKeyIsComparedExactlyOnAKeptAliveConnection() throws IOException {
        HttpResponse<String> right =
                http.send("GET", "/almaws/v1/users?limit=1", ApiKeys.DEVELOPMENT_KEY, null, Map.of());
        assertThat(right.statusCode()).isEqualTo(200);
        HttpResponse<String> otherCase =
                http.send("GET", "/almaws/v1/users?limit=1", "L8XXALMASIMDEVELOPMENTKEY", null, Map.of());
        assertThat(errorCode(otherCase)).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void theSimulatorListensOnTheLoopbackAddressOnly() throws IOException {
        assertThat(simulator.host()).isEqualTo("127.0.0.1");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 2000);
        }
        // 127.0.0.2 is this machine too: a server bound to every address would accept it.
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.2", simulator.port()), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static void assertUnauthorized(Simulator.Route route, String key, HttpResponse<String> answer)
            throws IOException {
        assertThat(answer.statusCode())
                .as("%s %s with key %s: %s", route.method(), route.path(), key, answer.body())
                .isEqualTo(400);
        assertThat(errorCode(answer))
                .as("%s %s with key %s", route.method(), route.path(), key)
                .isEqualTo("UNAUTHORIZED");
    }

    private static String path(Simulator.Route route) {
        String path = route.path();
        for (var value : PATH_VALUES.entrySet()) {
            path = path.replace(value.getKey(), value.getValue());
        }
        return path.replaceAll("\\{[a-z_]+}", "1");
    }

    private static String digest() throws IOException {
        HttpResponse<String> answer =
                http.send("GET", "/almasim/v1/state/digest", ApiKeys.DEVELOPMENT_KEY, null, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** Alma's error code, or nothing for an answer that is not an error (which may not be JSON: a snapshot is a zip). */
    private static String errorCode(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() < 400) {
            return "";
        }
        return JSON.readTree(answer.body())
                .path("errorList")
                .path("error")
                .path(0)
                .path("errorCode")
                .asText();
    }
}
