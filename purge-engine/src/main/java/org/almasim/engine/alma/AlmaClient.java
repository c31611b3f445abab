package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A client for any Alma: the simulator or a real institution, through its REST API only. JSON both ways; users stay
 * JSON trees, so a PUT sends back every field it was given, including ones the engine does not know. Throttling (429)
 * and server errors (5xx, broken connections) are retried with exponential backoff; Alma's refusals become
 * {@link AlmaApiException} with Alma's code.
 */
public final class AlmaClient {
    /** Alma's largest page. */
    public static final int PAGE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;
    private final int maxRetries;
    private final Duration firstBackoff;
    private final AtomicLong retries = new AtomicLong();

    public AlmaClient(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, 6, Duration.ofMillis(250));
    }

    public AlmaClient(String baseUrl, String apiKey, int maxRetries, Duration firstBackoff) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** How many requests were sent again after a 429, a 5xx or a broken connection. */
    public long retries() {
        return retries.get();
    }

    public JsonNode get(String path, Map<String, String> query) {
        return send("GET", path, query, null);
    }

    public JsonNode post(String path, Map<String, String> query, JsonNode body) {
        return send("POST", path, query, body);
    }

    public JsonNode put(String path, Map<String, String> query, JsonNode body) {
        return send("PUT", path, query, body);
    }

    public void delete(String path, Map<String, String> query) {
        send("DELETE", path, query, null);
    }

    /** {@code /almaws/v1/users/{id}}, the id encoded for a path. */
    public static String userPath(String primaryId) {
        return "/almaws/v1/users/" + encode(primaryId);
    }

    public ObjectNode getUser(String primaryId) {
        return (ObjectNode) get(userPath(primaryId), Map.of());
    }

    /** The user (with {@code query}, such as {@code expand=loans,fees}), or nothing when Alma has no such user (401861). */
    public Optional<ObjectNode> findUser(String primaryId, Map<String, String> query) {
        try {
            return Optional.of((ObjectNode) get(userPath(primaryId), query));
        } catch (AlmaApiException e) {
            if (e.code().equals("401861")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Swap-all PUT of the whole user as given; answers the user as Alma stored it. */
    public ObjectNode putUser(String primaryId, ObjectNode user) {
        return (ObjectNode) put(userPath(primaryId), Map.of(), user);
    }

    /** The id of the set of users with this name (Alma's names are unique, compared without case), if there is one. */
    public Optional<String> setId(String name) {
        for (JsonNode set : get("/almaws/v1/conf/sets", Map.of("q", "name~" + name, "content_type", "USER", "limit", "100")).path("set")) {
            if (set.path("name").asText().equalsIgnoreCase(name)) {
                return Optional.of(set.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Every user (full records), the pages fetched several at a time; in primary id order. */
    public List<ObjectNode> allUsers() {
        return every("/almaws/v1/users", Map.of("expand", "full", "order_by", "primary_id"), "user").stream()
                .map(u -> (ObjectNode) u).toList();
    }

    /**
     * Every item of an Alma list ({@code user}, {@code member}, {@code event}...), 100 a page: the first page tells the
     * total, the rest are fetched several at a time; in the list's order.
     */
    public List<JsonNode> every(String path, Map<String, String> query, String itemField) {
        JsonNode first = page(path, query, 0);
        int total = first.path("total_record_count").asInt();
        List<Integer> offsets = new ArrayList<>();
        for (int offset = PAGE; offset < total; offset += PAGE) {
            offsets.add(offset);
        }
        List<JsonNode> items = new ArrayList<>(total);
        first.path(itemField).forEach(items::add);
        for (JsonNode page : InFlight.map(offsets, offset -> page(path, query, offset))) {
            page.path(itemField).forEach(items::add);
        }
        return items;
    }

    private JsonNode page(String path, Map<String, String> query, int offset) {
        Map<String, String> paged = new LinkedHashMap<>(query);
        paged.put("limit", String.valueOf(PAGE));
        paged.put("offset", String.valueOf(offset));
        return get(path, paged);
    }

    /** Every user matching {@code q} (all users when null), full records, in primary id order. */
    public Iterator<ObjectNode> users(String q) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("expand", "full");
        query.put("order_by", "primary_id");
        if (q != null) {
            query.put("q", q);
        }
        return every("/almaws/v1/users", query, "user").stream().map(u -> (ObjectNode) u).iterator();
    }

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body) {
        HttpRequest request = request(method, path, query, body);
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new AlmaApiException(0, "CONNECTION", method + " " + baseUrl + path + " failed: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                }
                backoff = pause(backoff);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AlmaApiException(0, "INTERRUPTED", method + " " + path + " was interrupted");
            }
            int status = response.statusCode();
            if ((status == 429 || status >= 500) && attempt < maxRetries) {
                backoff = pause(backoff);
                continue;
            }
            if (status == 204) {
                return JSON.nullNode();
            }
            JsonNode answer = parse(response.body(), status);
            if (status >= 400 || answer.path("errorsExist").asBoolean(false)) {
                JsonNode error = answer.path("errorList").path("error").path(0);
                throw new AlmaApiException(status, error.path("errorCode").asText(String.valueOf(status)),
                        error.path("errorMessage").asText(response.body()));
            }
            return answer;
        }
    }

    /** Waits before the next try, twice as long each time (the only waiting the engine does: Alma asked for it). */
    private Duration pause(Duration backoff) {
        retries.incrementAndGet();
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while backing off");
        }
        return backoff.multipliedBy(2);
    }

    private HttpRequest request(String method, String path, Map<String, String> query, JsonNode body) {
        String params = query.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + (params.isEmpty() ? "" : "?" + params)))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "apikey " + apiKey)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private static JsonNode parse(String body, int status) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AlmaApiException(status, String.valueOf(status), "Alma answered something that is not JSON: "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
