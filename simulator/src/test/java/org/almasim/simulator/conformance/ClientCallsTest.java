package org.almasim.simulator.conformance;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.Fixtures;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** The calls real Alma clients make around users, loans and items, and the bodies they send, answered as Alma answers. */
class ClientCallsTest extends SimulatorTest {
    @Override
    protected void given() {
        alma.createUser(
                user("p1").replace("\"first_name\":\"Dana\"", "\"first_name\":\"Dana\",\"password\":\"s3cret pass\""));
        alma.loadPopulation(Fixtures.items("BOOK-1"));
    }

    @Test
    void anItemIsReadByItsIdsAndFoundByItsBarcodeThroughARedirect() {
        AlmaResponse redirect = alma.getJson("/almaws/v1/items", Map.of("item_barcode", "BOOK-1"));
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/almaws/v1"));
        assertThat(path).matches("/almaws/v1/bibs/[0-9]+/holdings/[0-9]+/items/[0-9]+");
        JsonNode item = alma.getJson(path, Map.of()).isOk().json();
        assertThat(item.path("item_data").path("barcode").asText()).isEqualTo("BOOK-1");
        assertThat(item.path("item_data").path("base_status").path("value").asText())
                .isEqualTo("1");
        assertThat(item.path("bib_data").path("title").asText()).isEqualTo("Florida waterways");

        alma.lend("p1", "BOOK-1");
        JsonNode lent = alma.getJson(path, Map.of()).isOk().json();
        assertThat(lent.path("item_data").path("base_status").path("value").asText())
                .isEqualTo("0");
        assertThat(lent.path("item_data").path("process_type").path("value").asText())
                .isEqualTo("LOAN");
        alma.getJson("/almaws/v1/items", Map.of("item_barcode", "NO-SUCH")).hasAlmaError("401689");
        alma.getJson(path.replaceFirst("/items/[0-9]+", "/items/1"), Map.of()).hasAlmaError("401689");
    }

    @Test
    void theBarcodeRedirectKeepsTheHostTheClientCalledSoTheKeyIsKept() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String host : List.of("127.0.0.1", "localhost")) {
            URI called =
                    URI.create("http://" + host + ":" + sim.simulator.port() + "/almaws/v1/items?item_barcode=BOOK-1");
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(called)
                            .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(302);
            URI followed =
                    called.resolve(answer.headers().firstValue("Location").orElseThrow());
            assertThat(followed.getHost()).as("called %s", host).isEqualTo(host);
            assertThat(followed.getPort()).isEqualTo(sim.simulator.port());
        }
    }

    @Test
    void operationTestTellsAClientWhatItsKeyMayDo() {
        assertThat(alma.getJson("/almaws/v1/users/operation/test", Map.of())
                        .isOk()
                        .json()
                        .path("result")
                        .asText())
                .startsWith("GET");
        assertThat(alma.postJson("/almaws/v1/users/operation/test", Map.of(), null)
                        .status())
                .isEqualTo(200);
        AlmaClient readOnly = alma.withKey(RunningSimulator.READ_ONLY_KEY);
        assertThat(readOnly.getJson("/almaws/v1/users/operation/test", Map.of()).status())
                .isEqualTo(200);
        readOnly.postJson("/almaws/v1/users/operation/test", Map.of(), null).hasAlmaError("UNAUTHORIZED");
        alma.withKey("l8xx-not-a-key")
                .getJson("/almaws/v1/users/operation/test", Map.of())
                .hasAlmaError("UNAUTHORIZED");
        assertThat(alma.get("/almaws/v1/users/operation/test", Map.of(), AlmaClient.XML)
                        .isOk()
                        .body())
                .contains("<test><result>GET operation test succeeded</result></test>");
    }

    @Test
    void aUserAuthenticatesWithTheirPasswordEvenWithAReadOnlyKey() {
        assertThat(alma.authenticate("p1", "s3cret pass").status()).isEqualTo(204);
        alma.authenticate("p1", "wrong").hasAlmaError("401866");
        assertThat(alma.withKey(RunningSimulator.READ_ONLY_KEY)
                        .authenticate("p1", "s3cret pass")
                        .status())
                .isEqualTo(204);
        alma.authenticate("nobody", "x").hasAlmaError("401890");
        alma.postJson("/almaws/v1/users/p1", Map.of("op", "refresh"), null).hasAlmaError("401666");
        alma.withKey(RunningSimulator.READ_ONLY_KEY)
                .postJson("/almaws/v1/users/p1", Map.of("op", "refresh"), null)
                .hasAlmaError("UNAUTHORIZED");
        assertThat(alma.getUser("p1").path("password").asText())
                .as("Alma never answers a password")
                .isEmpty();
    }

    @Test
    void personalDataHoldsTheUserWithEveryLoanAndFee() {
        alma.lend("p1", "BOOK-1");
        alma.createFee(
                "p1", "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":3,\"owner\":{\"value\":\"MAIN\"}}");
        JsonNode personal = alma.getJson("/almaws/v1/users/p1/personal-data", Map.of())
                .isOk()
                .json();
        assertThat(personal.path("primary_id").asText()).isEqualTo("p1");
        assertThat(personal.path("loans").path("item_loan")).hasSize(1);
        assertThat(personal.path("fees").path("fee")).hasSize(1);
    }

    @Test
    void usersAreFoundByAnyOfTheirIdentifiers() {
        JsonNode found = alma.getJson("/almaws/v1/users", Map.of("q", "identifiers~B-p1"))
                .isOk()
                .json();
        assertThat(found.path("total_record_count").asInt()).isEqualTo(1);
        assertThat(found.path("user").get(0).path("primary_id").asText()).isEqualTo("p1");
        alma.getJson("/almaws/v1/users", Map.of("q", "pin_number~x")).hasAlmaError("401666");
    }

    @Test
    void usersAreFoundByTheOtherFieldsAlmaSearches() {
        alma.createUser(
                user("p4")
                        .replace(
                                "\"first_name\":\"Dana\"",
                                "\"first_name\":\"Dana\",\"middle_name\":\"Quincy Adams\","
                                        + "\"job_category\":{\"value\":\"Librarian\"},\"campus_code\":{\"value\":\"NORTH\"},\"birth_date\":\"1990-03-01Z\","
                                        + "\"user_note\":[{\"note_type\":{\"value\":\"OTHER\"},\"note_text\":\"Moved to the branch library\"}]"));
        for (String q : List.of(
                "middle_name~quincy",
                "job_category~LIBRARIAN",
                "campus_code~north",
                "birth_date~1990-03-01",
                "note_text~branch",
                "job_category~Libra*")) {
            JsonNode found =
                    alma.getJson("/almaws/v1/users", Map.of("q", q)).isOk().json();
            assertThat(found.path("user"))
                    .as(q)
                    .extracting(u -> u.path("primary_id").asText())
                    .containsExactly("p4");
        }
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "job_category~Libra"))
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .as("a code matches whole")
                .isZero();
    }

    @Test
    void aBodyWithoutARecordTypeWithNullsAndFieldsAlmasimDoesNotModelCreatesAPublicUser() {
        String body = user("p2")
                .replace("\"record_type\":{\"value\":\"PUBLIC\"},", "")
                .replace(
                        "\"first_name\":\"Dana\"",
                        "\"first_name\":\"Dana\",\"researcher\":null,\"middle_name\":null,\"pref_first_name\":null,"
                                + "\"link\":\"https://elsewhere/almaws/v1/users/p2\",\"loans\":null,\"rs_library\":[]");
        JsonNode created = alma.createUser(body);
        assertThat(created.path("record_type").path("value").asText()).isEqualTo("PUBLIC");
        assertThat(created.path("middle_name").asText()).isEmpty();
        assertThat(created.has("researcher")).as("null is absent").isFalse();
        String xml = """
                <user><primary_id>p3</primary_id><account_type>INTERNAL</account_type><user_group>UNDERGRAD</user_group>
                <fromLogicalSet>whatever</fromLogicalSet><last_name>Xml</last_name></user>""";
        assertThat(alma.send("POST", "/almaws/v1/users", Map.of(), xml, AlmaClient.XML, AlmaClient.JSON)
                        .isOk()
                        .json()
                        .path("record_type")
                        .path("value")
                        .asText())
                .isEqualTo("PUBLIC");
    }
}
