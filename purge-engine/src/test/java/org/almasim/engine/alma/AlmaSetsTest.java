package org.almasim.engine.alma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.almasim.engine.DemoAlma;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's sets: member changes go to Alma at most a thousand a call, as Alma takes them. */
class AlmaSetsTest {
    private final DemoAlma demo = DemoAlma.empty();

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void changingTwoThousandFiveHundredMembersSendsThreeCallsOfAtMostAThousand() {
        demo.sim.load(SyntheticPopulation.chunk(7, 0, 2_500, DemoAlma.FLVC_2024));
        List<String> ids = new AlmaUsers(demo.alma)
                .all().stream().map(u -> u.path("primary_id").asText()).toList();
        assertThat(ids).hasSize(2_500);
        AlmaSets sets = new AlmaSets(demo.alma);
        String id = sets.itemized("to purge", List.of());
        demo.sim.journal().clear();

        sets.changeMembers("to purge", ids, true);

        var posts = demo.sim.journal().find(Optional.of("POST"), Optional.of("/almaws/v1/conf/sets/" + id));
        assertThat(posts).as("2,500 members in calls of at most 1,000").hasSize(3);
        assertThat(posts).allSatisfy(post -> assertThat(post.status()).isEqualTo(200));
        assertThat(sets.membersOf("to purge").orElseThrow()).hasSize(2_500);

        sets.changeMembers("to purge", ids.subList(0, 1_200), false);
        assertThat(sets.membersOf("to purge").orElseThrow()).hasSize(1_300);
    }
}
