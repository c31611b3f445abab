package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Previews of the shipped policies over HTTP against a simulator holding the demo patrons (one per rule of the seeds). */
class PreviewTest {
    private static final LocalDate FLVC_2024 = DemoAlma.FLVC_2024;

    private DemoAlma demo;
    private Simulator sim;
    private AlmaClient alma;

    @BeforeEach
    void demo() {
        demo = DemoAlma.withDemoPatrons();
        sim = demo.sim;
        alma = demo.alma;
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private static Map<String, Action> actions(PreviewReport report) {
        return report.decisions().stream().collect(Collectors.toMap(Decision::primaryId, Decision::action));
    }

    @Test
    void flvc2024RunOnTheDemoPatronsFollowsEveryRuleOfTheSeed() {
        JsonNode before = alma.get("/almasim/v1/state/digest", Map.of());
        PreviewReport report = Preview.of(PolicyReader.load("flvc-annual"), alma, FLVC_2024, 30);
        Map<String, Action> actions = actions(report);
        assertThat(actions)
                .containsEntry("flvc-expired-2022", Action.PURGE)
                .containsEntry("flvc-no-purge-date", Action.PURGE)
                .containsEntry("flvc-no-dates", Action.KEEP)
                .containsEntry("flvc-with-loan", Action.PURGE_BLOCKED)
                .containsEntry("flvc-with-balance", Action.PURGE_BLOCKED)
                .containsEntry("flvc-closed-fine", Action.PURGE)
                .containsEntry("flvc-ill-dept", Action.FIX_DATES)
                .containsEntry("flvc-dummy-desk", Action.KEEP)
                .containsEntry("opal-expired-last-week", Action.KEEP)
                .containsEntry("current-student", Action.KEEP);
        Decision noPurgeDate = report.decisions().stream()
                .filter(d -> d.primaryId().equals("flvc-no-purge-date"))
                .findFirst()
                .orElseThrow();
        assertThat(noPurgeDate.newPurgeDate()).contains(LocalDate.of(2022, 12, 15));
        Decision balance = report.decisions().stream()
                .filter(d -> d.primaryId().equals("flvc-with-balance"))
                .findFirst()
                .orElseThrow();
        assertThat(balance.blockers()).extracting(Reason::code).containsExactly(ReasonCode.ACTIVE_BALANCE);
        assertThat(balance.blockers().get(0).sentence()).contains("active balance of 75");
        assertThat(report.counts().get(Action.PURGE)).isEqualTo(5);
        assertThat(report.nearMisses())
                .extracting(PreviewReport.NearMiss::primaryId)
                .contains("flvc-with-loan", "flvc-with-balance");
        assertThat(report.safe()).isTrue();
        assertThat(alma.get("/almasim/v1/state/digest", Map.of()))
                .as("a preview writes nothing")
                .isEqualTo(before);
    }

    @Test
    void patronsAreListedInTheOrderPeopleReadTheirIds() {
        for (String id : List.of("order-10", "order-2", "order-1")) {
            ObjectNode user = AlmaJson.MAPPER.createObjectNode().put("primary_id", id);
            user.putObject("account_type").put("value", "INTERNAL");
            alma.post("/almaws/v1/users", Map.of(), user);
        }

        List<String> listed = Preview.of(PolicyReader.load("flvc-annual"), alma, FLVC_2024, 30).decisions().stream()
                .map(Decision::primaryId)
                .filter(id -> id.startsWith("order-"))
                .toList();

        assertThat(listed).containsExactly("order-1", "order-2", "order-10");
    }

    @Test
    void opalPreviewMarksRecentlyExpiredInactiveAndKeepsTheCommunitySet() {
        demo.itemizedSet("Community patrons", List.of("opal-community"));
        demo.opalCandidateSets();
        PreviewReport report = Preview.of(PolicyReader.load("opal-lifecycle"), alma, FLVC_2024, 30);
        Map<String, Action> actions = actions(report);
        assertThat(actions)
                .containsEntry("opal-expired-4y", Action.PURGE)
                .containsEntry("opal-community", Action.KEEP)
                .containsEntry("opal-expired-last-week", Action.MARK_INACTIVE)
                .containsEntry("flvc-expired-2022", Action.MARK_INACTIVE)
                .as("a patron in neither candidate set is kept, and not listed")
                .doesNotContainKey("current-student");
    }

    @Test
    void theCommandPrintsThePreviewInEachFormatUsingTheSimulatorsDate() throws Exception {
        String text = run(
                "policy",
                "preview",
                "--policy",
                "flvc-annual",
                "--alma-url",
                sim.baseUrl(),
                "--api-key",
                ApiKeys.DEVELOPMENT_KEY);
        assertThat(text)
                .startsWith("Preview of \"FLVC annual patron purge\" as of 2024-08-01 (nothing was changed)")
                .contains("PURGE_BLOCKED  flvc-with-loan")
                .contains("- neither an expiry date nor a purge date: never purged");
        String csv = run(
                "policy",
                "preview",
                "--policy",
                "flvc-annual",
                "--alma-url",
                sim.baseUrl(),
                "--api-key",
                ApiKeys.DEVELOPMENT_KEY,
                "--format",
                "csv");
        assertThat(csv.lines().findFirst())
                .contains("primary_id,action,new_expiry_date,new_purge_date,reason_codes,reasons");
        assertThat(csv).contains("flvc-ill-dept,FIX_DATES,2050-01-01,2050-01-01,FIXED_DATES NOT_BEFORE_CUTOFF,");
        demo.itemizedSet("Community patrons", List.of("opal-community"));
        demo.opalCandidateSets();
        JsonNode json = new ObjectMapper()
                .readTree(run(
                        "policy",
                        "preview",
                        "--policy",
                        "opal-lifecycle",
                        "--alma-url",
                        sim.baseUrl(),
                        "--api-key",
                        ApiKeys.DEVELOPMENT_KEY,
                        "--format",
                        "json",
                        "--as-of",
                        "2025-08-01"));
        assertThat(json.path("as_of").asText()).isEqualTo("2025-08-01");
        assertThat(json.path("patrons").asInt()).isEqualTo(13);
        JsonNode community = StreamSupport.stream(json.path("decisions").spliterator(), false)
                .filter(d -> d.path("primary_id").asText().equals("opal-community"))
                .findFirst()
                .orElseThrow();
        assertThat(community.path("reasons").get(0).path("code").asText()).isEqualTo("PROTECTED_SET");
        assertThat(community
                        .path("reasons")
                        .get(0)
                        .path("parameters")
                        .path("set")
                        .asText())
                .isEqualTo("Community patrons");
        assertThat(community.path("reasons").get(0).path("sentence").asText())
                .contains("protected set \"Community patrons\"");
    }

    @Test
    void diffShowsWhoTwoPoliciesOrTwoDaysTreatDifferently() {
        demo.itemizedSet("Community patrons", List.of("opal-community"));
        demo.opalCandidateSets();
        String policies = run(
                "policy",
                "diff",
                "--policy",
                "flvc-annual",
                "--against",
                "opal-lifecycle",
                "--alma-url",
                sim.baseUrl(),
                "--api-key",
                ApiKeys.DEVELOPMENT_KEY);
        assertThat(policies)
                .contains("A: FLVC annual patron purge as of 2024-08-01")
                .contains("flvc-expired-2022: PURGE -> MARK_INACTIVE")
                .contains("  B: expiry date 2022-05-31 is not before the cut-off 2021-08-01");
        String days = run(
                "policy",
                "diff",
                "--policy",
                "flvc-annual",
                "--alma-url",
                sim.baseUrl(),
                "--api-key",
                ApiKeys.DEVELOPMENT_KEY,
                "--against-as-of",
                "2024-08-02");
        assertThat(days).contains("flvc-expired-2022: PURGE -> KEEP").contains("no purge run on 2024-08-02");
        String same = run(
                "policy",
                "diff",
                "--policy",
                "flvc-annual",
                "--alma-url",
                sim.baseUrl(),
                "--api-key",
                ApiKeys.DEVELOPMENT_KEY);
        assertThat(same).contains("0 of 13 patrons are treated differently.");
    }

    @Test
    void theCommandExplainsABadPolicyOrARefusingAlma() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AlmasimCommand())
                .setErr(new PrintWriter(err))
                .setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(
                        "policy", "preview", "--policy", "no-such", "--alma-url", sim.baseUrl(), "--api-key", "k"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Cannot use no-such").contains("no shipped policy");
        assertThat(cli.execute(
                        "policy",
                        "preview",
                        "--policy",
                        "flvc-annual",
                        "--alma-url",
                        sim.baseUrl(),
                        "--api-key",
                        "wrong"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("Alma refused: UNAUTHORIZED");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new AlmasimCommand())
                .setOut(new PrintWriter(out))
                .execute(args);
        assertThat(exit).as("exit code of almasim %s", String.join(" ", args)).isZero();
        return out.toString();
    }
}
