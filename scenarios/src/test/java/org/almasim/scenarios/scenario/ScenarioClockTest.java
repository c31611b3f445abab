package org.almasim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A scenario's clock only moves forward, whether by a period or to a date. */
class ScenarioClockTest {
    private static Scenario read(String yaml) {
        return ScenarioReader.read(yaml.getBytes(StandardCharsets.UTF_8), "clock.yaml");
    }

    @Test
    void aDateBeforeTheClocksDayIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("""
                        name: backwards
                        start: 2024-07-15
                        timeline:
                          - advance_to: 2024-06-01
                        """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("2024-06-01 is not after 2024-07-15");
    }

    @Test
    void aDateBeforeWherePeriodsBroughtTheClockIsRefusedToo() {
        assertThatThrownBy(() -> read("""
                        name: backwards after a period
                        start: 2024-01-01
                        timeline:
                          - advance: P1Y
                          - advance_to: 2024-12-31
                        """))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("2024-12-31 is not after 2025-01-01");
    }

    @Test
    void aClockThatMovesForwardIsTaken() {
        Scenario scenario = read("""
                name: forward
                start: 2024-01-01
                timeline:
                  - advance: P1M
                  - advance_to: 2024-03-01
                """);

        assertThat(scenario.timeline()).hasSize(2);
    }

    @Test
    void aPeriodThatIsNotOneIsToldInWords() {
        assertThatThrownBy(() -> read("""
                        name: odd period
                        start: 2024-01-01
                        timeline:
                          - advance: P1Z
                        """))
                .hasMessageContaining("line 4")
                .hasMessageContaining("must be a period such as P7D")
                .hasMessageNotContaining("regex");
    }
}
