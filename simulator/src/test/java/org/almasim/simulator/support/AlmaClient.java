package org.almasim.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A typed HTTP client for tests: {@code createUser(...)} fails the test unless Alma answers 200;
 * {@code attemptToCreateUser(...)} returns the raw answer for asserting errors.
 */
public final class AlmaClient {
    public static final String JSON = "application/json";
    public static final String XML = "application/xml";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String apiKey;

    public AlmaClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public AlmaClient withKey(String key) {
        return new AlmaClient(baseUrl, key);
    }

    public AlmaResponse send(
            String method, String path, Map<String, String> query, String body, String contentType, String accept) {
        String params = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + path + (params.isEmpty() ? "" : "?" + params)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "apikey " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new AlmaResponse(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Posts a file as it is on disk, streamed, with the type given. */
    public AlmaResponse postFile(String path, Map<String, String> query, java.nio.file.Path file, String contentType) {
        String params = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(baseUrl + path + (params.isEmpty() ? "" : "?" + params)))
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json");
            if (apiKey != null) {
                request.header("Authorization", "apikey " + apiKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new AlmaResponse(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code POST /users/{id}?op=auth} with the password in Alma's {@code Exl-User-Pw} header, URL-encoded. */
    public AlmaResponse authenticate(String userId, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/almaws/v1/users/" + userId + "?op=auth"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "apikey " + apiKey)
                .header("Exl-User-Pw", URLEncoder.encode(password, StandardCharsets.UTF_8))
                .header("Accept", JSON)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new AlmaResponse(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("auth of " + userId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public AlmaResponse get(String path, Map<String, String> query, String accept) {
        return send("GET", path, query, null, null, accept);
    }

    public AlmaResponse getJson(String path, Map<String, String> query) {
        return get(path, query, JSON);
    }

    public AlmaResponse postJson(String path, Map<String, String> query, String body) {
        return send("POST", path, query, body, body == null ? null : JSON, JSON);
    }

    // Users

    public AlmaResponse attemptToCreateUser(String json) {
        return postJson("/almaws/v1/users", Map.of(), json);
    }

    public JsonNode createUser(String json) {
        return attemptToCreateUser(json).isOk().json();
    }

    public AlmaResponse attemptToGetUser(String id) {
        return getJson("/almaws/v1/users/" + id, Map.of());
    }

    public JsonNode getUser(String id) {
        return attemptToGetUser(id).isOk().json();
    }

    public AlmaResponse attemptToUpdateUser(String id, String json, Map<String, String> query) {
        return send("PUT", "/almaws/v1/users/" + id, query, json, JSON, JSON);
    }

    public JsonNode updateUser(String id, String json) {
        return attemptToUpdateUser(id, json, Map.of()).isOk().json();
    }

    public AlmaResponse attemptToDeleteUser(String id) {
        return send("DELETE", "/almaws/v1/users/" + id, Map.of(), null, null, JSON);
    }

    // Fees

    public JsonNode createFee(String userId, String json) {
        return postJson("/almaws/v1/users/" + userId + "/fees", Map.of(), json)
                .isOk()
                .json();
    }

    public AlmaResponse attemptFeeAction(String userId, String feeId, Map<String, String> query) {
        return postJson("/almaws/v1/users/" + userId + "/fees/" + feeId, query, null);
    }

    public JsonNode fees(String userId, Map<String, String> query) {
        return getJson("/almaws/v1/users/" + userId + "/fees", query).isOk().json();
    }

    // Loans

    public AlmaResponse attemptToLend(String userId, String barcode) {
        return postJson(
                "/almaws/v1/users/" + userId + "/loans",
                Map.of("item_barcode", barcode),
                "{\"circ_desk\":{\"value\":\"DEFAULT_CIRC_DESK\"},\"library\":{\"value\":\"MAIN\"}}");
    }

    public JsonNode lend(String userId, String barcode) {
        return attemptToLend(userId, barcode).isOk().json();
    }

    // Jobs

    /** Alma's run body: {@code {"parameter":[{"name":{"value":"set_id"},"value":"..."}]}}. */
    public static String jobParameters(Map<String, String> parameters) {
        return "{\"parameter\":["
                + parameters.entrySet().stream()
                        .map(e -> "{\"name\":{\"value\":\"" + e.getKey() + "\"},\"value\":\"" + e.getValue() + "\"}")
                        .collect(Collectors.joining(","))
                + "]}";
    }

    public AlmaResponse attemptToRunJob(String jobPath, Map<String, String> parameters) {
        return postJson(jobPath, Map.of("op", "run"), jobParameters(parameters));
    }

    /** Starts a run and answers the path of its instance. */
    public String startJob(String jobPath, Map<String, String> parameters) {
        String link = attemptToRunJob(jobPath, parameters)
                .isOk()
                .json()
                .path("additional_info")
                .path("link")
                .asText();
        return link.substring(link.indexOf("/almaws"));
    }

    /** Waits, with a deadline and never a sleep, until the instance has finished; answers it. */
    public JsonNode awaitFinished(String instancePath) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> getJson(instancePath, Map.of())
                        .json()
                        .path("status")
                        .path("value")
                        .asText()
                        .startsWith("COMPLETED"));
        return getJson(instancePath, Map.of()).isOk().json();
    }

    public JsonNode runJob(String jobPath, Map<String, String> parameters) {
        return awaitFinished(startJob(jobPath, parameters));
    }

    /** The value of the instance's counter with this description ("Records processed"...). */
    public static String counter(JsonNode instance, String desc) {
        for (JsonNode c : instance.path("counter")) {
            if (c.path("type").path("desc").asText().equals(desc)) {
                return c.path("value").asText();
            }
        }
        throw new AssertionError("No counter '" + desc + "' in " + instance);
    }

    // Control plane

    public void loadPopulation(String yaml) {
        AlmaResponse response = send("POST", "/almasim/v1/population", Map.of(), yaml, "application/yaml", JSON);
        response.isOk();
    }

    public AlmaResponse attemptToLoadPopulation(String yaml) {
        return send("POST", "/almasim/v1/population", Map.of(), yaml, "application/yaml", JSON);
    }
}
