package org.almasim.engine.execution;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.PropertyRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine's promises, checked on generated populations (JUnit 5 and the project's seeded generator). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyPropertyTest {
    private static final LocalDate TODAY = DemoAlma.FLVC_2024;
    private static final int CASES = Integer.getInteger("almasim.engine.cases", 25);

    private final DemoAlma demo = DemoAlma.empty();
    private final AlmaClient alma = demo.alma;

    @AfterAll
    void stop() {
        demo.close();
    }

    /** A generated population (seed and size) and a policy variant. */
    record Case(long seed, int size, boolean byExpiry, String waiveThreshold, PolicyRun.Mode mode) {
        Policy policy() {
            String purge =
                    byExpiry ? "  by: expiry_date\n  older_than: P2Y\n" : "  cutoff_rule: july_1_previous_year\n";
            return PolicyReader.read(
                    ("""
                    name: generated
                    fixups:
                      copy_expiry_to_empty_purge_date: true
                    purge:
                    %s  waive_threshold: %s
                    safety:
                      allow_everyone: true
                      allow_nobody: true
                    """).formatted(purge, waiveThreshold).getBytes(StandardCharsets.UTF_8), "generated.yaml");
        }
    }

    @Test
    void theRunDeletesExactlyThePatronsThePreviewPredictedAndNeverOneWithAVisibleBlocker() {
        PropertyRunner.check(
                "a run purges exactly the patrons its preview predicted; every predicted exception survives",
                CASES,
                this::generate,
                this::predictedEqualsDone,
                c -> c.size() <= 1
                        ? List.of()
                        : List.of(new Case(c.seed(), c.size() / 2, c.byExpiry(), c.waiveThreshold(), c.mode())));
    }

    private Case generate(SplittableRandom random, int index) {
        return new Case(
                random.nextLong(),
                10 + random.nextInt(60),
                random.nextBoolean(),
                random.nextBoolean() ? "0" : "5",
                random.nextBoolean() ? PolicyRun.Mode.JOB : PolicyRun.Mode.PER_USER);
    }

    private Optional<String> predictedEqualsDone(Case c) {
        demo.reset();
        demo.sim.load(SyntheticPopulation.chunk(c.seed(), 0, c.size(), TODAY));
        Policy policy = c.policy();
        PreviewReport preview = Preview.of(policy, alma, TODAY, 0);
        Set<String> predictedPurged = ids(preview, Action.PURGE);
        Set<String> predictedBlocked = ids(preview, Action.PURGE_BLOCKED);
        RunReport report =
                new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(policy, TODAY, c.mode());
        Set<String> gone = new HashSet<>();
        for (Decision d : preview.decisions()) {
            if (!demo.exists(d.primaryId())) {
                gone.add(d.primaryId());
            }
        }
        if (!gone.equals(predictedPurged)) {
            return Optional.of("purged " + gone + " but the preview predicted " + predictedPurged);
        }
        if (!report.purge().heldBack().keySet().equals(predictedBlocked)) {
            return Optional.of("held back " + report.purge().heldBack().keySet() + " but the preview predicted "
                    + predictedBlocked);
        }
        if (!report.differences().isEmpty()) {
            return Optional.of("differences: " + report.differences());
        }
        return Optional.empty();
    }

    private static Set<String> ids(PreviewReport preview, Action action) {
        return preview.decisions().stream()
                .filter(d -> d.action() == action)
                .map(Decision::primaryId)
                .collect(Collectors.toSet());
    }
}
