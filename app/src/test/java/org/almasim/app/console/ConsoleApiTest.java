package org.almasim.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's control plane over HTTP, as the page uses it: policies, runs, the clock with schedules, scenarios. */
class ConsoleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Simulator simulator;

    @BeforeEach
    void start() {
        simulator = Simulator.create(
                        SimulatorConfig.defaults().withToday(LocalDate.of(2024, 7, 31)), new TrainerConsole())
                .start(0);
        simulator.load(PopulationService.demo());
        simulator.clock().set(LocalDate.of(2024, 7, 31));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void thePageIsServedWithItsConsoleWhileAPlainSimulatorServesNoPage() throws Exception {
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console.js");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(TrainerConsole.CONTENT_SECURITY_POLICY);

        try (Simulator plain = Simulator.create(SimulatorConfig.defaults()).start(0)) {
            HttpResponse<String> none = HTTP.send(
                    HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aScheduledPolicyRunsWhenTheClockPassesItsDateAndTheHistoryKeepsIt() throws IOException {
        JsonNode overview = send("POST", "/console/policies/flvc-annual/schedule", "{\"scheduled\":true}");
        assertThat(overview.path("policies").get(0).path("scheduled").asBoolean())
                .isTrue();

        JsonNode outcome = send("POST", "/console/clock/advance", "{\"by\":\"day\"}");

        assertThat(outcome.path("today").asText()).isEqualTo("2024-08-01");
        assertThat(outcome.path("runs")).hasSize(1);
        JsonNode run = outcome.path("runs").get(0);
        assertThat(run.path("why").asText()).isEqualTo("scheduled");
        assertThat(run.path("purged").asInt()).as("the demo's five FLVC purges").isEqualTo(5);
        // Grouped by what patrons have in common, not their own numbers: one label for every count of loans.
        assertThat(run.path("exceptions_by_reason").path("active loans").asInt())
                .as("%s", run)
                .isPositive();
        run.path("exceptions_by_reason")
                .fieldNames()
                .forEachRemaining(label -> assertThat(label).doesNotContainPattern("[0-9]"));
        assertThat(outcome.path("narration").toString()).contains("FLVC annual patron purge");
        JsonNode history = send("GET", "/console/history", null);
        assertThat(history.path("runs")).hasSize(1);
        JsonNode last = history.path("status").get(history.path("status").size() - 1);
        assertThat(last.path("day").asText()).isEqualTo("2024-08-01");
        assertThat(last.path("by_status").path("ACTIVE").asInt()
                        + last.path("by_status").path("INACTIVE").asInt())
                .isEqualTo(send("GET", "/patrons/summary", null).path("total").asInt());
    }

    @Test
    void aRunFromTheConsoleIsFollowedToItsEndAndItsReportDownloads() throws IOException {
        send("PUT", "/clock", "{\"today\":\"2024-08-01\"}");
        JsonNode started = send("POST", "/console/policies/flvc-annual/runs", "{\"mode\":\"job\"}");
        String id = started.path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !send("GET", "/console/runs/" + id, null)
                        .path("state")
                        .asText()
                        .equals("RUNNING"));
        JsonNode run = send("GET", "/console/runs/" + id, null);
        assertThat(run.path("state").asText()).isEqualTo("DONE");
        assertThat(run.path("purged").asInt()).isEqualTo(5);
        assertThat(run.path("exception").has("flvc-with-loan")).isTrue();

        HttpResponse<String> csv = raw("GET", "/console/runs/" + id + "/report?format=csv", null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("flvc-with-loan");
        assertThat(raw("GET", "/console/runs/" + id + "/report?format=pdf", null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void nothingElseChangesTheLibraryWhileARunIsInProgress() throws IOException {
        send("PUT", "/clock", "{\"today\":\"2024-08-01\"}");
        send("POST", "/jobs/pause", "");
        String id = send("POST", "/console/policies/flvc-annual/runs", "{}")
                .path("id")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send("GET", "/jobs/instances", null)
                                .path("total_record_count")
                                .asInt()
                        > 0);

        assertAlmaError(raw("POST", "/console/clock/advance", "{\"by\":\"day\"}"), "in progress");
        assertAlmaError(raw("POST", "/console/policies/opal-lifecycle/runs", "{}"), "in progress");
        assertThat(send("GET", "/clock", null).path("today").asText()).isEqualTo("2024-08-01");

        send("POST", "/jobs/resume", "");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> send("GET", "/console/runs/" + id, null)
                        .path("state")
                        .asText()
                        .equals("DONE"));
    }

    @Test
    void aScenarioIsSteppedThroughWithItsNarration() throws IOException {
        JsonNode loaded = send("POST", "/console/scenarios/flvc-2022-2024", "");
        assertThat(loaded.path("scenario").path("next_step").asInt()).isZero();
        int steps = loaded.path("scenario").path("steps").asInt();
        assertThat(loaded.path("narration").toString()).contains("start:");

        JsonNode step = send("POST", "/console/scenario/step", "");
        assertThat(step.path("scenario").path("next_step").asInt()).isEqualTo(1);
        assertThat(step.path("failures")).isEmpty();
        for (int i = 1; i < steps; i++) {
            step = send("POST", "/console/scenario/step", "");
            assertThat(step.path("failures")).as("step %d", i).isEmpty();
        }
        assertThat(step.path("scenario").path("finished").asBoolean()).isTrue();
        assertThat(send("GET", "/console/history", null).path("runs").size()).isPositive();
        assertAlmaError(raw("POST", "/console/scenario/step", ""), "no more steps");

        // The story ends on FLVC's 2024 run day: Alma refused the patron with a PO line, and the preview remembers it.
        JsonNode preview = send("POST", "/console/policies/flvc-annual/preview", "");
        assertThat(preview.path("near_misses"))
                .as("%s", preview.path("near_misses"))
                .anySatisfy(near -> {
                    assertThat(near.path("primary_id").asText()).isEqualTo("po-line");
                    assertThat(near.path("reason").path("code").asText()).isEqualTo("REFUSED_BY_ALMA");
                    assertThat(near.path("reason")
                                    .path("parameters")
                                    .path("day")
                                    .asText())
                            .isEqualTo("2024-08-01");
                    assertThat(near.path("reason").path("sentence").asText())
                            .startsWith("refused by Alma on 2024-08-01: ")
                            .contains("PO lines");
                });
        assertThat(preview.path("reasons")).anySatisfy(reason -> {
            assertThat(reason.path("action").asText()).isEqualTo("PURGE");
            assertThat(reason.path("reason").asText()).isEqualTo("refused by Alma before");
            assertThat(reason.path("patrons").asInt()).isPositive();
        });
        assertThat(preview.path("reasons"))
                .as("kept patrons have their reasons too")
                .anySatisfy(reason -> assertThat(reason.path("action").asText()).isEqualTo("KEEP"));
        assertThat(preview.path("read").asInt())
                .as("a policy that reads everyone reads the whole library")
                .isEqualTo(preview.path("patrons").asInt());
    }

    @Test
    void mistakesGetAlmasErrorAndChangeNothing() throws IOException {
        assertAlmaError(raw("POST", "/console/policies/no-such-policy/preview", ""), "No shipped policy");
        assertAlmaError(raw("POST", "/console/clock/advance", "{\"by\":\"fortnight\"}"), "day, week, month or year");
        assertAlmaError(raw("POST", "/console/clock/advance", "{not json"), "");
        assertAlmaError(raw("POST", "/console/scenario/step", ""), "Load a scenario first");
        assertAlmaError(raw("POST", "/console/scenarios/no-such-scenario", ""), "No shipped scenario");
        assertAlmaError(raw("POST", "/console/policies/flvc-annual/runs", "{\"stages\":[\"everything\"]}"), "stages");
        assertAlmaError(raw("GET", "/console/runs/99", null), "No run 99");
        assertThat(send("GET", "/clock", null).path("today").asText()).isEqualTo("2024-07-31");
        assertThat(send("GET", "/patrons/summary", null).path("total").asInt()).isEqualTo(13);
        assertThat(send("GET", "/console/history", null).path("runs")).isEmpty();
    }

    @Test
    void aClockMoveThatAScheduledPolicyWouldRefuseIsRefusedBeforeTheClockMoves() throws IOException {
        // The demo library has none of the logical sets OPAL's shipped policy runs on.
        send("POST", "/console/policies/opal-lifecycle/schedule", "{\"scheduled\":true}");

        HttpResponse<String> refused = raw("POST", "/console/clock/advance", "{\"by\":\"month\"}");

        assertAlmaError(refused, "OPAL expired a week");
        assertThat(send("GET", "/clock", null).path("today").asText()).isEqualTo("2024-07-31");
        assertThat(send("GET", "/console/history", null).path("runs")).isEmpty();
    }

    @Test
    void aRunByHandIsHeldToTheSafetyLimitsItsPreviewShows() throws IOException {
        // A library whose patrons are all current: the policy selects nobody.
        send("POST", "/reset", null);
        send(
                "POST",
                "/population",
                "{\"users\":[{\"primary_id\":\"current\",\"account_type\":{\"value\":\"INTERNAL\"},"
                        + "\"expiry_date\":\"2030-01-01\",\"purge_date\":\"2030-01-01\"}]}");
        simulator.clock().set(LocalDate.of(2024, 8, 1));
        JsonNode preview = send("POST", "/console/policies/flvc-annual/preview", "");
        String id = send("POST", "/console/policies/flvc-annual/runs", "{}")
                .path("id")
                .asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !send("GET", "/console/runs/" + id, null)
                        .path("state")
                        .asText()
                        .equals("RUNNING"));
        JsonNode run = send("GET", "/console/runs/" + id, null);

        assertThat(preview.path("safety").toString())
                .as("%s", preview.path("counts"))
                .contains("selects nobody");
        assertThat(run.path("state").asText()).isEqualTo("REFUSED");
        assertThat(run.path("problem").asText()).contains("selects nobody");
    }

    @Test
    void aScenarioStepWhosePolicyWasUnscheduledIsRefusedInAlmasEnvelope() throws IOException {
        send("POST", "/console/scenarios/opal-four-years", "");
        send("POST", "/console/policies/opal-lifecycle/schedule", "{\"scheduled\":false}");

        HttpResponse<String> answer = raw("POST", "/console/scenario/step", "");
        for (int i = 0; i < 100 && answer.statusCode() == 200; i++) {
            if (JSON.readTree(answer.body()).path("scenario").path("finished").asBoolean()) {
                break;
            }
            answer = raw("POST", "/console/scenario/step", "");
        }

        assertAlmaError(answer, "not scheduled any more");
    }

    private static void assertAlmaError(HttpResponse<String> response, String words) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errorsExist").asBoolean()).isTrue();
        assertThat(body.path("errorList")
                        .path("error")
                        .get(0)
                        .path("errorMessage")
                        .asText())
                .contains(words);
    }

    @Test
    void eachInstitutionHasItsOwnConsoleAndARunInOneLeavesTheOthersLibraryAlone() throws IOException {
        String code = "01FALSC_UCF";
        simulator.addInstitution(Institution.Spec.of(code)).load(PopulationService.demo());
        String memberKey = ApiKeys.developmentKey(code);
        JsonNode homeBefore = send("GET", "/state/digest", null);

        String id = send(memberKey, "POST", "/console/policies/flvc-annual/runs", "{}")
                .path("id")
                .asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> send(memberKey, "GET", "/console/runs/" + id, null)
                        .path("state")
                        .asText()
                        .equals("DONE"));

        assertThat(send(memberKey, "GET", "/console/runs/" + id, null)
                        .path("purged")
                        .asInt())
                .as("the demo's five FLVC purges, in the member's library")
                .isEqualTo(5);
        assertThat(send(memberKey, "GET", "/patrons/summary", null)
                        .path("total")
                        .asInt())
                .isEqualTo(8);
        assertThat(send("GET", "/state/digest", null))
                .as("the default institution")
                .isEqualTo(homeBefore);
        assertThat(send("GET", "/patrons/summary", null).path("total").asInt()).isEqualTo(13);
        assertThat(send(memberKey, "GET", "/console/history", null).path("runs"))
                .hasSize(1);
        assertThat(send("GET", "/console/history", null).path("runs"))
                .as("the default institution's console ran nothing")
                .isEmpty();
    }

    @Test
    void theConsortiumsOneClockMovedInOneInstitutionRunsAnotherInstitutionsScheduleThere() throws IOException {
        String code = "01FALSC_UWF";
        simulator.addInstitution(Institution.Spec.of(code)).load(PopulationService.demo());
        simulator.clock().set(LocalDate.of(2024, 7, 31)); // the demo document names its own day
        String memberKey = ApiKeys.developmentKey(code);
        send(memberKey, "POST", "/console/policies/flvc-annual/schedule", "{\"scheduled\":true}");

        JsonNode outcome = send("POST", "/console/clock/advance", "{\"by\":\"day\"}");

        assertThat(outcome.path("today").asText()).isEqualTo("2024-08-01");
        assertThat(outcome.path("runs"))
                .as("what the clock move did, in the member that scheduled it")
                .singleElement()
                .satisfies(run -> assertThat(run.path("institution").asText()).isEqualTo(code));
        assertThat(send("GET", "/console/history", null).path("runs"))
                .as("the default institution scheduled nothing")
                .isEmpty();
        JsonNode memberRuns = send(memberKey, "GET", "/console/history", null).path("runs");
        assertThat(memberRuns).hasSize(1);
        assertThat(memberRuns.get(0).path("why").asText()).isEqualTo("scheduled");
        assertThat(send(memberKey, "GET", "/patrons/summary", null)
                        .path("total")
                        .asInt())
                .as("the demo's five FLVC purges, in the member that scheduled them")
                .isEqualTo(8);
        assertThat(send("GET", "/patrons/summary", null).path("total").asInt()).isEqualTo(13);
    }

    @Test
    void aConsortiumScenarioLoadedAtHomeGivesEachMemberItsOwnRunsChartsAndSchedule() throws IOException {
        JsonNode outcome = send("POST", "/console/scenarios/flvc-consortium", "");
        List<JsonNode> memberRuns = new ArrayList<>();
        while (!outcome.path("scenario").path("finished").asBoolean()) {
            outcome = send("POST", "/console/scenario/step", "");
            assertThat(outcome.path("failures")).isEmpty();
            outcome.path("runs").forEach(memberRuns::add);
        }
        assertThat(memberRuns)
                .as("each step's outcome names the runs it made in every member")
                .extracting(run -> run.path("institution").asText())
                .contains("01FALSC_FSU", "01FALSC_UCF", "01FALSC_UWF", "01FALSC_FGCU");

        String ucf = ApiKeys.developmentKey("01FALSC_UCF");
        JsonNode history = send(ucf, "GET", "/console/history", null);
        assertThat(history.path("runs"))
                .extracting(run -> run.path("day").asText())
                .containsExactly("2022-10-21", "2023-08-01", "2024-08-01");
        assertThat(history.path("runs"))
                .allSatisfy(run -> assertThat(run.path("institution").asText()).isEqualTo("01FALSC_UCF"));
        assertThat(history.path("status").size())
                .as("a point on every run's day, and the start")
                .isGreaterThanOrEqualTo(4);
        JsonNode lastPoint = history.path("status").get(history.path("status").size() - 1);
        assertThat(lastPoint.path("by_status").path("ACTIVE").asInt()
                        + lastPoint.path("by_status").path("INACTIVE").asInt())
                .isEqualTo(
                        send(ucf, "GET", "/patrons/summary", null).path("total").asInt());
        assertThat(send("GET", "/console/history", null).path("runs"))
                .as("the home library ran nothing: the members did")
                .isEmpty();

        // FSU's borrower kept the book all along: held back by the engine in all three runs, one patron in the chart.
        JsonNode fsu = send(ApiKeys.developmentKey("01FALSC_FSU"), "GET", "/console/history", null);
        assertThat(fsu.path("runs"))
                .filteredOn(run -> run.path("exception").has("with-loan"))
                .hasSize(3);
        assertThat(fsu.path("not_purged_by_reason")).anySatisfy(reason -> {
            assertThat(reason.path("reason").asText()).isEqualTo("active loans");
            assertThat(reason.path("held_back_by_engine").asInt()).isEqualTo(1);
            assertThat(reason.path("refused_by_alma").asInt()).isZero();
        });

        // The member's policy stays on its schedule there, and the overview calls each member by its name.
        assertThat(send(ucf, "GET", "/console", null).path("policies")).anySatisfy(policy -> {
            assertThat(policy.path("name").asText()).isEqualTo("flvc-annual");
            assertThat(policy.path("scheduled").asBoolean()).isTrue();
        });
        assertThat(send("GET", "/institutions/overview", null).path("institution"))
                .extracting(member -> member.path("name").asText())
                .contains("University of Central Florida", "Florida State University");
    }

    @Test
    void thePatronPageJudgesEachPatronByThePoliciesTheLibraryRuns() throws IOException {
        send("PUT", "/clock", "{\"today\":\"2024-08-01\"}");
        assertThat(send("GET", "/console/patrons/flvc-with-loan/verdicts", null).path("verdict"))
                .as("no policy scheduled: none to judge by")
                .isEmpty();
        send("POST", "/console/policies/flvc-annual/schedule", "{\"scheduled\":true}");

        JsonNode verdict = send("GET", "/console/patrons/flvc-with-loan/verdicts", null)
                .path("verdict")
                .get(0);
        assertThat(verdict.path("policy").asText()).isEqualTo("flvc-annual");
        assertThat(verdict.path("considered").asBoolean()).isTrue();
        assertThat(verdict.path("decision").path("action").asText()).isEqualTo("PURGE_BLOCKED");
        assertThat(verdict.path("decision").path("reasons").toString()).contains("1 active loan");
        // The same verdict the preview gives that patron.
        send("POST", "/console/policies/flvc-annual/preview", "");
        JsonNode blocked = send("GET", "/console/policies/flvc-annual/preview/decisions?action=PURGE_BLOCKED", null);
        assertThat(blocked.path("decision"))
                .anySatisfy(decision -> assertThat(decision).isEqualTo(verdict.path("decision")));

        assertAlmaError(raw("GET", "/console/patrons/nobody-at-all/verdicts", null), "nobody-at-all");
    }

    @Test
    void aPreviewOfAPolicyOnCandidateSetsSaysHowManyPatronsItRead() throws IOException {
        for (String[] set : new String[][] {
            {"OPAL expired a week", "expiry_date on_or_before today-7d and status = ACTIVE"},
            {"OPAL expired three years", "expiry_date before today-3y"},
            {"Community patrons", "user_group = COMMUNITY"}
        }) {
            sendAlma(
                    "POST",
                    "/conf/sets",
                    "{\"name\":\"" + set[0] + "\",\"type\":{\"value\":\"LOGICAL\"},"
                            + "\"content\":{\"value\":\"USER\"},\"query\":{\"value\":\"" + set[1] + "\"}}");
        }
        JsonNode preview = send("POST", "/console/policies/opal-lifecycle/preview", "");
        int counted = 0;
        for (JsonNode count : preview.path("counts")) {
            counted += count.asInt();
        }
        assertThat(preview.path("read").asInt())
                .isEqualTo(counted)
                .isLessThan(preview.path("patrons").asInt());
        assertThat(preview.path("candidate_sets"))
                .extracting(JsonNode::asText)
                .containsExactly("OPAL expired a week", "OPAL expired three years");
        assertThat(preview.path("safety").toString())
                .as("the share is of the whole library, not of those read")
                .doesNotContain("every patron");
    }

    private void sendAlma(String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/almaws/v1" + path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private JsonNode send(String method, String path, String body) throws IOException {
        return send(ApiKeys.DEVELOPMENT_KEY, method, path, body);
    }

    private JsonNode send(String key, String method, String path, String body) throws IOException {
        HttpResponse<String> response = raw(key, method, path, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 202);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> raw(String method, String path, String body) throws IOException {
        return raw(ApiKeys.DEVELOPMENT_KEY, method, path, body);
    }

    private HttpResponse<String> raw(String key, String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/almasim/v1" + path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "apikey " + key)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
