package org.almasim.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.Test;

/**
 * The trainer console's patron page judges one patron by a policy ({@link Preview#one}); the preview judges everyone.
 * They are one judgement: for every patron the page's verdict is the preview's decision, reasons and all.
 */
class OnePatronTest {
    private static final String PURGE_JOB = AlmaJobs.Ids.ALMASIM.purgeOnSet();

    @Test
    void everyPatronsVerdictIsThePreviewsDecisionForThatPatron() {
        try (DemoAlma demo = DemoAlma.withDemoPatrons()) {
            Policy flvc = PolicyReader.load("flvc-annual");
            PreviewReport preview = Preview.of(flvc, demo.alma, DemoAlma.FLVC_2024, 30);
            assertThat(preview.decisions()).hasSizeGreaterThan(5);
            for (Decision decision : preview.decisions()) {
                assertThat(Preview.one(flvc, demo.alma, DemoAlma.FLVC_2024, decision.primaryId(), PURGE_JOB))
                        .as(decision.primaryId())
                        .contains(decision);
            }
        }
    }

    @Test
    void aPatronOutsideTheCandidateSetsIsNotConsideredAndOneAlmaRefusedIsNeverShownAsPurged() {
        try (DemoAlma demo = DemoAlma.empty()) {
            demo.sim.load(SyntheticPopulation.chunk(11, 0, 400, DemoAlma.FLVC_2024));
            DemoAlma.logicalSet(demo.alma, "Expired three years", "expiry_date before today-3y");
            Policy monthly = PolicyReader.read("""
                    name: OPAL monthly purge
                    purge: {by: expiry_date, older_than: P3Y, candidates_set: Expired three years}
                    safety: {max_share: 0.9}
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "purge.yaml");
            var first = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                    .run(monthly, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
            List<String> refused = List.copyOf(first.purge().exceptions().keySet());
            assertThat(refused).as("patrons Alma's job refused").isNotEmpty();

            PreviewReport preview = Preview.of(monthly, demo.alma, DemoAlma.FLVC_2024, 30);
            for (Decision decision : preview.decisions()) {
                assertThat(Preview.one(monthly, demo.alma, DemoAlma.FLVC_2024, decision.primaryId(), PURGE_JOB))
                        .as(decision.primaryId())
                        .contains(decision);
            }
            for (String id : refused) {
                Decision again = Preview.one(monthly, demo.alma, DemoAlma.FLVC_2024, id, PURGE_JOB)
                        .orElseThrow();
                assertThat(again.action() == Decision.Action.PURGE_BLOCKED
                                || again.reasons().stream().anyMatch(r -> r.code() == ReasonCode.REFUSED_BY_ALMA))
                        .as("%s, refused by Alma last month, is never shown as simply purged: %s", id, again)
                        .isTrue();
            }

            String notInTheSet = new AlmaUsers(demo.alma)
                    .all().stream()
                            .map(user -> user.path("primary_id").asText())
                            .filter(id -> preview.decisions().stream()
                                    .noneMatch(d -> d.primaryId().equals(id)))
                            .findFirst()
                            .orElseThrow();
            assertThat(Preview.one(monthly, demo.alma, DemoAlma.FLVC_2024, notInTheSet, PURGE_JOB))
                    .as("the policy reads only its candidate set")
                    .isEmpty();
        }
    }
}
