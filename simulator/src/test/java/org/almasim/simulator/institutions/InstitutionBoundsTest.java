package org.almasim.simulator.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Institutions a client adds are bounded, and a refused creation leaves nothing behind. */
class InstitutionBoundsTest {
    private final RunningSimulator sim = RunningSimulator.start(SimulatorConfig.defaults()
            .withToday(RunningSimulator.TODAY)
            .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY))
            .withMaxInstitutions(3));
    private final AlmaClient alma = sim.client;

    @AfterEach
    void stop() {
        sim.close();
    }

    private AlmaResponse add(String body) {
        return alma.postJson("/almasim/v1/institutions", Map.of(), body);
    }

    private List<String> codes() {
        return sim.simulator.institutions().stream().map(i -> i.code()).toList();
    }

    @Test
    void noMoreInstitutionsThanTheBoundAreMade() {
        assertThat(add("{\"code\":\"01BOUND_A\"}").status()).isEqualTo(200);
        assertThat(add("{\"code\":\"01BOUND_B\"}").status()).isEqualTo(200);

        AlmaResponse third = add("{\"code\":\"01BOUND_C\"}");

        assertThat(third.status()).isEqualTo(400);
        assertThat(third.body()).contains("at most 3 institutions");
        assertThat(codes()).hasSize(3).doesNotContain("01BOUND_C");
    }

    @Test
    void aRefusedCreationLeavesNothingAndTheSameCodeCanBeMadeAfterwards() {
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 30; i++) {
            for (String body : List.of(
                    "{\"code\":\"01BOUND_X\",\"api_keys\":[\"\"]}",
                    "{\"code\":\"01BOUND_X\",\"api_keys\":[\"has space\"]}",
                    "{\"code\":\"01BOUND_X\",\"population\":\"synthetic:abc\"}",
                    "{\"code\":\"01BOUND_X\",\"population\":\"synthetic:99999999\"}",
                    "{\"code\":\"01BOUND_X\",\"population\":\"/etc/passwd\"}")) {
                assertThat(add(body).status()).as(body).isEqualTo(400);
            }
        }

        assertThat(codes()).containsExactly("01ALMASIM_INST");
        assertThat(Thread.activeCount()).isLessThan(threadsBefore + 10);
        assertThat(add("{\"code\":\"01BOUND_X\",\"api_keys\":[\"bound-x-key\"],\"population\":\"synthetic:3\"}")
                        .status())
                .isEqualTo(200);
        assertThat(alma.withKey("bound-x-key")
                        .getJson("/almaws/v1/users", Map.of())
                        .isOk()
                        .json()
                        .path("total_record_count")
                        .asInt())
                .isEqualTo(3);
    }
}
