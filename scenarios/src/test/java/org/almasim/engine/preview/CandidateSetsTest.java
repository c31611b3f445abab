package org.almasim.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
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
        demo = DemoAlma.empty();
        demo.sim.load(SyntheticPopulation.chunk(7, 0, 2_000, DemoAlma.FLVC_2024));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private void logicalSet(String name, String query) {
        ObjectNode set = new ObjectMapper().createObjectNode().put("name", name);
        set.putObject("type").put("value", "LOGICAL");
        set.putObject("content").put("value", "USER");
        set.putObject("query").put("value", query);
        demo.alma.post("/almaws/v1/conf/sets", Map.of(), set);
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
}
