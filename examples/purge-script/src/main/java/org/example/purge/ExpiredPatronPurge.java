package org.example.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small purge script as a library's systems team writes one against Alma's Users API: every patron whose purge date
 * is before the cut-off is deleted, and Alma's refusals (loans, fines) are reported, not retried. It knows nothing of
 * almasim: pointed at a real Alma with a real key, it does the same.
 */
public final class ExpiredPatronPurge {
    /** Who was deleted, and who Alma refused with its words. */
    public record Outcome(List<String> deleted, Map<String, String> refused) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String apiKey;

    public ExpiredPatronPurge(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public Outcome run(LocalDate cutoff) throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        for (String id : primaryIds()) {
            JsonNode user = call("GET", "/almaws/v1/users/" + encode(id)).body();
            String purgeDate = user.path("purge_date").asText("");
            if (!purgeDate.isEmpty()
                    && LocalDate.parse(purgeDate.substring(0, 10)).isBefore(cutoff)) {
                candidates.add(id);
            }
        }
        List<String> deleted = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (String id : candidates) {
            Answer answer = call("DELETE", "/almaws/v1/users/" + encode(id));
            if (answer.status() == 204) {
                deleted.add(id);
            } else {
                refused.put(
                        id,
                        answer.body()
                                .path("errorList")
                                .path("error")
                                .path(0)
                                .path("errorMessage")
                                .asText());
            }
        }
        return new Outcome(deleted, refused);
    }

    private List<String> primaryIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            JsonNode page =
                    call("GET", "/almaws/v1/users?limit=100&offset=" + offset).body();
            page.path("user").forEach(user -> ids.add(user.path("primary_id").asText()));
            if (offset + 100 >= page.path("total_record_count").asInt()) {
                return ids;
            }
        }
    }

    private record Answer(int status, JsonNode body) {}

    private Answer call(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "apikey " + apiKey)
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
