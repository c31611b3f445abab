package org.almasim.simulator.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RandomUsers;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectedRequestPropertyTest {
    private static final int PATRONS = 60;

    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;
    private List<String> ids;
    private List<String> external;
    private List<String> blocked;
    private List<String[]> openFees;
    private List<String> lentBarcodes;

    /** A request that Alma must refuse, described for the failure report. */
    record BadRequest(
            String what,
            String method,
            String path,
            Map<String, String> query,
            String body,
            String contentType,
            String key) {
        @Override
        public String toString() {
            return what + ": " + method + " " + path + " " + query + (body == null ? "" : " body " + body);
        }
    }

    @BeforeAll
    void population() {
        sim.simulator.load(SyntheticPopulation.chunk(7, 0, PATRONS, RunningSimulator.TODAY));
        var patrons = IntStream.range(0, PATRONS)
                .mapToObj(i -> SyntheticPopulation.patron(7, i, RunningSimulator.TODAY))
                .toList();
        ids = patrons.stream().map(p -> p.user().primaryId()).toList();
        external = patrons.stream()
                .filter(p -> p.user().accountType().value().equals("EXTERNAL"))
                .map(p -> p.user().primaryId())
                .toList();
        blocked = patrons.stream()
                .filter(p -> p.loans().stream().anyMatch(l -> l.returned() == null)
                        || p.fees().stream().anyMatch(f -> f.balance().signum() > 0))
                .map(p -> p.user().primaryId())
                .toList();
        lentBarcodes = patrons.stream()
                .flatMap(p -> p.loans().stream())
                .filter(l -> l.returned() == null)
                .map(l -> l.barcode())
                .toList();
        openFees = patrons.stream()
                .filter(p -> p.fees().stream().anyMatch(f -> f.balance().signum() > 0))
                .map(p -> p.user().primaryId())
                .map(id -> {
                    JsonNode fee = alma.fees(id, Map.of()).path("fee").get(0);
                    return new String[] {
                        id, fee.path("id").asText(), fee.path("balance").asText()
                    };
                })
                .toList();
        assertThat(external).isNotEmpty();
        assertThat(blocked).isNotEmpty();
        assertThat(openFees).isNotEmpty();
        assertThat(lentBarcodes).isNotEmpty();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void aRefusedRequestLeavesTheDatabaseExactlyAsItWas() {
        PropertyRunner.check(
                "a request Alma refuses answers an Alma error and changes nothing",
                this::badRequest,
                this::refusedWithoutChange,
                PropertyRunner.Shrinker.none());
    }

    private Optional<String> refusedWithoutChange(BadRequest bad) {
        JsonNode before = digest();
        AlmaResponse response = alma.withKey(bad.key())
                .send(bad.method(), bad.path(), bad.query(), bad.body(), bad.contentType(), AlmaClient.JSON);
        JsonNode after = digest();
        if (response.status() < 400 || response.status() >= 500) {
            return Optional.of("answered " + response.status() + ": " + response.body());
        }
        if (!response.json().path("errorsExist").asBoolean()) {
            return Optional.of("answered without Alma's error envelope: " + response.body());
        }
        return before.equals(after)
                ? Optional.empty()
                : Optional.of("the database changed: " + before + " -> " + after);
    }

    private JsonNode digest() {
        return alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    private BadRequest badRequest(SplittableRandom random, int index) {
        String dev = ApiKeys.DEVELOPMENT_KEY;
        ObjectNode fresh = RandomUsers.user(random, 10_000 + index, RunningSimulator.TODAY);
        String existing = ids.get(random.nextInt(ids.size()));
        String[] fee = openFees.get(random.nextInt(openFees.size()));
        return switch (random.nextInt(14)) {
            case 0 -> {
                // A missing record_type is not a mistake: Alma makes the user PUBLIC.
                String field = List.of("primary_id", "account_type").get(random.nextInt(2));
                fresh.remove(field);
                yield post("POST without " + field, fresh.toString(), dev);
            }
            case 1 ->
                post(
                        "POST with an illegal user group",
                        with(fresh, "user_group", code("ASTRONAUT")).toString(),
                        dev);
            case 2 ->
                post(
                        "POST of an existing primary id",
                        fresh.put("primary_id", existing.toLowerCase()).toString(),
                        dev);
            case 3 ->
                post(
                        "POST with a value of the wrong type",
                        fresh.put("expiry_date", 44).toString(),
                        dev);
            case 4 -> {
                String json = fresh.toString();
                yield post("POST of truncated JSON", json.substring(0, 1 + random.nextInt(json.length() - 1)), dev);
            }
            case 5 ->
                new BadRequest(
                        "POST of malformed XML",
                        "POST",
                        "/almaws/v1/users",
                        Map.of(),
                        "<user><primary_id>x</primary_id><last_name>unclosed</user>",
                        AlmaClient.XML,
                        dev);
            case 6 -> {
                String id = external.get(random.nextInt(external.size()));
                JsonNode user = alma.getUser(id);
                ObjectNode internal = ((ObjectNode) user.deepCopy()).put("first_name", "Changed");
                internal.set("account_type", code("INTERNAL"));
                internal.remove("external_id");
                yield new BadRequest(
                        "PUT turning EXTERNAL into INTERNAL",
                        "PUT",
                        "/almaws/v1/users/" + id,
                        Map.of(),
                        internal.toString(),
                        AlmaClient.JSON,
                        dev);
            }
            case 7 -> {
                JsonNode user = alma.getUser(existing);
                ObjectNode changed = ((ObjectNode) user.deepCopy())
                        .put("expiry_date", "2023-02-29Z")
                        .put("first_name", "Changed");
                yield new BadRequest(
                        "PUT with an impossible date",
                        "PUT",
                        "/almaws/v1/users/" + existing,
                        Map.of(),
                        changed.toString(),
                        AlmaClient.JSON,
                        dev);
            }
            case 8 ->
                new BadRequest(
                        "DELETE of a user with a loan or balance",
                        "DELETE",
                        "/almaws/v1/users/" + blocked.get(random.nextInt(blocked.size())),
                        Map.of(),
                        null,
                        null,
                        dev);
            case 9 ->
                new BadRequest(
                        "paying more than the balance",
                        "POST",
                        "/almaws/v1/users/" + fee[0] + "/fees/" + fee[1],
                        Map.of(
                                "op",
                                "pay",
                                "amount",
                                new BigDecimal(fee[2]).add(BigDecimal.ONE).toPlainString(),
                                "method",
                                "CASH"),
                        null,
                        null,
                        dev);
            case 10 ->
                new BadRequest(
                        "paying with an unknown method",
                        "POST",
                        "/almaws/v1/users/" + fee[0] + "/fees/" + fee[1],
                        Map.of("op", "pay", "amount", "0.01", "method", "BITCOIN"),
                        null,
                        null,
                        dev);
            case 11 ->
                new BadRequest(
                        "lending an item already on loan",
                        "POST",
                        "/almaws/v1/users/" + existing + "/loans",
                        Map.of("item_barcode", lentBarcodes.get(random.nextInt(lentBarcodes.size()))),
                        "{\"circ_desk\":{\"value\":\"DEFAULT_CIRC_DESK\"},\"library\":{\"value\":\"MAIN\"}}",
                        AlmaClient.JSON,
                        dev);
            case 12 ->
                new BadRequest(
                        "a fee with fractions of a cent",
                        "POST",
                        "/almaws/v1/users/" + existing + "/fees",
                        Map.of(),
                        "{\"type\":{\"value\":\"OTHER\"},\"original_amount\":1.005,\"owner\":{\"value\":\"MAIN\"}}",
                        AlmaClient.JSON,
                        dev);
            default -> post("POST with a read-only key", fresh.toString(), RunningSimulator.READ_ONLY_KEY);
        };
    }

    private static BadRequest post(String what, String body, String key) {
        return new BadRequest(what, "POST", "/almaws/v1/users", Map.of(), body, AlmaClient.JSON, key);
    }

    private static ObjectNode with(ObjectNode user, String field, JsonNode value) {
        user.set(field, value);
        return user;
    }

    private static ObjectNode code(String value) {
        return AlmaFormats.JSON.createObjectNode().put("value", value);
    }
}
