package org.almasim.app.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.app.console.TrainerConsole;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;

/**
 * Requests exactly as the safety tests mean them: any method, key (or none), body and headers, answered raw. JSON is
 * asked for; a body is sent as JSON unless the headers say otherwise. Each request has a time limit, so a server that
 * hangs fails a test instead of stalling the build.
 */
final class PlainHttp {
    private static final Duration HANG = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HANG)
            .build();
    private final String baseUrl;

    PlainHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * A simulator with the trainer console's routes and the demo patrons on FLVC's 2024 run date, as the safety tests
     * walk it; {@code apiKeys} as {@code --api-key} takes them.
     */
    static Simulator demoLibrary(List<String> apiKeys) {
        Simulator simulator = Simulator.create(
                        SimulatorConfig.defaults()
                                .withToday(LocalDate.of(2024, 8, 1))
                                .withApiKeys(apiKeys),
                        new TrainerConsole())
                .start(0);
        simulator.load(PopulationService.demo());
        return simulator;
    }

    /** With the development key. */
    HttpResponse<String> send(String method, String path, String body) throws IOException {
        return send(method, path, ApiKeys.DEVELOPMENT_KEY, body, Map.of());
    }

    HttpResponse<String> send(String method, String path, String key, String body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(HANG)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "apikey " + key);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
