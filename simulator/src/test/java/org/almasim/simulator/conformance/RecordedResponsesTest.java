package org.almasim.simulator.conformance;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every answer recorded from a real Alma (../shared/alma/responses, read where it lies, never copied) against the same
 * request to almasim: every field the real answer holds a value in is in almasim's answer, nested alike, with the same
 * JSON type. A {@code null} in a recording is Alma saying "absent", so it binds nothing.
 */
class RecordedResponsesTest extends SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void given() {
        alma.createUser(user("conformance"));
        alma.loadPopulation("""
                items:
                  - {barcode: C-1, title: Short history of Georgia., author: "Coulter, E. Merton", publication_year: c1933., call_number: 975.8 C83}
                """);
    }

    @Test
    void aUserAnswersEveryFieldARealUserAnswers() {
        alma.loadPopulation("user_groups: [{code: \"1\", description: Egne studenter}]\n");
        ObjectNode recorded = (ObjectNode) recorded("user_response.json");
        // Posted back whole, as clients do with a GET answer: its links, descriptions and nulls included.
        alma.createUser(recorded.toString());
        assertSameShape(
                "user_response.json",
                recorded,
                alma.getUser(recorded.path("primary_id").asText()));
    }

    @Test
    void theUserListAnswersEveryFieldARealListAnswers() {
        assertSameShape(
                "users_response.json",
                recorded("users_response.json"),
                alma.getJson("/almaws/v1/users", Map.of()).isOk().json());
    }

    @Test
    void feesAnswerEveryFieldRealFeesAnswer() {
        JsonNode fee = alma.createFee(
                "conformance",
                "{\"type\":{\"value\":\"LOSTITEMREPLACEMENTFEE\"},\"original_amount\":750,"
                        + "\"owner\":{\"value\":\"MAIN\"},\"comment\":\"lost\",\"barcode\":{\"value\":\"C-1\"}}");
        assertSameShape("fee_response.json", recorded("fee_response.json"), fee);
        assertSameShape(
                "zero_fees_response.json",
                recorded("zero_fees_response.json"),
                alma.fees("conformance", Map.of("status", "CLOSED")));
        alma.attemptFeeAction(
                        "conformance",
                        fee.path("id").asText(),
                        Map.of(
                                "op",
                                "pay",
                                "amount",
                                "250",
                                "method",
                                "ONLINE",
                                "external_transaction_id",
                                "confirmation-1"))
                .isOk();
        assertSameShape(
                "fees_after_partial_payment.json",
                recorded("fees_after_partial_payment.json"),
                alma.fees("conformance", Map.of()));
        assertSameShape("fees_response.json", recorded("fees_response.json"), alma.fees("conformance", Map.of()));
    }

    @Test
    void loansAnswerEveryFieldRealLoansAnswer() {
        assertSameShape(
                "zero_loans_response.json",
                recorded("zero_loans_response.json"),
                alma.getJson("/almaws/v1/users/conformance/loans", Map.of())
                        .isOk()
                        .json());
        JsonNode loan = alma.lend("conformance", "C-1");
        assertSameShape("create_loan_response.json", recorded("create_loan_response.json"), loan);
        assertSameShape(
                "loans_response.json",
                recorded("loans_response.json"),
                alma.getJson("/almaws/v1/users/conformance/loans", Map.of())
                        .isOk()
                        .json());
        JsonNode renewed = alma.postJson(
                        "/almaws/v1/users/conformance/loans/"
                                + loan.path("loan_id").asText(),
                        Map.of("op", "renew"),
                        "")
                .isOk()
                .json();
        assertSameShape("renew_loan_response.json", recorded("renew_loan_response.json"), renewed);
        assertThat(renewed.path("last_renew_status").path("desc").asText()).isEqualTo("Renewed Successfully");
    }

    @Test
    void anItemScannedInAnswersEveryFieldARealScanInAnswers() {
        JsonNode loan = alma.lend("conformance", "C-1");
        String item = "/almaws/v1/bibs/" + loan.path("mms_id").asText() + "/holdings/"
                + loan.path("holding_id").asText() + "/items/"
                + loan.path("item_id").asText();
        JsonNode scanned = alma.postJson(
                        item, Map.of("op", "scan", "library", "MAIN", "circ_desk", "DEFAULT_CIRC_DESK"), null)
                .isOk()
                .json();
        // almasim keeps no dates on items (when they arrived, were created or changed) and no network numbers on bibs.
        Set<String> notModelled = Set.of(
                ".item_data.arrival_date",
                ".item_data.creation_date",
                ".item_data.modification_date",
                ".bib_data.network_number");
        assertSameShape("scanin_transit_response.json", recorded("scanin_transit_response.json"), scanned, notModelled);
        Set<String> andNoScan = new HashSet<>(notModelled);
        andNoScan.add(".additional_info");
        assertSameShape(
                "scanin_transit_response.json (GET)",
                recorded("scanin_transit_response.json"),
                alma.getJson(item, Map.of()).isOk().json(),
                andNoScan);
    }

    @Test
    void anErrorAnswersEveryFieldARealErrorAnswers() {
        assertSameShape(
                "error_response.json",
                recorded("error_response.json"),
                alma.attemptToGetUser("nobody-at-all").hasAlmaError("401861").json());
    }

    private static JsonNode recorded(String name) {
        Path file = responses().resolve(name);
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /**
     * Ex Libris' reference material beside the project (../shared/alma), found from the working directory upwards, or
     * where ALMA_REFERENCE points. A checkout without it skips these tests and says so.
     */
    private static Path responses() {
        return reference().resolve("responses");
    }

    /** Ex Libris' reference material (../shared/alma); a checkout without it skips the conformance tests and says so. */
    static Path reference() {
        Optional<Path> found =
                Optional.ofNullable(System.getenv("ALMA_REFERENCE")).map(Path::of);
        for (Path dir = Path.of("").toAbsolutePath(); found.isEmpty() && dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/alma");
            if (Files.isDirectory(candidate.resolve("responses"))) {
                found = Optional.of(candidate);
            }
        }
        Assumptions.assumeTrue(
                found.isPresent(), "Ex Libris' reference material (../shared/alma) is not beside this checkout");
        return found.get();
    }

    private static final Set<String> KEYS_KEPT_AT = Set.of("", ".user[]");

    private static void assertSameShape(String name, JsonNode recorded, JsonNode answered) {
        assertSameShape(name, recorded, answered, Set.of());
    }

    /** As above, but for the fields almasim does not model, each named here with why at the call. */
    private static void assertSameShape(String name, JsonNode recorded, JsonNode answered, Set<String> notModelled) {
        List<String> differences = new ArrayList<>();
        compare("", recorded, answered, differences);
        differences.removeIf(difference -> notModelled.contains(difference.substring(0, difference.indexOf(':'))));
        assertThat(differences)
                .as("%s against almasim's answer %s", name, answered)
                .isEmpty();
    }

    /** The elements of an array laid over one another: each field with the first value that is not absent. */
    private static JsonNode union(JsonNode array) {
        if (!array.get(0).isObject()) {
            return array.get(0);
        }
        ObjectNode all = JSON.createObjectNode();
        for (JsonNode element : array) {
            element.properties().forEach(f -> {
                JsonNode before = all.get(f.getKey());
                if (before == null || absent(before)) {
                    all.set(f.getKey(), f.getValue());
                } else if (before.isObject() && f.getValue().isObject()) {
                    all.set(f.getKey(), union(JSON.createArrayNode().add(before).add(f.getValue())));
                }
            });
        }
        return all;
    }

    /** Alma's way of saying "nothing": null, or an object of nothing but nulls ({@code "item_policy":{"value":null}}). */
    private static boolean absent(JsonNode recorded) {
        if (recorded == null || recorded.isNull()) {
            return true;
        }
        if (!recorded.isObject()) {
            return false;
        }
        for (JsonNode value : recorded) {
            if (!absent(value)) {
                return false;
            }
        }
        return true;
    }

    private static void compare(String path, JsonNode recorded, JsonNode answered, List<String> differences) {
        if (absent(recorded)) {
            return;
        }
        if (answered == null || answered.isMissingNode() || answered.isNull()) {
            differences.add(path + ": missing (Alma answers " + recorded.getNodeType() + ")");
            return;
        }
        if (recorded.getNodeType() != answered.getNodeType()) {
            differences.add(path + ": " + answered.getNodeType() + ", Alma answers " + recorded.getNodeType());
            return;
        }
        if (recorded.isObject()) {
            recorded.properties().forEach(f -> {
                // Every key Alma answers at the top of an answer, and in a user list's rows, is answered, even one
                // Alma answers null (a user's requests, loans, fees and link; an empty fee list's currency): clients
                // read them without a default. Nulls deeper down (an address's line5) are not held to this yet.
                if (KEYS_KEPT_AT.contains(path) && !answered.has(f.getKey())) {
                    differences.add(path + "." + f.getKey() + ": no such key (Alma answers "
                            + f.getValue().getNodeType() + ")");
                } else {
                    compare(path + "." + f.getKey(), f.getValue(), answered.get(f.getKey()), differences);
                }
            });
        } else if (recorded.isArray() && !recorded.isEmpty()) {
            if (answered.isEmpty()) {
                differences.add(path + ": empty, Alma answers elements");
            } else {
                // Elements differ in what they hold (one fee paid, one not): every field any element has counts.
                compare(path + "[]", union(recorded), union(answered), differences);
            }
        }
    }
}
