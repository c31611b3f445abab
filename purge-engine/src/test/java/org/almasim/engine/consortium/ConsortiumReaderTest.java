package org.almasim.engine.consortium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.almasim.engine.policy.PolicyException;
import org.junit.jupiter.api.Test;

class ConsortiumReaderTest {
    private static Consortium read(String yaml) {
        return ConsortiumReader.read(yaml.getBytes(StandardCharsets.UTF_8), "flvc.yaml");
    }

    @Test
    void aMemberNamesItsAlmaAndWhereItsKeyIsKeptNeverTheKey() {
        Consortium consortium = read("""
                name: FLVC
                members:
                  - code: 01FALSC_FSU
                    alma_url: https://api-na.hosted.exlibrisgroup.com
                    api_key_env: FSU_ALMA_KEY
                    protect_sets: [FSU staff]
                """);
        assertThat(consortium.membersAtOnce()).as("default").isEqualTo(2);
        Consortium.Member fsu = consortium.members().get(0);
        assertThat(fsu.name()).as("the code when no name is given").isEqualTo("01FALSC_FSU");
        assertThat(fsu.keySource()).isEqualTo("environment variable FSU_ALMA_KEY");
        assertThat(fsu.protectSets()).containsExactly("FSU staff");
    }

    @Test
    void everyProblemIsToldAtOnceWithItsLine() {
        assertThatThrownBy(() -> read("""
                        name: FLVC
                        members:
                          - code: 01FALSC_FSU
                            alma_url: https://alma.example.edu
                            api_key: l8xxsecret
                          - code: fsu
                            alma_url: https://alma.example.edu
                            api_key_env: K
                        """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 5")
                .hasMessageContaining("api_key")
                .hasMessageContaining("line 6");
    }

    @Test
    void aMemberListedTwiceIsRefused() {
        assertThatThrownBy(() -> read("""
                        name: FLVC
                        members:
                          - {code: 01FALSC_FSU, alma_url: "https://a.example.edu", api_key_env: A}
                          - {code: 01FALSC_FSU, alma_url: "https://b.example.edu", api_key_env: B}
                        """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("listed twice");
    }
}
