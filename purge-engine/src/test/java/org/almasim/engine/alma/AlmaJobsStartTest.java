package org.almasim.engine.alma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.almasim.engine.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * A job whose {@code op=run} answer is lost on the way back: the engine finds the run Alma started among the job's
 * instances and follows it, instead of starting the job a second time.
 */
class AlmaJobsStartTest {
    @Test
    void aRunWhoseAnswerWasLostIsFoundAndNotStartedTwice() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        HttpServer alma = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alma.createContext("/almaws/v1/conf/jobs/M26700", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                runs.incrementAndGet();
                answer(exchange, 502, "proxy error");
            } else if (path.endsWith("/instances")) {
                answer(
                        exchange,
                        200,
                        runs.get() == 0
                                ? "{\"total_record_count\":0}"
                                : "{\"job_instance\":[{\"id\":\"7\",\"status\":{\"value\":\"COMPLETED_SUCCESS\"}}],\"total_record_count\":1}");
            } else {
                answer(
                        exchange,
                        200,
                        "{\"id\":\"7\",\"link\":\"http://x/almaws/v1/conf/jobs/M26700/instances/7\","
                                + "\"status\":{\"value\":\"COMPLETED_SUCCESS\"},\"progress\":100}");
            }
        });
        alma.start();
        try {
            AlmaClient client =
                    new AlmaClient("http://127.0.0.1:" + alma.getAddress().getPort(), "k", 3, Duration.ofMillis(1));
            JsonNode instance = new AlmaJobs(client).run("M26700", Map.of("set_id", "1"), ProgressListener.NONE);
            assertThat(instance.path("id").asText()).isEqualTo("7");
            assertThat(runs.get()).as("op=run sent once").isEqualTo(1);
        } finally {
            alma.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
