package org.almasim.simulator.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.Fixtures;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two institutions in one simulator, holding the same demo patrons and each some records of its own: a key reaches its
 * own institution and no other, on every route it may call, whatever ids it names.
 */
class InstitutionIsolationTest {
    private static final String OTHER = "01TEST_OTHER";
    private static final String OTHER_KEY = "l8xx-other";
    /** Written into each institution's own records, so an answer that leaks one into the other is seen. */
    private static final Map<String, String> MARKER = Map.of("home", "Homemarker", "other", "Othermarker");

    /** Routes the consortium shares by design: health, the clock, the fault rules, the route list, institutions. */
    private static final Set<String> SHARED_PREFIXES = Set.of(
            "/almasim/v1/health",
            "/almasim/v1/clock",
            "/almasim/v1/faults",
            "/almasim/v1/openapi.json",
            "/almasim/v1/institutions",
            "/almasim/v1/journal");

    private RunningSimulator running;
    private AlmaClient home;
    private AlmaClient other;
    private Map<String, Map<String, String>> idsOf;

    @BeforeEach
    void twoInstitutionsWithTheSamePatronsAndSomeOfTheirOwn() {
        running = RunningSimulator.start();
        home = running.client;
        AlmaResponse added = home.postJson(
                        "/almasim/v1/institutions",
                        Map.of(),
                        "{\"code\":\"" + OTHER + "\",\"name\":\"Other College\",\"api_keys\":[\"" + OTHER_KEY
                                + "\"],\"population\":\"demo\"}")
                .isOk();
        assertThat(added.json().path("api_keys").get(0).asText())
                .as("the answer never holds a key in clear, only its last four characters")
                .doesNotContain(OTHER_KEY)
                .isEqualTo("key ending " + OTHER_KEY.substring(OTHER_KEY.length() - 4) + " (read-write)");
        other = home.withKey(OTHER_KEY);
        running.simulator.load("demo", 42);
        idsOf = new LinkedHashMap<>();
        idsOf.put("home", ownRecords(home, "home"));
        idsOf.put("other", ownRecords(other, "other"));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void theKeyDecidesWhichInstitutionAnswers() {
        String sharedUser = home
                .getJson("/almaws/v1/users", Map.of("limit", "100"))
                .isOk()
                .json()
                .path("user")
                .findValuesAsText("primary_id")
                .stream()
                .filter(id -> other.attemptToGetUser(id).status() == 200)
                // One Alma lets the default institution delete (no loans, fees or other blockers there).
                .filter(id -> home.attemptToDeleteUser(id).status() == 204)
                .findFirst()
                .orElseThrow();
        assertThat(generalOf(home)).isEqualTo(Institution.DEFAULT_CODE);
        assertThat(generalOf(other)).isEqualTo(OTHER);
        assertThat(home.attemptToGetUser(sharedUser).status())
                .as("deleted here")
                .isEqualTo(400);
        other.updateUser(sharedUser, renamed(other.getUser(sharedUser), "Otherfirst"));
        assertThat(other.getUser(sharedUser).path("first_name").asText()).isEqualTo("Otherfirst");
        assertThat(home.attemptToGetUser(sharedUser).status())
                .as("the other institution's update does not bring it back here")
                .isEqualTo(400);
        assertThat(home.attemptToGetUser("own-other").status())
                .as("a user only the other institution holds")
                .isEqualTo(400);
    }

    @Test
    void noRouteCalledWithTheDefaultInstitutionsKeyChangesOrShowsTheOthersData() {
        walkEveryRoute(home, "home", "other");
    }

    @Test
    void noRouteCalledWithTheOtherInstitutionsKeyChangesOrShowsTheDefaultsData() {
        walkEveryRoute(other, "other", "home");
    }

    @Test
    void theJournalShowsAKeyOnlyItsOwnInstitutionsRequests() {
        other.getUser("own-other");
        JsonNode seenByHome =
                home.getJson("/almasim/v1/journal", Map.of()).isOk().json();
        for (JsonNode entry : seenByHome.path("request")) {
            assertThat(entry.path("institution").asText()).isIn("", Institution.DEFAULT_CODE);
        }
        JsonNode seenByOther = other.getJson("/almasim/v1/journal", Map.of("path", "/almaws/v1/users/own-other"))
                .isOk()
                .json();
        assertThat(seenByOther.path("total_record_count").asInt()).isEqualTo(1);
        assertThat(seenByOther.path("request").get(0).path("institution").asText())
                .isEqualTo(OTHER);
    }

    @Test
    void anInstitutionCannotBeAddedTwiceNorWithAKeyAnotherHolds() {
        String before = digest(other);
        home.postJson("/almasim/v1/institutions", Map.of(), "{\"code\":\"" + OTHER + "\"}")
                .hasAlmaError("401666");
        home.postJson(
                        "/almasim/v1/institutions",
                        Map.of(),
                        "{\"code\":\"01TEST_THIRD\",\"api_keys\":[\"" + ApiKeys.DEVELOPMENT_KEY + "\"]}")
                .hasAlmaError("401666");
        home.postJson("/almasim/v1/institutions", Map.of(), "{\"code\":\"lower case\"}")
                .hasAlmaError("401666");
        home.postJson(
                        "/almasim/v1/institutions",
                        Map.of(),
                        "{\"code\":\"01TEST_FOURTH\",\"population\":\"/etc/passwd\"}")
                .hasAlmaError("401666");
        home.withKey(RunningSimulator.READ_ONLY_KEY)
                .postJson("/almasim/v1/institutions", Map.of(), "{\"code\":\"01TEST_FIFTH\"}")
                .hasAlmaError("UNAUTHORIZED");
        List<String> codes =
                home.getJson("/almasim/v1/institutions", Map.of()).isOk().json().findValuesAsText("code");
        assertThat(codes).containsExactly(Institution.DEFAULT_CODE, OTHER);
        assertThat(home.getJson("/almasim/v1/institutions", Map.of()).body()).doesNotContain(OTHER_KEY);
        assertThat(digest(other)).isEqualTo(before);
    }

    @Test
    void theOverviewCountsEachInstitutionsPatronsAndRunsAndNamesNoPatron() {
        home.postJson("/almasim/v1/institutions", Map.of(), "{\"code\":\"01TEST_THIRD\"}")
                .isOk();
        JsonNode overview = other.getJson("/almasim/v1/institutions/overview", Map.of())
                .isOk()
                .json()
                .path("institution");

        assertThat(overview.findValuesAsText("code")).containsExactly(Institution.DEFAULT_CODE, OTHER, "01TEST_THIRD");
        for (int i = 0; i < 2; i++) {
            AlmaClient client = i == 0 ? home : other;
            int patrons = client.getJson("/almaws/v1/users", Map.of("limit", "0"))
                    .isOk()
                    .json()
                    .path("total_record_count")
                    .asInt();
            assertThat(overview.get(i).path("patrons").asInt()).isEqualTo(patrons);
            assertThat(overview.get(i).path("job_runs").asInt())
                    .as("the purge run of the set-up")
                    .isEqualTo(1);
        }
        assertThat(overview.get(2).path("patrons").asInt()).isZero();
        assertThat(overview.get(2).path("patrons_by_status").path("ACTIVE").isInt())
                .as("an empty institution still counts every status, as the console reads it")
                .isTrue();
        assertThat(overview.get(2).path("patrons_by_status").path("INACTIVE").asInt(-1))
                .isZero();
        assertThat(overview.get(2).path("development_key").asText())
                .as("a member with only its public development key: the console may switch to it")
                .isEqualTo("l8xx01testthird");
        assertThat(overview.get(1).has("development_key"))
                .as("a key of its own is never shown")
                .isFalse();
        assertThat(overview.toString()).doesNotContain("own-home").doesNotContain("own-other");
    }

    @Test
    void anInstitutionWithoutKeysOpensWithItsDevelopmentKey() {
        home.postJson("/almasim/v1/institutions", Map.of(), "{\"code\":\"01TEST_THIRD\"}")
                .isOk();
        AlmaClient third = home.withKey("l8xx01testthird");
        assertThat(generalOf(third)).isEqualTo("01TEST_THIRD");
        assertThat(third.getJson("/almaws/v1/users", Map.of())
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .as("a new institution starts empty")
                .isZero();
    }

    /**
     * Every route the caller may reach, called with the other institution's ids and with ids both hold: the other's
     * digest does not move, and no answer carries the other's marker.
     */
    private void walkEveryRoute(AlmaClient caller, String callerName, String otherName) {
        AlmaClient victim = otherName.equals("home") ? home : other;
        String before = digest(victim);
        int walked = 0;
        for (Simulator.Route route : running.simulator.routes()) {
            if (SHARED_PREFIXES.stream().anyMatch(route.path()::startsWith)) {
                continue;
            }
            for (Map<String, String> ids : List.of(idsOf.get(otherName), idsOf.get(callerName))) {
                String path = withIds(route.path(), ids);
                AlmaResponse answer = caller.send(route.method(), path, Map.of(), "{}", "application/json", "*/*");
                walked++;
                assertThat(answer.body())
                        .as("%s %s with %s's key", route.method(), path, callerName)
                        .doesNotContain(MARKER.get(otherName));
            }
        }
        assertThat(walked).isGreaterThan(80);
        assertThat(digest(victim))
                .as("%s's data after %s walked every route", otherName, callerName)
                .isEqualTo(before);
    }

    /** A user, a fee, a loan, an item and a set that only this institution holds, each carrying its marker. */
    private static Map<String, String> ownRecords(AlmaClient client, String name) {
        String marker = MARKER.get(name);
        String userId = "own-" + name;
        client.createUser(Fixtures.user(userId).replace("\"Dana\"", "\"" + marker + "\""));
        String barcode = "OWN-" + name.toUpperCase(Locale.ROOT);
        client.loadPopulation(Fixtures.items(barcode).replace("Florida waterways", marker + " waterways"));
        JsonNode loan = client.lend(userId, barcode);
        JsonNode fee = client.createFee(
                userId,
                "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"},"
                        + "\"comment\":\"" + marker + "\"}");
        JsonNode set = client.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"" + marker
                                + "\",\"type\":{\"value\":\"ITEMIZED\"},\"content\":{\"value\":\"USER\"}}")
                .isOk()
                .json();
        JsonNode request = client.postJson(
                        "/almaws/v1/users/" + userId + "/requests",
                        Map.of("item_pid", loan.path("item_id").asText()),
                        "{\"request_type\":\"HOLD\",\"pickup_location_library\":\"MAIN\",\"comment\":\"" + marker
                                + "\"}")
                .isOk()
                .json();
        JsonNode attachment = client.postJson(
                        "/almaws/v1/users/" + userId + "/attachments",
                        Map.of(),
                        "{\"file_name\":\"" + marker + ".txt\",\"content\":\""
                                + Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8)) + "\"}")
                .isOk()
                .json();
        String instance = client.startJob("/almaws/v1/conf/jobs/M26700", Map.of("user_group", "UNDERGRAD"));
        client.awaitFinished(instance);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("{user_id}", userId);
        ids.put("{fee_id}", fee.path("id").asText());
        ids.put("{loan_id}", loan.path("loan_id").asText());
        ids.put("{request_id}", request.path("request_id").asText());
        ids.put("{attachment_id}", attachment.path("id").asText());
        ids.put("{mms_id}", loan.path("mms_id").asText());
        ids.put("{holding_id}", loan.path("holding_id").asText());
        ids.put("{item_pid}", loan.path("item_id").asText());
        ids.put("{set_id}", set.path("id").asText());
        ids.put("{job_id}", "M26700");
        ids.put("{instance_id}", instance.substring(instance.lastIndexOf('/') + 1));
        ids.put("{code_table_name}", "UserGroups");
        return ids;
    }

    private static String withIds(String route, Map<String, String> ids) {
        String path = route;
        for (var id : ids.entrySet()) {
            path = path.replace(id.getKey(), id.getValue());
        }
        return path;
    }

    private static String generalOf(AlmaClient client) {
        return client.getJson("/almaws/v1/conf/general", Map.of())
                .isOk()
                .json()
                .path("institution")
                .path("value")
                .asText();
    }

    private static String renamed(JsonNode user, String firstName) {
        return ((ObjectNode) user.deepCopy()).put("first_name", firstName).toString();
    }

    private static String digest(AlmaClient client) {
        return client.getJson("/almasim/v1/state/digest", Map.of()).isOk().body();
    }
}
