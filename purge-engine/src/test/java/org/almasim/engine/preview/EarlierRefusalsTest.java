package org.almasim.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.evaluation.ReasonCode;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blocker Alma's API does not show (a PO line) is not forgotten: once the purge job has refused a patron for it, the
 * next preview reports that patron as refused by Alma, with the day and Alma's reason, among the near misses too; the
 * next run counts the refusal as expected, not as a difference from its plan. (The shipped FLVC story checks the same
 * across a year: its 2024 run has no differences from its plan.)
 */
class EarlierRefusalsTest {
    private final DemoAlma demo = DemoAlma.withDemoPatrons();

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void aPatronAlmaRefusedForAPoLineIsReportedAsRefusedBeforeNotAsAPlainPurge() {
        ObjectNode blockers = new ObjectMapper().createObjectNode();
        blockers.putArray("blocker").addObject().put("kind", "PO_LINE").put("detail", "POL-7");
        demo.control.replaceBlockers("flvc-expired-2022", blockers);
        Policy flvc = PolicyReader.load("flvc-annual");

        Decision before = decision(Preview.of(flvc, demo.alma, DemoAlma.FLVC_2024, 30), "flvc-expired-2022");
        assertThat(before.action()).isEqualTo(Decision.Action.PURGE);
        assertThat(before.reasons()).extracting(Reason::code).doesNotContain(ReasonCode.REFUSED_BY_ALMA);
        RunReport first = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .run(flvc, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
        assertThat(first.purge().exceptions()).containsKey("flvc-expired-2022");
        assertThat(first.differences())
                .anyMatch(d -> d.startsWith("flvc-expired-2022: refused by Alma, which the engine did not foresee"));

        // FLVC purges on its scheduled days only: the next preview of that day (a rerun) is the one to look at.
        PreviewReport next = Preview.of(flvc, demo.alma, DemoAlma.FLVC_2024, 30);
        Reason expected = Reason.of(
                ReasonCode.REFUSED_BY_ALMA,
                "day",
                DemoAlma.FLVC_2024,
                "alma_reason",
                "User has PO lines assigned (POL-7).");
        assertThat(expected.sentence())
                .isEqualTo("refused by Alma on " + DemoAlma.FLVC_2024 + ": User has PO lines assigned (POL-7).");
        assertThat(next.refusedBefore()).containsEntry("flvc-expired-2022", expected);
        assertThat(decision(next, "flvc-expired-2022").reasons()).contains(expected);
        assertThat(next.nearMisses()).contains(new PreviewReport.NearMiss("flvc-expired-2022", expected));

        RunReport again = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .run(flvc, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
        assertThat(again.planned()).containsEntry("expected_exceptions", 1);
        assertThat(again.differences()).noneMatch(d -> d.startsWith("flvc-expired-2022"));
    }

    private static Decision decision(PreviewReport report, String id) {
        return report.decisions().stream()
                .filter(d -> d.primaryId().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
