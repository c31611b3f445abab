package org.almasim.simulator.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RandomUsers;
import org.almasim.simulator.support.RunningSimulator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seeded requests to every route of Alma's API and the control plane, in JSON and XML, most of them malformed: over-long
 * values, control characters, full-width digits, huge numbers, deep set queries, {@code null} bodies, wrong types.
 * Whatever arrives, the simulator never answers 500, answers every error in Alma's envelope in the format asked for,
 * and a refused request changes nothing. Replay with {@code -Dalmasim.fuzz.seed=S}; more with
 * {@code -Dalmasim.fuzz.requests=N} (docs/security.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzTest {
    private static final long SEED = PropertyRunner.seed("almasim.fuzz.seed", 20261127L);
    private static final int REQUESTS = Integer.getInteger("almasim.fuzz.requests", 20_000);
    private static final int PATRONS = 40;
    private static final int RESEED_EVERY = 500;
    /** What an answer must never hold: Java's class names and exception words, which no Alma client can act on. */
    private static final Pattern JAVA_WORDS = Pattern.compile(
            "java\\.[a-z]+\\.|org\\.almasim\\.|com\\.fasterxml|org\\.jooq|[A-Za-z]+Exception\\b|\\bat [a-z]+\\.[a-z]+\\.");

    /** Routes fuzzed only with refused keys: they empty the library or stop every job, which would end the run early. */
    private static final List<String> REFUSED_ONLY = List.of("/almasim/v1/reset", "/almasim/v1/jobs/pause");

    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;
    private final List<String> userIds = new ArrayList<>();
    private final List<String> feeIds = new ArrayList<>();
    private final List<String> loanIds = new ArrayList<>();
    private final List<String> setIds = new ArrayList<>();
    private final List<String> itemPaths = new ArrayList<>();
    private final List<String> barcodes = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();

    @BeforeAll
    void population() {
        seed();
    }

    /**
     * Empties the library and loads the same patrons, loans, fees and sets again: fuzzed deletions and purge jobs would
     * otherwise leave later requests nobody to act on.
     */
    private void seed() {
        sim.reset();
        userIds.clear();
        feeIds.clear();
        loanIds.clear();
        setIds.clear();
        itemPaths.clear();
        barcodes.clear();
        sim.simulator.load(SyntheticPopulation.chunk(11, 0, PATRONS, RunningSimulator.TODAY));
        IntStream.range(0, PATRONS)
                .mapToObj(i -> SyntheticPopulation.patron(11, i, RunningSimulator.TODAY))
                .forEach(patron -> {
                    String id = patron.user().primaryId();
                    userIds.add(id);
                    patron.loans().forEach(loan -> barcodes.add(loan.barcode()));
                    alma.fees(id, Map.of())
                            .path("fee")
                            .forEach(fee -> feeIds.add(fee.path("id").asText()));
                    alma.getJson("/almaws/v1/users/" + id + "/loans", Map.of())
                            .isOk()
                            .json()
                            .path("item_loan")
                            .forEach(loan -> {
                                loanIds.add(loan.path("loan_id").asText());
                                itemPaths.add(loan.path("mms_id").asText() + "/holdings/"
                                        + loan.path("holding_id").asText() + "/items/"
                                        + loan.path("item_id").asText());
                            });
                });
        setIds.add(alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Fuzzed itemized\",\"type\":{\"value\":\"ITEMIZED\"},"
                                + "\"content\":{\"value\":\"USER\"}}")
                .isOk()
                .json()
                .path("id")
                .asText());
        setIds.add(alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Fuzzed logical\",\"type\":{\"value\":\"LOGICAL\"},"
                                + "\"content\":{\"value\":\"USER\"},\"query\":{\"value\":\"expiry_date before today\"}}")
                .isOk()
                .json()
                .path("id")
                .asText());
        assertThat(feeIds).isNotEmpty();
        assertThat(loanIds).isNotEmpty();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void noRequestGetsA500AndEveryRefusalIsAlmasEnvelopeAndChangesNothing() {
        List<Simulator.Route> routes = sim.simulator.routes();
        SplittableRandom random = new SplittableRandom(SEED);
        JsonNode digest = digest();
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (i > 0 && i % RESEED_EVERY == 0) {
                awaitJobs();
                seed();
                digest = digest();
            }
            Simulator.Route route = routes.get(random.nextInt(routes.size()));
            Fuzzed request = request(route, random);
            AlmaResponse answer;
            try {
                answer = alma.withKey(request.key())
                        .send(
                                request.method(),
                                request.path(),
                                request.query(),
                                request.body(),
                                request.contentType(),
                                request.accept());
            } catch (AssertionError unanswered) {
                failures.putIfAbsent(
                        route.method() + " " + route.path() + " unanswered",
                        "request " + i + ": " + request + "\n    " + unanswered.getCause());
                continue;
            }
            statuses.merge(route.method() + " " + route.path() + " " + answer.status(), 1, Integer::sum);
            String replay = "request " + i + ": " + request + "\n    answered " + answer.status() + ": "
                    + abbreviated(answer.body());
            String kind = route.method() + " " + route.path() + " ";
            if (JAVA_WORDS.matcher(answer.body()).find()) {
                failures.putIfAbsent(kind + "speaks Java, not Alma", replay);
            }
            if (answer.status() >= 500) {
                failures.putIfAbsent(kind + answer.status(), replay);
            } else if (answer.status() >= 400) {
                if (!isAlmaError(answer, expectedFormat(request, answer.status()))) {
                    failures.putIfAbsent(kind + "not Alma's envelope", replay);
                }
                JsonNode after = digest();
                if (!after.equals(digest)) {
                    failures.putIfAbsent(kind + "refused but changed", replay);
                    digest = after;
                }
            } else if (!request.method().equals("GET")) {
                if (route.path().startsWith("/almaws/v1/conf/jobs")) {
                    awaitJobs();
                }
                digest = digest();
            }
        }
        System.out.println(
                "fuzz: " + REQUESTS + " requests, seed " + SEED + "; answers by route and status: " + statuses);
        assertThat(failures)
                .as("seed " + SEED + " (replay: -Dalmasim.fuzz.seed=" + SEED
                        + "), one example of each kind of failure:\n  " + String.join("\n  ", failures.values()))
                .isEmpty();
    }

    record Fuzzed(
            String method,
            String path,
            Map<String, String> query,
            String body,
            String contentType,
            String accept,
            String key) {
        @Override
        public String toString() {
            return method + " " + path + " " + query + " key=" + key + " accept=" + accept + " type=" + contentType
                    + (body == null ? "" : " body=" + abbreviated(body));
        }
    }

    private Fuzzed request(Simulator.Route route, SplittableRandom random) {
        String key = random.nextInt(20) == 0
                ? RunningSimulator.READ_ONLY_KEY
                : random.nextInt(20) == 0 ? null : ApiKeys.DEVELOPMENT_KEY;
        if (REFUSED_ONLY.contains(route.path())) {
            key = random.nextBoolean() ? RunningSimulator.READ_ONLY_KEY : "l8xx-wrong";
        }
        String accept = random.nextBoolean() ? AlmaClient.JSON : AlmaClient.XML;
        String path = route.path();
        path = path.replace("{user_id}", pick(random, userIds))
                .replace("{fee_id}", pick(random, feeIds))
                .replace("{loan_id}", pick(random, loanIds))
                .replace("{set_id}", pick(random, setIds))
                .replace(
                        "{job_id}",
                        random.nextBoolean() ? "M26700" : random.nextBoolean() ? "M148" : encodedJunk(random))
                .replace("{instance_id}", encodedJunk(random))
                .replace(
                        "{mms_id}/holdings/{holding_id}/items/{item_pid}",
                        random.nextInt(4) == 0 ? encodedJunk(random) : pick(random, itemPaths))
                .replaceAll("\\{[a-z_]+}", encodedJunk(random));
        Map<String, String> query = new LinkedHashMap<>();
        int parameters = random.nextInt(4);
        for (int p = 0; p < parameters; p++) {
            String name = QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
            query.put(name, value(name, random));
        }
        String body = null;
        String contentType = null;
        if (!route.method().equals("GET") && !route.method().equals("DELETE") && random.nextInt(8) != 0) {
            boolean xml = random.nextInt(3) == 0;
            body = xml ? xmlBody(random) : jsonBody(random);
            contentType = xml ? AlmaClient.XML : AlmaClient.JSON;
            if (random.nextInt(15) == 0) {
                contentType = random.nextBoolean() ? "text/plain" : null;
            }
            if (contentType != null && random.nextInt(30) == 0) {
                // A character set Java does not know must be refused before anything is done, not answered 500.
                contentType += "; charset=" + pick(random, List.of("nope", "ebcdic", "\"utf-99\"", "x y", "utf-8"));
            }
            if (random.nextInt(2_000) == 0) {
                body = "{\"primary_id\":\"" + "x".repeat((int) Simulator.MAX_BODY_BYTES) + "\"}";
            }
        }
        if (route.path().equals("/almasim/v1/snapshot") && route.method().equals("PUT") && random.nextBoolean()) {
            // Something that starts as a zip does, which is not a snapshot: refused, and the library as it was.
            body = "PK\u0003\u0004" + junk(random);
            contentType = "application/zip";
        }
        return new Fuzzed(route.method(), path, query, body, contentType, accept, key);
    }

    private static final List<String> QUERY_NAMES = List.of(
            "limit",
            "offset",
            "q",
            "order_by",
            "expand",
            "view",
            "user_id_type",
            "op",
            "amount",
            "method",
            "reason",
            "status",
            "type",
            "format",
            "item_barcode",
            "item_pid",
            "loan_status",
            "content_type",
            "override",
            "library",
            "circ_desk",
            "user_id",
            "external_transaction_id",
            "comment",
            "id_type",
            "set_id",
            "name");

    private String value(String name, SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return junk(random);
        }
        return switch (name) {
            case "limit", "offset" ->
                List.of("0", "10", "100", "101", "-1", "a\u0000b", "99999999999999999999", "１２")
                        .get(random.nextInt(8));
            case "q" ->
                List.of(
                                "user_group~GRAD",
                                "primary_id~" + pick(random, userIds),
                                "identifiers~x",
                                "all~" + junk(random),
                                "expiry_date before today-3y",
                                "nonsense")
                        .get(random.nextInt(6));
            case "op" ->
                List.of(
                                "pay",
                                "waive",
                                "dispute",
                                "restore",
                                "renew",
                                "scan",
                                "run",
                                "add_members",
                                "delete_members",
                                "replace_members",
                                "auth")
                        .get(random.nextInt(11));
            case "amount" ->
                List.of("1.00", "ALL", "1e10000000", "１２", "-5", "0.001", "NaN", "Infinity", "1E2", "0x10")
                        .get(random.nextInt(10));
            case "method" -> List.of("CASH", "CREDIT_CARD", "ONLINE", "BITCOIN").get(random.nextInt(4));
            case "item_barcode" -> barcodes.isEmpty() ? junk(random) : pick(random, barcodes);
            case "expand" -> List.of("loans,fees", "full", "requests", "fees").get(random.nextInt(4));
            case "format" -> random.nextBoolean() ? "json" : "xml";
            default -> List.of("", "MAIN", "DEFAULT_CIRC_DESK", "Graduate", "x").get(random.nextInt(5));
        };
    }

    /** Strings that have broken a database, an XML writer or a parser somewhere, short enough for an address. */
    private static String junk(SplittableRandom random) {
        return junk(random, 1);
    }

    /** As {@link #junk(SplittableRandom)}, {@code scale} times longer where length is the point (bodies carry more). */
    private static String junk(SplittableRandom random, int scale) {
        return switch (random.nextInt(12)) {
            case 0 -> "x".repeat(256 + random.nextInt(500 * scale));
            case 1 -> "bad\u0001\u0007\u001b name";
            case 2 -> "１２３";
            case 3 -> "=HYPERLINK(\"http://x\")";
            case 4 -> "(".repeat(300 * scale) + "status~ACTIVE" + ")".repeat(300 * scale);
            case 5 -> "not ".repeat(150 * scale) + "status~ACTIVE";
            case 6 -> "expiry_date before today+99999999999y";
            case 7 -> "active_balance > 1e999999999";
            case 8 -> "\uD83D\uDE00 emoji \uFFFF";
            case 9 -> "' OR 1=1 --";
            case 10 -> "<x>&amp;</x>";
            default -> "";
        };
    }

    private static String encodedJunk(SplittableRandom random) {
        return URLEncoder.encode(junk(random), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String jsonBody(SplittableRandom random) {
        switch (random.nextInt(12)) {
            case 0:
                return "null";
            case 1:
                return "[]";
            case 2:
                return "{\"today\":\""
                        + List.of("+999999999-12-31", "2024-02-30", "1899-12-31", "2025-01-01")
                                .get(random.nextInt(4)) + "\"}";
            case 3:
                return "{\"period\":\""
                        + List.of("P999999999Y", "P1D", "-P1D", "P1Y2M").get(random.nextInt(4)) + "\"}";
            case 4:
                return "{\"name\":\"" + jsonEscaped(junk(random, 20))
                        + "\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"},"
                        + "\"query\":{\"value\":\"" + jsonEscaped(junk(random, 20)) + "\"},\"description\":\""
                        + jsonEscaped(junk(random, 20)) + "\"}";
            case 5:
                return "{\"type\":{\"value\":\"OTHER\"},\"original_amount\":"
                        + List.of("1e400", "5", "-1", "\"１２\"", "1.005").get(random.nextInt(5)) + ",\"comment\":\""
                        + jsonEscaped(junk(random, 20)) + "\",\"owner\":{\"value\":\"MAIN\"}}";
            case 6:
                return "{\"member\":[{\"id\":\"" + jsonEscaped(junk(random, 20)) + "\"}]}";
            case 7:
                return "{\"parameter\":[{\"name\":{\"value\":\"set_id\"},\"value\":\"" + jsonEscaped(junk(random, 20))
                        + "\"}]}";
            case 8:
                return "{\"deletion_blocked_by\":[{\"kind\":\"PO_LINE\",\"detail\":\"" + jsonEscaped(junk(random, 20))
                        + "\"}]}";
            case 9:
                return "{\"research_enabled\":\"" + jsonEscaped(junk(random, 20)) + "\"}";
            default:
                ObjectNode user = RandomUsers.user(random, 100_000 + random.nextInt(1_000_000), RunningSimulator.TODAY);
                String field = List.of(
                                "first_name",
                                "last_name",
                                "primary_id",
                                "job_description",
                                "user_title",
                                "pin_number",
                                "middle_name")
                        .get(random.nextInt(7));
                switch (random.nextInt(4)) {
                    case 0 -> user.put(field, junk(random, 20));
                    case 1 -> user.putNull(field);
                    case 2 -> user.put(field, 12);
                    default -> user.putArray("user_note").addObject().put("note_text", junk(random, 20));
                }
                return user.toString();
        }
    }

    private static String xmlBody(SplittableRandom random) {
        String value = junk(random, 20);
        String text = random.nextBoolean() ? value.replace("&", "&amp;").replace("<", "&lt;") : value;
        return switch (random.nextInt(3)) {
            case 0 ->
                "<user><record_type>PUBLIC</record_type><primary_id>fz-" + random.nextInt(1_000_000)
                        + "</primary_id><first_name>"
                        + text
                        + "</first_name><last_name>Fuzz</last_name><user_group>GRAD</user_group><account_type>INTERNAL</account_type>"
                        + "<status>ACTIVE</status></user>";
            case 1 -> "<set><name>" + text + "</name><type>ITEMIZED</type><content>USER</content></set>";
            default ->
                "<fee><type>OTHER</type><original_amount>" + text + "</original_amount><owner>MAIN</owner></fee>";
        };
    }

    private static String jsonEscaped(String text) {
        return AlmaFormats.JSON.valueToTree(text).toString().replaceAll("^\"|\"$", "");
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.isEmpty() || random.nextInt(10) == 0
                ? "missing-" + random.nextInt(100)
                : from.get(random.nextInt(from.size()));
    }

    /**
     * The format an error comes back in: {@code format=}, else Accept, as for any answer; a URI or headers too large to
     * read are answered in Alma's default, XML, since the request's own wishes could not be read.
     */
    private static String expectedFormat(Fuzzed request, int status) {
        String format = request.query().get("format");
        if (status == 414 || status == 431) {
            return AlmaClient.XML;
        }
        if (format != null && (format.equals("json") || format.equals("xml"))) {
            return format.equals("json") ? AlmaClient.JSON : AlmaClient.XML;
        }
        return request.accept();
    }

    private static boolean isAlmaError(AlmaResponse answer, String accept) {
        if (accept.equals(AlmaClient.XML)) {
            return answer.body().contains("<web_service_result")
                    && answer.body().contains("<errorsExist>true</errorsExist>")
                    && answer.body().contains("<errorCode>");
        }
        try {
            JsonNode body = AlmaFormats.JSON.readTree(answer.body());
            return body.path("errorsExist").asBoolean()
                    && body.path("errorList").path("error").path(0).has("errorCode");
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitJobs() {
        Awaitility.await()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    JsonNode instances = alma.getJson("/almasim/v1/jobs/instances", Map.of("limit", "100"))
                            .isOk()
                            .json();
                    for (JsonNode instance : instances.path("job_instance")) {
                        if (!instance.path("status").path("value").asText().startsWith("COMPLETED")) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private JsonNode digest() {
        return alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    private static String abbreviated(String text) {
        return text == null
                ? ""
                : text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }
}
