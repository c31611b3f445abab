package org.almasim.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A policy whose stages read only the members of logical candidate sets decides exactly as one that reads everyone. */
class CandidateSetsTest {
    private static final String OPAL = """
            name: OPAL lifecycle
            inactive: {expired_days: 7%s}
            purge: {by: expiry_date, older_than: P3Y%s}
            safety: {max_share: 0.9}
            """;
    private static final Policy EVERYONE = policy("", "");
    private static final Policy ON_SETS =
            policy(", candidates_set: Expired a week", ", candidates_set: Expired three years");

    private DemoAlma demo;

    private static Policy policy(String inactive, String purge) {
        return PolicyReader.read(OPAL.formatted(inactive, purge).getBytes(StandardCharsets.UTF_8), "opal.yaml");
    }

    @BeforeEach
    void library() {
        if (demo != null) {
            demo.close();
        }
        demo = DemoAlma.empty();
        demo.sim.load(SyntheticPopulation.chunk(7, 0, 2_000, DemoAlma.FLVC_2024));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private void logicalSet(String name, String query) {
        DemoAlma.logicalSet(demo.alma, name, query);
    }

    private static Map<String, Decision.Action> acted(PreviewReport report) {
        return report.decisions().stream()
                .filter(d -> d.action() != Decision.Action.KEEP)
                .collect(Collectors.toMap(Decision::primaryId, Decision::action));
    }

    @Test
    void readingOnlyTheCandidateSetsDecidesLikeReadingEveryone() {
        logicalSet("Expired a week", "expiry_date on_or_before today-7d and status = ACTIVE");
        logicalSet("Expired three years", "expiry_date before today-3y");
        PreviewReport everyone = Preview.of(EVERYONE, demo.alma, DemoAlma.FLVC_2024, 0);
        PreviewReport onSets = Preview.of(ON_SETS, demo.alma, DemoAlma.FLVC_2024, 0);
        assertThat(acted(everyone)).isNotEmpty();
        assertThat(acted(onSets)).isEqualTo(acted(everyone));
        assertThat(onSets.decisions()).hasSizeLessThan(everyone.decisions().size());
        assertThat(onSets.patrons())
                .as("the safety share is of the whole population")
                .isEqualTo(2_000);
        assertThat(onSets.counts())
                .isEqualTo(everyone.counts().entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey,
                                e -> e.getKey() == Decision.Action.KEEP
                                        ? onSets.counts().get(Decision.Action.KEEP)
                                        : e.getValue())));
    }

    @Test
    void aMissingCandidateSetIsAnErrorNotAnEmptySelection() {
        logicalSet("Expired a week", "expiry_date on_or_before today-7d and status = ACTIVE");
        // Refused before anything is read, with the policy's line and the sets the institution has.
        assertThatThrownBy(() -> Preview.of(ON_SETS, demo.alma, DemoAlma.FLVC_2024, 0))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(
                        "Expired three years: no such set of users in this institution; it has Expired a week.");
    }

    @Test
    void aCandidateSetsPurgeByTheJobLeavesLoansAndBalancesToAlmaAndEndsAsAPredictedRun() {
        logicalSet("Expired a week", "expiry_date on_or_before today-7d and status = ACTIVE");
        logicalSet("Expired three years", "expiry_date before today-3y");
        demo.sim.journal().clear();

        RunReport leftToAlma = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .run(ON_SETS, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
        List<String> afterLeftToAlma = users();
        long expandedReads = demo.sim.journal().find(Optional.of("GET"), Optional.of("/almaws/v1/users/*")).stream()
                .filter(e -> e.query().getOrDefault("expand", List.of()).contains("loans,fees"))
                .count();

        library();
        logicalSet("Expired a week", "expiry_date on_or_before today-7d and status = ACTIVE");
        logicalSet("Expired three years", "expiry_date before today-3y");
        RunReport predicted = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .predicting()
                .run(ON_SETS, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);

        assertThat(expandedReads)
                .as("candidates read with their loans and fees")
                .isZero();
        assertThat(leftToAlma.predicted()).isFalse();
        assertThat(leftToAlma.differences()).isEmpty();
        assertThat(predicted.predicted()).isTrue();
        assertThat(predicted.purge().heldBack())
                .as("blocked patrons the engine saw")
                .isNotEmpty();
        assertThat(leftToAlma.purge().heldBack()).isEmpty();
        assertThat(leftToAlma.purge().exceptions().keySet())
                .as("Alma's job refuses exactly the patrons the predicting run held back or saw refused")
                .isEqualTo(union(
                        predicted.purge().heldBack().keySet(),
                        predicted.purge().exceptions().keySet()));
        assertThat(afterLeftToAlma).as("the same library either way").isEqualTo(users());
    }

    @Test
    void aPatronAlmasJobRefusedIsSentAgainNextMonthWithoutBeingRead() {
        logicalSet("Expired three years", "expiry_date before today-3y");
        Policy monthlyPurge = PolicyReader.read("""
                name: OPAL monthly purge
                purge: {by: expiry_date, older_than: P3Y, candidates_set: Expired three years}
                safety: {max_share: 0.9}
                """.getBytes(StandardCharsets.UTF_8), "purge.yaml");
        PolicyRun run = new PolicyRun(demo.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE);
        RunReport first = run.run(monthlyPurge, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
        Set<String> refused = first.purge().exceptions().keySet();
        demo.sim.clock().set(DemoAlma.FLVC_2024.plusMonths(1));
        demo.sim.journal().clear();

        RunReport next = run.run(monthlyPurge, DemoAlma.FLVC_2024.plusMonths(1), PolicyRun.Mode.JOB);

        assertThat(refused).as("patrons Alma's job refused the first month").isNotEmpty();
        assertThat(demo.sim.journal().find(Optional.of("GET"), Optional.of("/almaws/v1/users/*")).stream()
                        .map(e -> e.path().substring("/almaws/v1/users/".length())))
                .as("none of them read again")
                .doesNotContainAnyElementsOf(refused);
        assertThat(next.purge().exceptions().keySet())
                .as("Alma refuses them again, with its reasons")
                .containsAll(refused);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Every user as Alma answers it, without the address the links carry (each library has a port of its own). */
    private List<String> users() {
        List<String> users = new ArrayList<>();
        new AlmaUsers(demo.alma)
                .matching(null)
                .forEachRemaining(u -> users.add(u.toString().replaceAll("http://[^/\"]+", "")));
        return users;
    }
}
