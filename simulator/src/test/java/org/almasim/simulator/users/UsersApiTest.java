package org.almasim.simulator.users;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class UsersApiTest extends SimulatorTest {

    @Test
    void createdUserIsAnsweredWithDescriptionsAndReadBackTheSame() {
        JsonNode created = alma.createUser(user("dd1"));
        assertThat(created.path("user_group").path("desc").asText()).isEqualTo("Undergraduate");
        assertThat(created.path("record_type").path("desc").asText()).isEqualTo("Public");
        assertThat(created.path("full_name").asText()).isEqualTo("Dana Diaz");
        assertThat(created.path("expiry_date").asText()).isEqualTo("2030-01-16Z");
        assertThat(alma.getUser("dd1")).isEqualTo(created);
    }

    @Test
    void aUserReadOverAndOverIsNeverAnsweredAsItWasBeforeAWrite() {
        alma.createUser(user("dd1"));
        for (int i = 0; i < 20; i++) {
            // Read twice (the second from what the simulator keeps), change it, and read it again at once.
            alma.getUser("dd1");
            JsonNode read = alma.getUser("DD1");
            alma.updateUser(
                    "dd1",
                    ((ObjectNode) read.deepCopy()).put("first_name", "Dana" + i).toString());
            assertThat(alma.getUser("dd1").path("first_name").asText()).isEqualTo("Dana" + i);
            assertThat(alma.getUser("B-dd1").path("first_name").asText()).isEqualTo("Dana" + i);
            alma.postJson(
                            "/almaws/v1/users/dd1/fees",
                            Map.of(),
                            "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":1,\"owner\":{\"value\":\"MAIN\"}}")
                    .isOk();
        }
        alma.postJson("/almaws/v1/users/dd1/fees/all", Map.of("op", "pay", "amount", "ALL", "method", "CASH"), null)
                .isOk();
        alma.attemptToDeleteUser("dd1");
        alma.attemptToGetUser("dd1").hasAlmaError("401861");
    }

    @Test
    void userIsFoundByAnyIdentifierAndPrimaryIdIgnoresCase() {
        alma.createUser(user("dd1"));
        assertThat(alma.getUser("B-dd1").path("primary_id").asText()).isEqualTo("dd1");
        assertThat(alma.getUser("DD1").path("primary_id").asText()).isEqualTo("dd1");
        alma.getJson("/almaws/v1/users/B-dd1", Map.of("user_id_type", "BARCODE"))
                .isOk();
        alma.getJson("/almaws/v1/users/B-dd1", Map.of("user_id_type", "UNIV_ID"))
                .hasAlmaError("401890");
    }

    @Test
    void unknownUserIsAlmaNotFoundInJsonAndXml() {
        AlmaResponse json = alma.attemptToGetUser("nobody").hasAlmaError("401861");
        assertThat(json.errorMessage()).isEqualTo("User with identifier nobody was not found.");
        alma.get("/almaws/v1/users/nobody", Map.of(), AlmaClient.XML).hasAlmaError("401861");
    }

    @Test
    void userIsRenderedInAlmaXmlWithWrappersAndCodeDescriptions() {
        alma.createUser(user("dd1"));
        String xml = alma.get("/almaws/v1/users/dd1", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        assertThat(xml)
                .startsWith("<?xml")
                .contains("<user>")
                .contains("<user_group desc=\"Undergraduate\">UNDERGRAD</user_group>")
                .contains("<expiry_date>2030-01-16Z</expiry_date>")
                .contains("<user_identifiers><user_identifier>")
                .contains("<emails><email preferred=\"true\">");
    }

    @Test
    void formatParameterWinsOverAcceptAndXmlIsTheDefault() {
        alma.createUser(user("dd1"));
        assertThat(alma.get("/almaws/v1/users/dd1", Map.of("format", "json"), AlmaClient.XML)
                        .body())
                .startsWith("{");
        assertThat(alma.get("/almaws/v1/users/dd1", Map.of(), null).body()).startsWith("<?xml");
        assertThat(alma.send("GET", "/almaws/v1/users/dd1", Map.of(), null, AlmaClient.JSON, null)
                        .body())
                .startsWith("{");
    }

    @Test
    void userCanBeCreatedFromXml() {
        String xml = """
                <user><record_type>PUBLIC</record_type><primary_id>x1</primary_id><last_name>Xu</last_name>
                <user_group desc="ignored">GRAD</user_group><account_type>EXTERNAL</account_type><external_id>SIS</external_id>
                <expiry_date>2026-01-01Z</expiry_date>
                <user_identifiers><user_identifier segment_type="External"><id_type>BARCODE</id_type><value>bx1</value></user_identifier></user_identifiers>
                </user>""";
        alma.send("POST", "/almaws/v1/users", Map.of(), xml, AlmaClient.XML, AlmaClient.XML)
                .isOk();
        JsonNode user = alma.getUser("bx1");
        assertThat(user.path("user_group").path("desc").asText()).isEqualTo("Graduate Student");
        assertThat(user.path("user_identifier").get(0).path("segment_type").asText())
                .isEqualTo("External");
    }

    @Test
    void missingMandatoryFieldIs401664() {
        String body = user("dd1").replace("\"account_type\":{\"value\":\"INTERNAL\"},", "");
        assertThat(alma.attemptToCreateUser(body).hasAlmaError("401664").errorMessage())
                .isEqualTo("Mandatory field is missing: account_type");
    }

    @Test
    void duplicatePrimaryIdOrIdentifierIs401851() {
        alma.createUser(user("dd1"));
        alma.attemptToCreateUser(user("DD1")).hasAlmaError("401851");
        alma.attemptToCreateUser(user("dd2").replace("B-dd2", "B-dd1")).hasAlmaError("401851");
        assertThat(alma.getJson("/almaws/v1/users", Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aPutKeepsItsIdentifiersFindableAndAChangedOneMovesAndIsChecked() {
        alma.createUser(user("dd1"));
        alma.createUser(user("dd2"));
        alma.updateUser("dd1", user("dd1").replace("2030-01-16", "2031-01-16"));
        assertThat(alma.getUser("B-dd1").path("expiry_date").asText()).isEqualTo("2031-01-16Z");
        alma.attemptToUpdateUser("dd1", user("dd1").replace("B-dd1", "B-dd2"), Map.of())
                .hasAlmaError("401851");
        alma.updateUser("dd1", user("dd1").replace("B-dd1", "B-new"));
        assertThat(alma.getUser("B-new").path("primary_id").asText()).isEqualTo("dd1");
        alma.attemptToGetUser("B-dd1").hasAlmaError("401861");
    }

    @Test
    void illegalUserGroupIs401852() {
        alma.attemptToCreateUser(user("dd1", "ASTRONAUT", "2030-01-01Z")).hasAlmaError("401852");
    }

    @Test
    void externalIdRulesFollowTheAccountType() {
        alma.attemptToCreateUser(user("dd1").replace("\"INTERNAL\"}", "\"EXTERNAL\"}"))
                .hasAlmaError("401854");
        alma.attemptToCreateUser(user("dd1").replace("\"INTERNAL\"},", "\"INTERNAL\"},\"external_id\":\"SIS\","))
                .hasAlmaError("401853");
        alma.attemptToCreateUser(user("dd1").replace("\"INTERNAL\"}", "\"LOCAL\"}"))
                .hasAlmaError("401857");
    }

    @Test
    void listPagesSortsByNameAndLeavesOutTheArrayWhenEmpty() {
        for (int i = 0; i < 12; i++) {
            alma.createUser(user("p" + i).replace("Diaz", "Name" + (char) ('a' + (11 - i))));
        }
        JsonNode first = alma.getJson("/almaws/v1/users", Map.of()).isOk().json();
        assertThat(first.path("total_record_count").asInt()).isEqualTo(12);
        assertThat(first.path("user")).hasSize(10);
        assertThat(first.path("user").get(0).path("primary_id").asText()).isEqualTo("p11");
        assertThat(first.path("user").get(0).path("link").asText()).endsWith("/almaws/v1/users/p11");
        JsonNode rest = alma.getJson("/almaws/v1/users", Map.of("offset", "10", "limit", "5"))
                .json();
        assertThat(rest.path("user")).hasSize(2);
        JsonNode none = alma.getJson("/almaws/v1/users", Map.of("limit", "0")).json();
        assertThat(none.has("user")).isFalse();
        assertThat(none.path("total_record_count").asInt()).isEqualTo(12);
        alma.getJson("/almaws/v1/users", Map.of("limit", "101")).hasAlmaError("401666");
        alma.getJson("/almaws/v1/users", Map.of("offset", "minus")).hasAlmaError("401666");
    }

    @Test
    void laterPagesOfAListFollowWritesMadeBetweenPages() {
        for (int i = 0; i < 6; i++) {
            alma.createUser(user("q" + i));
        }
        Map<String, String> second = Map.of("order_by", "primary_id", "limit", "2", "offset", "2", "expand", "full");
        assertThat(ids(alma.getJson("/almaws/v1/users", second).isOk().json())).containsExactly("q2", "q3");
        assertThat(alma.attemptToDeleteUser("q1").status()).isEqualTo(204);
        JsonNode afterDelete = alma.getJson("/almaws/v1/users", second).isOk().json();
        assertThat(ids(afterDelete)).containsExactly("q3", "q4");
        assertThat(afterDelete.path("total_record_count").asInt()).isEqualTo(5);
        alma.createUser(user("q0a"));
        assertThat(ids(alma.getJson("/almaws/v1/users", Map.of("order_by", "primary_id", "limit", "2", "offset", "2"))
                        .isOk()
                        .json()))
                .containsExactly("q2", "q3");
        JsonNode changed = alma.getUser("q3");
        alma.updateUser(
                "q3", ((ObjectNode) changed).put("expiry_date", "2031-02-02Z").toString());
        assertThat(alma.getJson("/almaws/v1/users", second)
                        .isOk()
                        .json()
                        .path("user")
                        .get(1)
                        .path("expiry_date")
                        .asText())
                .isEqualTo("2031-02-02Z");
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.path("user").spliterator(), false)
                .map(u -> u.path("primary_id").asText())
                .toList();
    }

    @Test
    void searchMatchesFieldsWithTildeAndCombinesTermsWithAnd() {
        alma.createUser(user("g1", "GRAD", "2030-01-01Z"));
        alma.createUser(user("u1", "UNDERGRAD", "2030-01-01Z").replace("Dana", "Omar"));
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "user_group~GRAD"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "first_name~om"))
                        .json()
                        .path("user")
                        .get(0)
                        .path("primary_id")
                        .asText())
                .isEqualTo("u1");
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "last_name~diaz AND first_name~dana"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "email~g1@example"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "ALL~u1"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        alma.getJson("/almaws/v1/users", Map.of("q", "shoe_size~44")).hasAlmaError("401666");
        JsonNode full = alma.getJson("/almaws/v1/users", Map.of("q", "primary_id~g1", "expand", "full"))
                .json();
        assertThat(full.path("user")
                        .get(0)
                        .path("contact_info")
                        .path("email")
                        .get(0)
                        .path("email_address")
                        .asText())
                .isEqualTo("g1@example.edu");
        ObjectNode entry = (ObjectNode) full.path("user").get(0).deepCopy();
        assertThat(entry.remove("link").asText()).endsWith("/almaws/v1/users/g1");
        ObjectNode got = (ObjectNode) alma.getUser("g1");
        assertThat(got.remove("link").isNull())
                .as("a single user's own link is null, as Alma answers")
                .isTrue();
        assertThat(entry).as("a full list entry is the user as GET answers it").isEqualTo(got);
        assertThat(alma.get("/almaws/v1/users", Map.of("q", "primary_id~g1", "expand", "full"), AlmaClient.XML)
                        .body())
                .contains("<users total_record_count=\"1\"><user link=\"")
                .contains("<primary_id>g1</primary_id>");
        assertThat(alma.getJson("/almaws/v1/users", Map.of("q", "primary_id~nobody", "expand", "full"))
                        .json()
                        .has("user"))
                .isFalse();
    }

    @Test
    void putSwapsAllButKeepsRolesWhenNoneArrive() {
        alma.createUser(user("dd1"));
        String update = user("dd1")
                .replace("\"first_name\":\"Dana\"", "\"first_name\":\"Dina\"")
                .replaceAll(",\\s*\"user_role\":\\[[^]]*\\]", "")
                .replace(
                        "\"contact_info\":{\"email\":[{\"email_address\":\"dd1@example.edu\",\"preferred\":true,\"email_type\":[{\"value\":\"personal\"}]}]},",
                        "");
        JsonNode updated = alma.updateUser("dd1", update);
        assertThat(updated.path("first_name").asText()).isEqualTo("Dina");
        assertThat(updated.has("contact_info"))
                .as("incoming lists replace existing ones")
                .isFalse();
        assertThat(updated.path("user_role")).as("roles kept when absent").hasSize(1);
        assertThat(alma.getUser("dd1")).isEqualTo(updated);
    }

    @Test
    void externalUserKeepsProtectedFieldsUnlessOverridden() {
        String external = user("ext1").replace("\"INTERNAL\"}", "\"EXTERNAL\"},\"external_id\":\"SIS\"");
        alma.createUser(external);
        String regrouped = external.replace("\"UNDERGRAD\"", "\"GRAD\"");
        assertThat(alma.updateUser("ext1", regrouped)
                        .path("user_group")
                        .path("value")
                        .asText())
                .isEqualTo("UNDERGRAD");
        JsonNode overridden = alma.attemptToUpdateUser("ext1", regrouped, Map.of("override", "user_group"))
                .isOk()
                .json();
        assertThat(overridden.path("user_group").path("value").asText()).isEqualTo("GRAD");
    }

    @Test
    void internalMayBecomeExternalButNotTheReverse() {
        alma.createUser(user("dd1"));
        String external = user("dd1").replace("\"INTERNAL\"}", "\"EXTERNAL\"},\"external_id\":\"SIS\"");
        assertThat(alma.updateUser("dd1", external)
                        .path("account_type")
                        .path("value")
                        .asText())
                .isEqualTo("EXTERNAL");
        alma.attemptToUpdateUser("dd1", user("dd1"), Map.of()).hasAlmaError("401859");
        alma.attemptToUpdateUser("dd1", external.replace("\"SIS\"", "\"OTHER\""), Map.of())
                .hasAlmaError("401858");
        assertThat(alma.getUser("dd1").path("account_type").path("value").asText())
                .isEqualTo("EXTERNAL");
    }

    @Test
    void putCanRenameThePrimaryIdButNotOntoAnotherUser() {
        alma.createUser(user("dd1"));
        alma.createUser(user("dd2"));
        alma.attemptToUpdateUser("dd1", user("dd2").replace("B-dd2", "B-dd1"), Map.of())
                .hasAlmaError("401851");
        alma.updateUser("dd1", user("dd9").replace("B-dd9", "B-dd1"));
        assertThat(alma.getUser("dd9").path("primary_id").asText()).isEqualTo("dd9");
        alma.attemptToGetUser("dd1").hasAlmaError("401861");
    }

    @Test
    void deleteAnswers204AndTheUserIsGone() {
        alma.createUser(user("dd1"));
        AlmaResponse deleted = alma.attemptToDeleteUser("dd1");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        alma.attemptToGetUser("dd1").hasAlmaError("401861");
        alma.attemptToDeleteUser("dd1").hasAlmaError("401861");
    }

    @Test
    void expandAddsCountsAndBriefViewDropsSegments() {
        alma.createUser(user("dd1"));
        JsonNode expanded = alma.getJson("/almaws/v1/users/dd1", Map.of("expand", "loans,requests,fees"))
                .json();
        assertThat(expanded.path("loans").path("value").asInt()).isZero();
        assertThat(expanded.path("fees").path("link").asText()).endsWith("/almaws/v1/users/dd1/fees");
        JsonNode brief =
                alma.getJson("/almaws/v1/users/dd1", Map.of("view", "brief")).json();
        assertThat(brief.has("user_role")).isFalse();
        assertThat(brief.has("user_identifier")).isTrue();
        String xml = alma.get("/almaws/v1/users/dd1", Map.of("expand", "fees"), AlmaClient.XML)
                .body();
        assertThat(xml).contains("<fees link=\"");
    }
}
