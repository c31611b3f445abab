package org.almasim.scenarios.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.almasim.simulator.http.ApiKeys;

/**
 * Requests exactly as the safety tests mean them: any method, key (or none), body and headers, answered raw. JSON is
 * asked for; a body is sent as JSON unless the headers say otherwise. Each request has a time limit, so a server that
 * hangs fails a test instead of stalling the build.
 */
final class PlainHttp {
    private static final Duration HANG = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(HANG).build();
    private final String baseUrl;

    PlainHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** With the development key. */
    HttpResponse<String> send(String method, String path, String body) throws IOException {
        return send(method, path, ApiKeys.DEVELOPMENT_KEY, body, Map.of());
    }

    HttpResponse<String> send(String method, String path, String key, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(HANG).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
