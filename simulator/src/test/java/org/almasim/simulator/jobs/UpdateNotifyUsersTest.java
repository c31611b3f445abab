package org.almasim.simulator.jobs;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.store.BulkLookup;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class UpdateNotifyUsersTest extends SimulatorTest {
    private static final String M148 = "/almaws/v1/conf/jobs/M148";
    private static final String STATUS = "UPDATE_User_Information_Status_";

    private String expiredWeekSet;

    @Override
    protected void given() {
        alma.createUser(user("expired-2w", "UNDERGRAD", "2024-07-18Z"));
        alma.createUser(user("expired-3d", "UNDERGRAD", "2024-07-29Z"));
        alma.createUser(user("current", "UNDERGRAD", "2026-05-31Z"));
        alma.createUser(user("ill-old", "ILL", "2020-01-01Z"));
        alma.createUser(
                user("sis", "GRAD", "2024-07-01Z").replace("\"INTERNAL\"}", "\"EXTERNAL\"},\"external_id\":\"SIS\""));
        expiredWeekSet = set("OPAL weekly", "expiry_date on_or_before today-7d and status = ACTIVE");
    }

    private String set(String name, String query) {
        return alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"" + name + "\",\"type\":{\"value\":\"LOGICAL\"},"
                                + "\"content\":{\"value\":\"USER\"},\"query\":{\"value\":\"" + query + "\"}}")
                .isOk()
                .json()
                .path("id")
                .asText();
    }

    private AlmaResponse attemptRun(Map<String, String> parameters) {
        return alma.attemptToRunJob(M148, parameters);
    }

    private JsonNode runToEnd(String job, Map<String, String> parameters) {
        return alma.runJob(job, parameters);
    }

    private static String counter(JsonNode instance, String desc) {
        return AlmaClient.counter(instance, desc);
    }

    private static String epochMillis(LocalDate date) {
        return Long.toString(date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    @Test
    void modifyDateFromListsTheUsersWrittenSinceByTheApiOrByAJob() {
        assertThat(modifiedFrom("2024-08-01")).hasSize(5);
        sim.simulator.clock().set(LocalDate.of(2024, 9, 10));
        assertThat(modifiedFrom("2024-09-10")).as("nobody written since").isEmpty();

        alma.updateUser("current", user("current", "UNDERGRAD", "2027-05-31Z"));
        JsonNode done = runToEnd(
                M148, Map.of("set_id", expiredWeekSet, STATUS + "Active", "true", STATUS + "Value", "INACTIVE"));
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");

        assertThat(modifiedFrom("2024-09-10"))
                .as("the user the API rewrote and those the job marked inactive")
                .containsExactlyInAnyOrder("current", "expired-2w", "expired-3d", "ill-old", "sis");
        assertThat(modifiedFrom("2030-01-01")).isEmpty();
        alma.getJson("/almaws/v1/users", Map.of("modify_date_from", "10-09-2024"))
                .hasAlmaError("401666");
        // Exclusive with q, as Ex Libris' OpenAPI says.
        alma.getJson("/almaws/v1/users", Map.of("modify_date_from", "2024-09-10", "q", "last_name~Diaz"))
                .hasAlmaError("401666");
    }

    private List<String> modifiedFrom(String day) {
        JsonNode list = alma.getJson("/almaws/v1/users", Map.of("modify_date_from", day, "limit", "100"))
                .isOk()
                .json();
        assertThat(list.path("total_record_count").asInt())
                .isEqualTo(list.path("user").size());
        return StreamSupport.stream(list.path("user").spliterator(), false)
                .map(u -> u.path("primary_id").asText())
                .toList();
    }

    @Test
    void aRunOverMoreUsersThanOneStatementHoldsTakesEveryOneOfThem() {
        int many = BulkLookup.MOST_PER_STATEMENT + 200;
        sim.simulator.load(
                SyntheticPopulation.chunk(7, 0, many, sim.simulator.clock().today()));
        String everyone = set("Everyone", "status = ACTIVE or status != ACTIVE");
        JsonNode done = runToEnd(M148, Map.of("set_id", everyone, "ADD_Note_Active", "true", "ADD_Note_Value", "Seen"));
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");
        assertThat(Integer.parseInt(counter(done, "Records processed"))).isGreaterThan(BulkLookup.MOST_PER_STATEMENT);
        assertThat(counter(done, "Records with exceptions"))
                .as("every user held, none left to another job")
                .isEqualTo("0");
    }

    @Test
    void opalWeeklyRunMarksUsersExpiredSevenDaysInactiveWithANote() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("set_id", expiredWeekSet);
        parameters.put(STATUS + "Active", "true");
        parameters.put(STATUS + "Value", "INACTIVE");
        parameters.put("ADD_Note_Active", "true");
        parameters.put("ADD_Note_Value", "Expired: marked inactive by the weekly job");
        JsonNode done = runToEnd(M148, parameters);
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");
        assertThat(counter(done, "Records processed")).isEqualTo("3");
        assertThat(counter(done, "Records updated")).isEqualTo("3");
        JsonNode marked = alma.getUser("expired-2w");
        assertThat(marked.path("status").path("value").asText()).isEqualTo("INACTIVE");
        assertThat(marked.path("status_date").asText()).isEqualTo("2024-08-01Z");
        assertThat(marked.path("user_note").get(0).path("note_text").asText())
                .isEqualTo("Expired: marked inactive by the weekly job");
        assertThat(marked.path("user_role")).as("everything else stays").hasSize(1);
        assertThat(alma.getUser("expired-3d").path("status").path("value").asText())
                .isEqualTo("ACTIVE");
        assertThat(alma.getUser("current").path("status").path("value").asText())
                .isEqualTo("ACTIVE");
        assertThat(alma.getJson("/almaws/v1/conf/sets/" + expiredWeekSet + "/members", Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .as("the logical set empties once its members are inactive")
                .isZero();
    }

    @Test
    void theJobMayTurnExternalUsersInternalAndSetDatesAndGroups() {
        String sisSet = set("SIS leavers", "account_type = EXTERNAL");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("set_id", sisSet);
        parameters.put("UPDATE_User_Information_Account_Type_Active", "true");
        parameters.put("UPDATE_User_Information_Account_Type_Value", "INTERNAL");
        parameters.put("UPDATE_User_Information_Expiry_Date_Active", "true");
        parameters.put("UPDATE_User_Information_Expiry_Date_Value", epochMillis(LocalDate.of(2025, 5, 31)));
        parameters.put("UPDATE_User_Information_Purge_Date_Active", "true");
        parameters.put("UPDATE_User_Information_Purge_Date_Value", epochMillis(LocalDate.of(2050, 1, 1)));
        parameters.put("UPDATE_User_Information_User_Group_Active", "true");
        parameters.put("UPDATE_User_Information_User_Group_Value", "ALUMNI");
        parameters.put("ADD_Block_Active", "true");
        parameters.put("ADD_Block_Value", "02");
        runToEnd(M148, parameters);
        JsonNode sis = alma.getUser("sis");
        assertThat(sis.path("account_type").path("value").asText()).isEqualTo("INTERNAL");
        assertThat(sis.path("external_id").asText())
                .as("an INTERNAL user's external id is empty")
                .isEmpty();
        assertThat(sis.path("expiry_date").asText()).isEqualTo("2025-05-31Z");
        assertThat(sis.path("purge_date").asText()).isEqualTo("2050-01-01Z");
        assertThat(sis.path("user_group").path("desc").asText()).isEqualTo("Alumni");
        assertThat(sis.path("user_block")
                        .get(0)
                        .path("block_description")
                        .path("value")
                        .asText())
                .isEqualTo("02");
    }

    @Test
    void usersHeldByAnotherJobAreReportedAsExceptions() {
        String illSet = set("ILL and leavers", "user_group in (ILL, UNDERGRAD)");
        alma.postJson("/almasim/v1/jobs/pause", Map.of(), null).isOk();
        alma.startJob(
                "/almaws/v1/conf/jobs/M26700", Map.of("user_group", "ILL", "number_of_days_after_purge_date", "0"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alma.getJson("/almasim/v1/users/ill-old/blockers", Map.of())
                        .json()
                        .path("deletion_blocked_by")
                        .toString()
                        .contains("JOB_LOCK"));
        // Submitted while runs are paused: it picks its users and holds the ones the purge does not hold.
        String instancePath =
                alma.startJob(M148, Map.of("set_id", illSet, STATUS + "Active", "true", STATUS + "Value", "INACTIVE"));
        // Resume only once M148 holds its own users, so it has chosen them while the purge still holds ill-old.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alma.getJson("/almasim/v1/users/expired-2w/blockers", Map.of())
                        .json()
                        .path("deletion_blocked_by")
                        .toString()
                        .contains("JOB_LOCK"));
        alma.postJson("/almasim/v1/jobs/resume", Map.of(), null).isOk();
        JsonNode done = alma.awaitFinished(instancePath);
        assertThat(Integer.parseInt(counter(done, "Records processed"))).isEqualTo(4);
        String path = done.path("link").asText().replaceAll(".*(/almaws)", "$1") + "/events";
        JsonNode events = alma.getJson(path, Map.of()).isOk().json();
        List<String> failed = StreamSupport.stream(events.path("event").spliterator(), false)
                .map(e -> e.path("user").path("value").asText())
                .toList();
        assertThat(failed).containsExactly("ill-old");
        assertThat(events.path("event").get(0).path("type").path("desc").asText())
                .isEqualTo("User Update Failed");
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_WARNING");
    }

    @Test
    void parametersFollowAlmasPatternOrTheRunIsRefused() {
        attemptRun(Map.of("set_id", expiredWeekSet)).hasAlmaError("402228");
        attemptRun(Map.of("set_id", expiredWeekSet, STATUS + "Active", "true")).hasAlmaError("402229");
        attemptRun(Map.of("set_id", expiredWeekSet, STATUS + "Active", "true", STATUS + "Value", "ASLEEP"))
                .hasAlmaError("40166410");
        attemptRun(Map.of(
                        "set_id",
                        expiredWeekSet,
                        "UPDATE_User_Information_Expiry_Date_Active",
                        "true",
                        "UPDATE_User_Information_Expiry_Date_Value",
                        "2024-01-01"))
                .hasAlmaError("40166410");
        attemptRun(Map.of(
                        "set_id",
                        expiredWeekSet,
                        "UPDATE_User_Information_Account_Type_Active",
                        "true",
                        "UPDATE_User_Information_Account_Type_Value",
                        "EXTERNAL"))
                .hasAlmaError("402229");
        attemptRun(Map.of(STATUS + "Active", "true", STATUS + "Value", "INACTIVE"))
                .hasAlmaError("402228");
        assertThat(alma.getJson(M148 + "/instances", Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
    }

    @Test
    void runTakesAlmasXmlParametersWithNullForUnused() {
        String xml = "<job><parameters>"
                + "<parameter><name>set_id</name><value>" + expiredWeekSet + "</value></parameter>"
                + "<parameter><name>" + STATUS + "Active</name><value>true</value></parameter>"
                + "<parameter><name>" + STATUS + "Value</name><value>INACTIVE</value></parameter>"
                + "<parameter><name>UPDATE_User_Information_User_Group_Active</name><value>false</value></parameter>"
                + "<parameter><name>UPDATE_User_Information_User_Group_Value</name><value>Null</value></parameter>"
                + "<parameter><name>job_name</name><value>Weekly inactive - via API</value></parameter>"
                + "</parameters></job>";
        String started = alma.send("POST", M148, Map.of("op", "run"), xml, AlmaClient.XML, AlmaClient.XML)
                .isOk()
                .body();
        String id = started.replaceAll("(?s).*/instances/(\\d+)\".*", "$1");
        assertThat(alma.awaitFinished(M148 + "/instances/" + id).path("name").asText())
                .isEqualTo("Weekly inactive - via API");
        assertThat(alma.getUser("expired-2w").path("status").path("value").asText())
                .isEqualTo("INACTIVE");
        assertThat(alma.getUser("expired-2w").path("user_group").path("value").asText())
                .isEqualTo("UNDERGRAD");
    }
}
