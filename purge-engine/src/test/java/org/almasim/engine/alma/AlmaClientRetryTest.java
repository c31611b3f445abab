package org.almasim.engine.alma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the engine's client sends again, and when: only what is safe to repeat, and when Alma asks. */
class AlmaClientRetryTest {
    private HttpServer stub;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/almaws/v1/failing", exchange -> {
            arrivals.add(System.nanoTime());
            answer(exchange, 502, "bad gateway");
        });
        stub.createContext("/almaws/v1/throttled", exchange -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer(
                        exchange,
                        429,
                        "{\"errorsExist\":true,\"errorList\":{\"error\":[{\"errorCode\":\"PER_SECOND_THRESHOLD\"}]}}");
            } else {
                answer(exchange, 200, "{\"ok\":true}");
            }
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    @Test
    void aPostThatMayHaveReachedAlmaIsNotSentAgain() {
        AlmaClient alma = new AlmaClient(base(), "k", 5, Duration.ofMillis(1));
        assertThatThrownBy(() ->
                        alma.post("/almaws/v1/failing", Map.of("op", "run"), JsonNodeFactory.instance.objectNode()))
                .isInstanceOfSatisfying(
                        AlmaApiException.class,
                        e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(arrivals).as("sent once").hasSize(1);
    }

    @Test
    void aGetIsSentAgainAfterAServerError() {
        AlmaClient alma = new AlmaClient(base(), "k", 3, Duration.ofMillis(1));
        assertThatThrownBy(() -> alma.get("/almaws/v1/failing", Map.of())).isInstanceOf(AlmaApiException.class);
        assertThat(arrivals).as("the first try and three more").hasSize(4);
    }

    @Test
    void throttlingWaitsAsLongAsRetryAfterSays() {
        AlmaClient alma = new AlmaClient(base(), "k", 3, Duration.ofMillis(1));
        assertThat(alma.get("/almaws/v1/throttled", Map.of()).path("ok").asBoolean())
                .isTrue();
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .as("Retry-After: 1, not the 1 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void theBaseUrlMayNameAlmasApiPrefix() {
        assertThat(AlmaAddress.host("https://api-eu.hosted.exlibrisgroup.com/almaws/v1/"))
                .isEqualTo("https://api-eu.hosted.exlibrisgroup.com");
        assertThat(AlmaAddress.host("http://localhost:8080/almaws/v1")).isEqualTo("http://localhost:8080");
        assertThat(AlmaAddress.host("http://localhost:8080/")).isEqualTo("http://localhost:8080");
    }

    private String base() {
        return "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
