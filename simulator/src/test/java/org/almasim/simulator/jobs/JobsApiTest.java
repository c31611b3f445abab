package org.almasim.simulator.jobs;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

class JobsApiTest extends SimulatorTest {
    private static final String PURGE = "/almaws/v1/conf/jobs/M26700";
    private static final String PURGE_SET = "/almaws/v1/conf/jobs/M26701";

    /** FLVC's 2024 run on 2024-08-01: one patron for each condition of the seed's list. */
    @Override
    protected void given() {
        alma.loadPopulation("""
                items:
                  - {barcode: B1, title: Florida waterways}
                users:
                  - {primary_id: expired, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, purge_date: 2023-06-30}
                  - {primary_id: closed-fine, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, purge_date: 2022-01-01}
                  - {primary_id: small-fine, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, purge_date: 2022-01-01}
                  - {primary_id: loan-and-fine, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}, purge_date: 2022-01-01}
                  - {primary_id: acquisitions, record_type: {value: STAFF}, account_type: {value: INTERNAL}, user_group: {value: STAFF}, purge_date: 2022-01-01}
                  - {primary_id: no-dates, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}}
                  - {primary_id: expiry-only, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, expiry_date: 2020-01-01}
                  - {primary_id: within-grace, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: UNDERGRAD}, purge_date: 2024-07-25}
                  - {primary_id: future, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: ILL}, purge_date: 2050-01-01}
                loans:
                  - {user: loan-and-fine, barcode: B1, loan_date: 2022-01-01}
                fees:
                  - {user: closed-fine, type: OVERDUEFINE, amount: 4.50, balance: 0}
                  - {user: small-fine, type: OVERDUEFINE, amount: 2.00}
                  - {user: loan-and-fine, type: LOSTITEMREPLACEMENTFEE, amount: 75}
                blockers:
                  - {user: acquisitions, kind: PO_LINE, detail: POL-9}
                """);
    }

    private AlmaResponse attemptRun(String job, Map<String, String> parameters) {
        return alma.attemptToRunJob(job, parameters);
    }

    private JsonNode runToEnd(String job, Map<String, String> parameters) {
        return alma.runJob(job, parameters);
    }

    private static String counter(JsonNode instance, String desc) {
        return AlmaClient.counter(instance, desc);
    }

    private boolean exists(String id) {
        return alma.attemptToGetUser(id).status() == 200;
    }

    @Test
    void purgeDeletesUsersPastTheirPurgeDateAndReportsEveryOtherWithAllItsReasons() {
        JsonNode done = runToEnd(PURGE, Map.of("number_of_days_after_purge_date", "14"));
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_WARNING");
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(counter(done, "Records processed")).isEqualTo("5");
        assertThat(counter(done, "Records with exceptions")).isEqualTo("3");
        assertThat(counter(done, "Users purged")).isEqualTo("2");
        assertThat(exists("expired")).isFalse();
        assertThat(exists("closed-fine")).as("closed fines never block").isFalse();
        assertThat(List.of(
                        "small-fine",
                        "loan-and-fine",
                        "acquisitions",
                        "no-dates",
                        "expiry-only",
                        "within-grace",
                        "future"))
                .allMatch(this::exists);

        JsonNode events = alma.getJson(done.path("link").asText().replaceAll(".*(/almaws)", "$1") + "/events", Map.of())
                .isOk()
                .json();
        assertThat(events.path("total_record_count").asInt()).isEqualTo(3);
        String loanAndFine = StreamSupport.stream(events.path("event").spliterator(), false)
                .filter(e -> e.path("user").path("value").asText().equals("loan-and-fine"))
                .findFirst()
                .orElseThrow()
                .path("description")
                .asText();
        assertThat(loanAndFine).contains("1 active loan").contains("active balance of 75.00 USD");
        assertThat(events.path("event").get(0).path("type").path("desc").asText())
                .isEqualTo("User Deletion Validation Failed");

        String csv = alma.send(
                        "GET",
                        "/almasim/v1/jobs/instances/" + done.path("id").asText() + "/report",
                        Map.of(),
                        null,
                        null,
                        null)
                .isOk()
                .body();
        assertThat(csv)
                .contains("Users - Purge Records," + done.path("id").asText() + ",COMPLETED_WARNING,5,3,2")
                .contains("User Deletion Validation Failed,acquisitions,User has PO lines assigned (POL-9).");
    }

    @Test
    void waiveThresholdIgnoresSmallBalances() {
        runToEnd(PURGE, Map.of("waive_threshold", "2.00", "user_group", "GRAD"));
        assertThat(exists("small-fine")).isFalse();
        assertThat(exists("loan-and-fine")).isTrue();
        assertThat(exists("expired")).as("another user group").isTrue();
    }

    @Test
    void recordTypeLimitsTheCandidates() {
        JsonNode done = runToEnd(PURGE, Map.of("record_type", "STAFF"));
        assertThat(counter(done, "Records processed")).isEqualTo("1");
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_WARNING");
    }

    @Test
    void purgeOnASetAppliesTheSameRulesToItsMembers() {
        String set = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Leavers\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"},"
                                + "\"query\":{\"value\":\"user_group in (UNDERGRAD, GRAD)\"}}")
                .isOk()
                .json()
                .path("id")
                .asText();
        JsonNode done = runToEnd(PURGE_SET, Map.of("set_id", set));
        assertThat(counter(done, "Records processed")).isEqualTo("7");
        assertThat(counter(done, "Records with exceptions")).isEqualTo("2");
        assertThat(List.of("expired", "closed-fine", "no-dates", "expiry-only", "within-grace"))
                .noneMatch(this::exists);
        assertThat(exists("future")).isTrue();
    }

    @Test
    void runsAreRefusedWithAlmasCodesWhenTheRequestIsWrong() {
        alma.postJson("/almaws/v1/conf/jobs/M999", Map.of("op", "run"), null).hasAlmaError("402216");
        alma.postJson("/almaws/v1/conf/jobs/purge", Map.of("op", "run"), null).hasAlmaError("402215");
        alma.postJson(PURGE, Map.of(), null).hasAlmaError("402220");
        alma.postJson(PURGE, Map.of("op", "abort"), null).hasAlmaError("402221");
        attemptRun(PURGE_SET, Map.of()).hasAlmaError("402228");
        attemptRun(PURGE_SET, Map.of("set_id", "Null")).hasAlmaError("402229");
        attemptRun(PURGE_SET, Map.of("set_id", "404")).hasAlmaError("60107");
        attemptRun(PURGE, Map.of("purge_everyone", "true")).hasAlmaError("402228");
        attemptRun(PURGE, Map.of("number_of_days_after_purge_date", "soon")).hasAlmaError("40166410");
        assertThat(alma.getJson(PURGE + "/instances", Map.of())
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isZero();
        assertThat(exists("expired")).isTrue();
    }

    @Test
    void aRunThatOverlapsARunningRunOfTheSameJobIsRefused() {
        alma.postJson("/almasim/v1/jobs/pause", Map.of(), null).isOk();
        String instance = alma.startJob(PURGE, Map.of());
        attemptRun(PURGE, Map.of()).hasAlmaError("60347");
        alma.postJson("/almasim/v1/jobs/resume", Map.of(), null).isOk();
        alma.awaitFinished(instance);
        attemptRun(PURGE, Map.of()).isOk();
    }

    @Test
    void aUserHeldByARunningJobRefusesApiWrites() {
        alma.postJson("/almasim/v1/jobs/pause", Map.of(), null).isOk();
        String path = alma.startJob(PURGE, Map.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alma.attemptToUpdateUser("small-fine", user("small-fine"), Map.of())
                                .status()
                        == 400);
        alma.attemptToUpdateUser("small-fine", user("small-fine"), Map.of()).hasAlmaError("401860");
        alma.attemptFeeAction(
                        "small-fine",
                        alma.fees("small-fine", Map.of())
                                .path("fee")
                                .get(0)
                                .path("id")
                                .asText(),
                        Map.of("op", "pay", "amount", "ALL", "method", "CASH"))
                .hasAlmaError("401652");
        assertThat(alma.attemptToDeleteUser("no-dates").status())
                .as("a user the job does not hold")
                .isEqualTo(204);
        alma.postJson("/almasim/v1/jobs/resume", Map.of(), null).isOk();
        alma.awaitFinished(path);
        alma.updateUser("small-fine", user("small-fine"));
    }

    @Test
    void atMostThreeJobsStartedThroughTheApiRunAtOnce() {
        alma.postJson("/almasim/v1/jobs/pause", Map.of(), null).isOk();
        String set = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Nobody\",\"type\":{\"value\":\"ITEMIZED\"}," + "\"content\":{\"value\":\"USER\"}}")
                .isOk()
                .json()
                .path("id")
                .asText();
        attemptRun(PURGE, Map.of("user_group", "ILL")).isOk();
        attemptRun(PURGE_SET, Map.of("set_id", set)).isOk();
        attemptRun(
                        "/almaws/v1/conf/jobs/M148",
                        Map.of("set_id", set, "ADD_Note_Active", "true", "ADD_Note_Value", "hello"))
                .isOk();
        attemptRun(PURGE, Map.of()).hasAlmaError("402222");
        alma.postJson("/almasim/v1/jobs/resume", Map.of(), null).isOk();
    }

    @Test
    void fiveRunsOfOneJobAnHourAtMost() {
        for (int i = 0; i < 5; i++) {
            runToEnd(PURGE, Map.of("user_group", "ILL"));
        }
        attemptRun(PURGE, Map.of("user_group", "ILL")).hasAlmaError("402223");
        JsonNode instances = alma.getJson(PURGE + "/instances", Map.of("status", "COMPLETED_SUCCESS"))
                .isOk()
                .json();
        assertThat(instances.path("total_record_count").asInt()).isEqualTo(5);
        alma.getJson(PURGE + "/instances", Map.of("status", "DONE")).hasAlmaError("40166410");
        alma.getJson(PURGE + "/instances", Map.of("submit_date_from", "yesterday"))
                .hasAlmaError("402217");
    }

    @Test
    void jobsAndInstancesSpeakXmlAndRunTakesAlmasXmlParameters() {
        String jobs = alma.get("/almaws/v1/conf/jobs", Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        assertThat(jobs).contains("<jobs total_record_count=\"3\">").contains("<name>Users - Purge Records</name>");
        String xml =
                "<job><parameters><parameter><name>user_group</name><value>ILL</value></parameter></parameters></job>";
        String started = alma.send("POST", PURGE, Map.of("op", "run"), xml, AlmaClient.XML, AlmaClient.XML)
                .isOk()
                .body();
        assertThat(started).contains("<additional_info link=\"");
        assertThat(started)
                .as("the parameters as Ex Libris' rest_job schema has them, each name an element")
                .containsPattern("<parameter><name[^>]*>user_group</name>")
                .doesNotContain("<parameter name=");
        for (String job : List.of("M26700", "M26701", "M148")) {
            String described = alma.get("/almaws/v1/conf/jobs/" + job, Map.of(), AlmaClient.XML)
                    .isOk()
                    .body();
            assertThat(described)
                    .as(job)
                    .containsPattern("<parameter><name[^>]*>[a-z_A-Z]+</name>")
                    .doesNotContain("<parameter name=");
        }
        String id = started.replaceAll("(?s).*/instances/(\\d+)\".*", "$1");
        JsonNode done = alma.awaitFinished(PURGE + "/instances/" + id);
        assertThat(done.path("status").path("value").asText()).isEqualTo("COMPLETED_SUCCESS");
        assertThat(alma.get(PURGE + "/instances/" + id, Map.of(), AlmaClient.XML)
                        .body())
                .contains("<status desc=\"Completed Successfully\">COMPLETED_SUCCESS</status>")
                .contains("<submitted_by desc=\"API\">exl_api</submitted_by>")
                .contains("<counters><counter>");
        alma.getJson("/almaws/v1/conf/jobs/M26701/instances/" + id, Map.of()).hasAlmaError("402218");
    }
}
