package org.almasim.simulator.sets;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class SetsApiTest extends SimulatorTest {
    private static final String SETS = "/almaws/v1/conf/sets";

    @Override
    protected void given() {
        // Today is 2024-08-01: expired four years ago, last week, and not yet.
        alma.createUser(user("old", "ALUMNI", "2020-06-30Z"));
        alma.createUser(user("recent", "UNDERGRAD", "2024-07-24Z"));
        alma.createUser(user("current", "UNDERGRAD", "2026-05-31Z"));
        alma.createUser(user("community", "COMMUNITY", "2019-12-31Z"));
    }

    private JsonNode createSet(String json) {
        return alma.postJson(SETS, Map.of(), json).isOk().json();
    }

    private static String itemized(String name) {
        return "{\"name\":\"" + name + "\",\"type\":{\"value\":\"ITEMIZED\"},\"content\":{\"value\":\"USER\"}}";
    }

    private static String logical(String name, String query) {
        return "{\"name\":\"" + name
                + "\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"},\"query\":{\"value\":\"" + query
                + "\"}}";
    }

    private AlmaResponse members(String setId, String op, String... ids) {
        String list = Arrays.stream(ids).map(id -> "{\"id\":\"" + id + "\"}").collect(Collectors.joining(","));
        return alma.postJson(SETS + "/" + setId, Map.of("op", op), "{\"members\":{\"member\":[" + list + "]}}");
    }

    private List<String> memberIds(String setId) {
        JsonNode page = alma.getJson(SETS + "/" + setId + "/members", Map.of("limit", "100"))
                .isOk()
                .json();
        return StreamSupport.stream(page.path("member").spliterator(), false)
                .map(m -> m.path("id").asText())
                .toList();
    }

    @Test
    void anItemizedSetIsMadeFromALogicalSetsMembersAsOfToday() {
        String expired = createSet(logical("Expired", "expiry_date before today"))
                .path("id")
                .asText();
        JsonNode copy = alma.postJson(SETS, Map.of("from_logical_set", expired), itemized("Expired on 2024-08-01"))
                .isOk()
                .json();
        assertThat(copy.path("number_of_members").path("value").asInt()).isEqualTo(3);
        assertThat(memberIds(copy.path("id").asText())).containsExactlyInAnyOrder("old", "recent", "community");
        // The copy keeps its members when the day moves on; the logical set follows the clock.
        sim.simulator.clock().set(LocalDate.of(2026, 6, 1));
        assertThat(memberIds(copy.path("id").asText())).hasSize(3);
        assertThat(memberIds(expired)).hasSize(4);
        JsonNode prefixed = createSet(logical("Prefixed", "USER where expiry_date before today"));
        assertThat(prefixed.path("query").path("desc").asText()).isEqualTo("where expiry_date before today");

        alma.postJson(SETS, Map.of("from_logical_set", "999"), itemized("Nothing"))
                .hasAlmaError("60107");
        alma.postJson(SETS, Map.of("from_logical_set", copy.path("id").asText()), itemized("Of an itemized"))
                .hasAlmaError("60112");
        alma.postJson(SETS, Map.of("combine", "AND", "set1", expired, "set2", expired), itemized("Combined"))
                .hasAlmaError("401666");
        assertThat(alma.getJson(SETS, Map.of("q", "name~Combined"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
    }

    @Test
    void aLogicalSetTakesAlmasOwnFormOfAQuery() {
        String almaForm =
                "USER where USER ((expiry_date BEFORE \\\"2024-01-01\\\") AND (user_group NOT_EQUALS \\\"COMMUNITY\\\"))";
        JsonNode set = createSet(logical("Alma form", almaForm));
        assertThat(memberIds(set.path("id").asText())).containsExactly("old");
        assertThat(set.path("query").path("desc").asText())
                .isEqualTo("where ((expiry_date BEFORE \"2024-01-01\") AND (user_group NOT_EQUALS \"COMMUNITY\"))");
        String relative = "USER where USER ((expiry_date LESS_THAN \\\"today-3y\\\") OR (purge_date IS_EMPTY))";
        assertThat(memberIds(
                        createSet(logical("Alma relative", relative)).path("id").asText()))
                .as("the fixtures have purge dates")
                .containsExactly("community", "old");
    }

    @Test
    void aLogicalSetSearchesAlmasKeywordIndexAndTheNameFields() {
        alma.createUser(user("tester").replace("\"Diaz\"", "\"Testarossa\"").replace("\"Dana\"", "\"Test Case\""));
        // As Alma shows a keyword query, and as a public client creates one.
        JsonNode keyword = createSet(logical("Keyword", "USER where USER ((all_full CONTAIN \\\"test\\\"))"));
        assertThat(memberIds(keyword.path("id").asText())).containsExactly("tester");
        JsonNode byBarcode = createSet(logical("Barcode", "USER where USER ((all_full CONTAIN \\\"B-old\\\"))"));
        assertThat(memberIds(byBarcode.path("id").asText()))
                .as("the identifiers are in the keyword index")
                .containsExactly("old");
        JsonNode byEmail = createSet(logical("Email", "all_full CONTAIN \\\"recent@example.edu\\\""));
        assertThat(memberIds(byEmail.path("id").asText())).containsExactly("recent");
        JsonNode lastName = createSet(logical("Named", "USER where USER ((last_name EQUALS \\\"diaz\\\"))"));
        assertThat(memberIds(lastName.path("id").asText()))
                .as("EQUALS is the whole value, ignoring case")
                .containsExactlyInAnyOrder("old", "recent", "current", "community");
        JsonNode notNamed = createSet(
                logical("Not named", "last_name NOT_CONTAIN \\\"diaz\\\" and first_name CONTAIN \\\"case\\\""));
        assertThat(memberIds(notNamed.path("id").asText())).containsExactly("tester");
        alma.postJson(SETS, Map.of(), logical("Bad", "last_name BEFORE \\\"x\\\""))
                .hasAlmaError("402270");
    }

    @Test
    void anInstitutionHoldsABoundedNumberOfSets() {
        for (int i = 0; i < SetService.MAX_SETS; i++) {
            alma.postJson(
                            "/almaws/v1/conf/sets",
                            Map.of(),
                            "{\"name\":\"Set " + i + "\",\"type\":{\"value\":\"ITEMIZED\"},"
                                    + "\"content\":{\"value\":\"USER\"}}")
                    .isOk();
        }
        JsonNode before =
                alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
        AlmaResponse refused = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"One too many\",\"type\":{\"value\":"
                                + "\"ITEMIZED\"},\"content\":{\"value\":\"USER\"}}")
                .hasAlmaError("401666");
        assertThat(refused.body()).contains(String.valueOf(SetService.MAX_SETS));
        assertThat(alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json())
                .isEqualTo(before);
    }

    @Test
    void itemizedSetStartsEmptyAndTakesMembersById() {
        JsonNode set = createSet(itemized("Community patrons"));
        assertThat(set.path("type").path("desc").asText()).isEqualTo("Itemized");
        assertThat(set.path("number_of_members").path("value").asInt()).isZero();
        String id = set.path("id").asText();
        JsonNode after = members(id, "add_members", "community", "B-old").isOk().json();
        assertThat(after.path("number_of_members").path("value").asInt()).isEqualTo(2);
        assertThat(memberIds(id)).containsExactly("community", "old");
        assertThat(alma.getJson(SETS + "/" + id, Map.of()).isOk().json()).isEqualTo(after);
    }

    @Test
    void memberRulesAnswerAlmasCodesAndChangeNothing() {
        String id = createSet(itemized("Staff")).path("id").asText();
        members(id, "add_members", "old").isOk();
        members(id, "add_members", "old").hasAlmaError("60115");
        members(id, "add_members", "current", "current").hasAlmaError("60119");
        members(id, "add_members", "nobody").hasAlmaError("60116");
        members(id, "delete_members", "current").hasAlmaError("60117");
        members(id, "rename_members", "old").hasAlmaError("60111");
        alma.postJson(SETS + "/" + id, Map.of("op", "add_members"), "{\"members\":{\"member\":[]}}")
                .hasAlmaError("60113");
        alma.postJson(
                        SETS + "/" + id,
                        Map.of("op", "add_members"),
                        "{\"members\":{\"member\":[{\"description\":\"x\"}]}}")
                .hasAlmaError("60114");
        String tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> "{\"id\":\"u" + i + "\"}")
                .collect(Collectors.joining(","));
        alma.postJson(SETS + "/" + id, Map.of("op", "add_members"), "{\"members\":{\"member\":[" + tooMany + "]}}")
                .hasAlmaError("60118");
        alma.postJson(SETS + "/404", Map.of("op", "add_members"), "{\"members\":{\"member\":[{\"id\":\"old\"}]}}")
                .hasAlmaError("60107");
        assertThat(memberIds(id)).containsExactly("old");
    }

    @Test
    void invalidIdsCanBeSkippedAndMembersReplacedOrDeleted() {
        String id = createSet(itemized("Mixed")).path("id").asText();
        alma.postJson(
                        SETS + "/" + id,
                        Map.of("op", "add_members", "fail_on_invalid_id", "false"),
                        "{\"members\":{\"member\":[{\"id\":\"old\"},{\"id\":\"nobody\"}]}}")
                .isOk();
        assertThat(memberIds(id)).containsExactly("old");
        members(id, "replace_members", "current", "recent").isOk();
        assertThat(memberIds(id)).containsExactly("current", "recent");
        members(id, "delete_members", "recent").isOk();
        assertThat(memberIds(id)).containsExactly("current");
    }

    @Test
    void logicalSetFollowsTheClock() {
        JsonNode set = createSet(logical("Expired 3 years", "expiry_date before today-3y and user_group != COMMUNITY"));
        String id = set.path("id").asText();
        assertThat(set.path("query").path("value").asText())
                .isEqualTo("expiry_date before today-3y and user_group != COMMUNITY");
        assertThat(memberIds(id)).containsExactly("old");
        alma.send("PUT", "/almasim/v1/clock", Map.of(), "{\"today\":\"2027-08-01\"}", AlmaClient.JSON, AlmaClient.JSON)
                .isOk();
        assertThat(memberIds(id)).containsExactly("old", "recent");
        members(id, "add_members", "current").hasAlmaError("60112");
    }

    @Test
    void logicalSetReadPageByPageSeesEveryWriteBetweenReads() {
        String id = createSet(logical("Owing or old", "active_balance > 0 or expiry_date before today-3y"))
                .path("id")
                .asText();
        JsonNode firstPage = alma.getJson(SETS + "/" + id + "/members", Map.of("limit", "1"))
                .isOk()
                .json();
        assertThat(firstPage.path("total_record_count").asInt()).isEqualTo(2);
        assertThat(firstPage.path("member").path(0).path("id").asText()).isEqualTo("community");
        assertThat(alma.getJson(SETS + "/" + id + "/members", Map.of("limit", "1", "offset", "1"))
                        .isOk()
                        .json()
                        .path("member")
                        .path(0)
                        .path("id")
                        .asText())
                .isEqualTo("old");

        JsonNode fee = alma.createFee(
                "current",
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"}}");
        assertThat(memberIds(id)).containsExactly("community", "current", "old");
        alma.attemptFeeAction("current", fee.path("id").asText(), Map.of("op", "waive", "reason", "OTHER"))
                .isOk();
        assertThat(memberIds(id)).containsExactly("community", "old");
        JsonNode old = alma.getUser("old");
        alma.updateUser(
                "old", ((ObjectNode) old).put("expiry_date", "2030-01-01Z").toString());
        assertThat(memberIds(id)).containsExactly("community");
        assertThat(alma.attemptToDeleteUser("community").status()).isEqualTo(204);
        assertThat(memberIds(id)).isEmpty();
        assertThat(alma.getJson(SETS + "/" + id, Map.of())
                        .isOk()
                        .json()
                        .path("number_of_members")
                        .path("value")
                        .asInt())
                .isZero();
    }

    @Test
    void logicalQueriesCombineDatesCodesAndActivity() {
        alma.createFee(
                "current",
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"}}");
        String expiredWeek = createSet(
                        logical("Inactive weekly", "expiry_date on_or_before today-7d and status = ACTIVE"))
                .path("id")
                .asText();
        assertThat(memberIds(expiredWeek)).containsExactly("community", "old", "recent");
        String owing = createSet(logical("Owing", "USER where active_balance > 0"))
                .path("id")
                .asText();
        assertThat(memberIds(owing)).containsExactly("current");
        String either = createSet(logical(
                        "Either",
                        "(user_group in (ALUMNI, COMMUNITY) or active_loans > 0) and not purge_date is empty"))
                .path("id")
                .asText();
        assertThat(memberIds(either)).containsExactly("community", "old");
        String fixed = createSet(logical("Before FLVC cut-off", "purge_date before 2023-07-01"))
                .path("id")
                .asText();
        assertThat(memberIds(fixed)).containsExactly("community", "old");
    }

    @Test
    void badQueriesAndMissingFieldsAreRefused() {
        alma.postJson(SETS, Map.of(), logical("Bad", "expiry_date before yesterday"))
                .hasAlmaError("402270");
        alma.postJson(SETS, Map.of(), logical("Bad", "shoe_size > 3")).hasAlmaError("402270");
        alma.postJson(SETS, Map.of(), logical("Bad", "user_group in (A, B")).hasAlmaError("402270");
        alma.postJson(
                        SETS,
                        Map.of(),
                        "{\"name\":\"No query\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"}}")
                .hasAlmaError("402228");
        alma.postJson(SETS, Map.of(), "{\"type\":{\"value\":\"ITEMIZED\"},\"content\":{\"value\":\"USER\"}}")
                .hasAlmaError("402228");
        alma.postJson(SETS, Map.of(), itemized("X").replace("ITEMIZED", "SMART"))
                .hasAlmaError("402262");
        alma.postJson(SETS, Map.of(), itemized("X").replace("USER", "BIB_MMS")).hasAlmaError("402265");
        createSet(itemized("Taken"));
        alma.postJson(SETS, Map.of(), itemized("taken")).hasAlmaError("402263");
        assertThat(alma.getJson(SETS, Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void listFiltersByTypeAndNameAndPages() {
        createSet(itemized("Community patrons"));
        createSet(logical("Expired patrons", "expiry_date before today"));
        createSet(itemized("Internal patrons"));
        assertThat(alma.getJson(SETS, Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(3);
        assertThat(alma.getJson(SETS, Map.of("set_type", "LOGICAL"))
                        .json()
                        .path("set")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("Expired patrons");
        assertThat(alma.getJson(SETS, Map.of("q", "name~internal"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(1);
        assertThat(alma.getJson(SETS, Map.of("content_type", "BIB_MMS"))
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
        assertThat(alma.getJson(SETS, Map.of("limit", "2", "offset", "2"))
                        .json()
                        .path("set"))
                .hasSize(1);
        alma.getJson(SETS, Map.of("set_type", "SMART")).hasAlmaError("40166410");
    }

    @Test
    void updateRenamesAndChangesTheQueryButNotTheType() {
        String id = createSet(logical("Old name", "expiry_date before today"))
                .path("id")
                .asText();
        JsonNode renamed = alma.send(
                        "PUT",
                        SETS + "/" + id,
                        Map.of(),
                        logical("New name", "expiry_date before today-3y"),
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .isOk()
                .json();
        assertThat(renamed.path("name").asText()).isEqualTo("New name");
        assertThat(renamed.path("number_of_members").path("value").asInt()).isEqualTo(2);
        alma.send("PUT", SETS + "/" + id, Map.of(), itemized("New name"), AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("402261");
        alma.send("PUT", SETS + "/404", Map.of(), itemized("X"), AlmaClient.JSON, AlmaClient.JSON)
                .hasAlmaError("60107");
    }

    @Test
    void deleteAnswers204AndTheSetIsGone() {
        String id = createSet(itemized("Temporary")).path("id").asText();
        members(id, "add_members", "old").isOk();
        assertThat(alma.send("DELETE", SETS + "/" + id, Map.of(), null, null, AlmaClient.JSON)
                        .status())
                .isEqualTo(204);
        alma.getJson(SETS + "/" + id, Map.of()).hasAlmaError("60107");
        alma.send("DELETE", SETS + "/" + id, Map.of(), null, null, AlmaClient.JSON)
                .hasAlmaError("402264");
        alma.getUser("old");
    }

    @Test
    void setsSpeakXmlBothWays() {
        String xml =
                "<set><name>From XML</name><type>ITEMIZED</type><content>USER</content><private>false</private></set>";
        String created = alma.send("POST", SETS, Map.of(), xml, AlmaClient.XML, AlmaClient.XML)
                .isOk()
                .body();
        assertThat(created)
                .contains("<type desc=\"Itemized\">ITEMIZED</type>")
                .contains("<private desc=\"No\">false</private>")
                .contains("<number_of_members link=\"");
        String id = alma.getJson(SETS, Map.of("q", "name~xml"))
                .json()
                .path("set")
                .get(0)
                .path("id")
                .asText();
        String add = "<set><members><member><id>old</id></member></members></set>";
        alma.send("POST", SETS + "/" + id, Map.of("op", "add_members"), add, AlmaClient.XML, AlmaClient.XML)
                .isOk();
        String members = alma.get(SETS + "/" + id + "/members", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        assertThat(members)
                .contains("<members total_record_count=\"1\"><member link=\"")
                .contains("<id>old</id>");
    }

    @Test
    void deletingAUserTakesItOutOfItsSets() {
        String id = createSet(itemized("Leavers")).path("id").asText();
        members(id, "add_members", "old", "recent").isOk();
        assertThat(alma.attemptToDeleteUser("old").status()).isEqualTo(204);
        assertThat(memberIds(id)).containsExactly("recent");
    }
}
