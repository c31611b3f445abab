package org.almasim.engine.alma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A client for any Alma: the simulator or a real institution, through its REST API only. JSON both ways; users stay
 * JSON trees, so a PUT sends back every field it was given, including ones the engine does not know. Throttling (429)
 * is retried after Alma's Retry-After (or a growing pause), since Alma did nothing; server errors and broken connections
 * are retried only for requests that are safe to repeat (GET, PUT of a whole object, DELETE). A POST that may have
 * reached Alma is never sent twice: it fails with {@link AlmaApiException#OUTCOME_UNKNOWN}, and the caller checks what
 * Alma did (a job's instances, a set's name). Alma's refusals become {@link AlmaApiException} with Alma's code.
 */
public final class AlmaClient {
    /** Alma's largest page. */
    public static final int PAGE = 100;
    /** Where Alma's API lives on a host; every path the engine sends starts with it. */
    public static final String API = "/almaws/v1";

    private static final ObjectMapper JSON = AlmaJson.MAPPER;
    /** Room for calls made several at a time ({@link InFlight}), even when a page fetch runs inside another such call. */
    private static final int CONNECTIONS = 4 * InFlight.DEFAULT;

    private final CloseableHttpClient http;
    private final String baseUrl;
    private final boolean plainHttp;
    private final String apiKey;
    private final int maxRetries;
    private final Duration firstBackoff;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    /** What Alma's last answer said remains of the day's calls ({@code X-Exl-Api-Remaining}); -1 before it said. */
    private final AtomicLong remainingToday = new AtomicLong(-1);

    private final Pace pace;

    public AlmaClient(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, 6, Duration.ofMillis(250));
    }

    public AlmaClient(String baseUrl, String apiKey, int maxRetries, Duration firstBackoff) {
        this(baseUrl, apiKey, maxRetries, firstBackoff, false);
    }

    /**
     * A client that sends its key even over plain http to another machine ({@code --allow-insecure}): for a simulator
     * on a test host of one's own network, never for a real Alma.
     */
    public static AlmaClient allowingPlainHttp(String baseUrl, String apiKey) {
        return new AlmaClient(baseUrl, apiKey, 6, Duration.ofMillis(250), true);
    }

    private AlmaClient(String baseUrl, String apiKey, int maxRetries, Duration firstBackoff, boolean plainHttp) {
        this(baseUrl, apiKey, maxRetries, firstBackoff, plainHttp, Pace.NONE);
    }

    private AlmaClient(
            String baseUrl, String apiKey, int maxRetries, Duration firstBackoff, boolean plainHttp, Pace pace) {
        if (!AlmaAddress.isAddress(baseUrl)) {
            throw new IllegalArgumentException("give the Alma's address with http:// or https://, such as"
                    + " https://api-eu.hosted.exlibrisgroup.com or http://localhost:8080; got '" + baseUrl + "'");
        }
        if (!plainHttp && !AlmaAddress.sendsKeysSafely(baseUrl)) {
            throw new IllegalArgumentException(AlmaAddress.plainHttpRefusal(baseUrl));
        }
        this.plainHttp = plainHttp;
        this.baseUrl = AlmaAddress.host(baseUrl);
        this.apiKey = apiKey;
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.pace = pace;
        this.http = httpClient();
    }

    /** The Alma's address, without Alma's API prefix (never the key). */
    public String address() {
        return baseUrl;
    }

    /** A client of the same Alma holding another key: another institution of a consortium on the same API host. */
    public AlmaClient withKey(String key) {
        return new AlmaClient(baseUrl, key, maxRetries, firstBackoff, plainHttp, pace);
    }

    /**
     * A client of the same Alma that starts at most {@code callsPerSecond} calls a second, retries included: a good
     * citizen under Alma's per-second threshold (25 by default) rather than a client that meets it and is told 429.
     */
    public AlmaClient paced(int callsPerSecond) {
        return new AlmaClient(baseUrl, apiKey, maxRetries, firstBackoff, plainHttp, Pace.perSecond(callsPerSecond));
    }

    /**
     * Apache's blocking client: the calling thread writes the request and reads the answer itself, where the JDK's
     * client hands each call between threads, which five years of time travel paid for in about a fifth of its time
     * (docs/benchmarks.md). Retries are the client's own (below), so Apache's are off.
     */
    private static CloseableHttpClient httpClient() {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(CONNECTIONS)
                        .setMaxConnTotal(CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10))
                                .setSocketTimeout(Timeout.ofSeconds(60))
                                // A connection the server closed while it sat idle is found before it is reused, not
                                // by a failed call (which would be retried, and a POST may not bear repeating).
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    /** How many requests were sent, retries included: what a run costs against Alma's daily API limit. */
    public long calls() {
        return calls.get();
    }

    /** The calls Alma's last answer said remain today ({@code X-Exl-Api-Remaining}), if an answer said. */
    public OptionalLong remainingToday() {
        long remaining = remainingToday.get();
        return remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining);
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

    /**
     * The path of a link Alma answered: links carry the address Alma saw, which need not be the one this client is
     * configured with (a proxy, another host name), so calls go through this client's own base.
     */
    public static String pathOf(String link) {
        int api = link.indexOf(API);
        if (api < 0) {
            throw new AlmaApiException(0, "LINK", "Alma answered a link outside its API: " + link);
        }
        return link.substring(api);
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

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body) {
        boolean repeatable = !method.equals("POST");
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            AlmaAnswer response;
            pace.waitForTurn();
            calls.incrementAndGet();
            try {
                response = http.execute(request(method, path, query, body), AlmaAnswer::read);
            } catch (IOException e) {
                // A connection that was never made carried nothing: any request may be sent again.
                boolean neverSent = e instanceof ConnectException;
                String why = method + " " + baseUrl + path + " failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                if (!repeatable && !neverSent) {
                    throw new AlmaApiException(
                            0, AlmaApiException.OUTCOME_UNKNOWN, why + "; Alma may have carried it out");
                }
                if (attempt >= maxRetries) {
                    throw new AlmaApiException(0, "CONNECTION", why);
                }
                backoff = pause(backoff, Optional.empty());
                continue;
            }
            response.remaining().ifPresent(remainingToday::set);
            int status = response.status();
            if (status == 429 && response.body().contains(DAILY_THRESHOLD)) {
                // Spent for the day: trying again within minutes only spends more of tomorrow's patience.
                remainingToday.set(0);
                throw new AlmaApiException(
                        status,
                        DAILY_THRESHOLD,
                        "Alma's daily API threshold for this key is spent; calls are taken again tomorrow");
            }
            if (status == 429 && attempt < maxRetries) {
                backoff = pause(backoff, response.retryAfter());
                continue;
            }
            if (status >= 500 && attempt < maxRetries) {
                if (!repeatable) {
                    throw new AlmaApiException(
                            status,
                            AlmaApiException.OUTCOME_UNKNOWN,
                            method + " " + path + " answered HTTP " + status + "; Alma may have carried it out: "
                                    + response.body()
                                            .substring(
                                                    0,
                                                    Math.min(
                                                            200, response.body().length())));
                }
                backoff = pause(backoff, response.retryAfter());
                continue;
            }
            if (status == 204) {
                return JSON.nullNode();
            }
            JsonNode answer = parse(response.body(), status);
            if (status >= 400 || answer.path("errorsExist").asBoolean(false)) {
                JsonNode error = answer.path("errorList").path("error").path(0);
                throw new AlmaApiException(
                        status,
                        error.path("errorCode").asText(String.valueOf(status)),
                        error.path("errorMessage").asText(response.body()));
            }
            return answer;
        }
    }

    /** Alma's error code once a key has spent its calls for the day. */
    public static final String DAILY_THRESHOLD = "DAILY_THRESHOLD";

    /** The longest Retry-After honoured: beyond it the client waits its own backoff and tries again. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(2);

    /**
     * Waits before the next try: as long as Alma asked (Retry-After), else twice as long as the last time. The only
     * waiting the engine does: Alma asked for it.
     */
    private Duration pause(Duration backoff, Optional<Duration> asked) {
        retries.incrementAndGet();
        Duration wait = asked.filter(d -> d.compareTo(LONGEST_RETRY_AFTER) <= 0).orElse(backoff);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlmaApiException(0, "INTERRUPTED", "Interrupted while backing off");
        }
        return backoff.multipliedBy(2);
    }

    private HttpUriRequestBase request(String method, String path, Map<String, String> query, JsonNode body) {
        String params = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpUriRequestBase request =
                new HttpUriRequestBase(method, URI.create(baseUrl + path + (params.isEmpty() ? "" : "?" + params)));
        request.addHeader("Authorization", "apikey " + apiKey);
        request.addHeader("Accept", "application/json");
        if (body != null) {
            request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        return request;
    }

    private static JsonNode parse(String body, int status) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AlmaApiException(
                    status,
                    String.valueOf(status),
                    "Alma answered something that is not JSON: " + body.substring(0, Math.min(200, body.length())));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
