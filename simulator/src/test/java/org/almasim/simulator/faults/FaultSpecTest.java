package org.almasim.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-line form of a fault rule, as {@code serve --fault} takes it. */
class FaultSpecTest {
    @Test
    void aLineReadsAsTheRuleItNamesAndIsWrittenBackTheSame() {
        String line = "HTTP_503:method=DELETE,path=/almaws/v1/users/*,probability=0.25,count=3";

        FaultRule rule = FaultSpec.parse(line);

        assertThat(rule)
                .isEqualTo(FaultRule.of(Fault.HTTP_503)
                        .onMethod("DELETE")
                        .onPath("/almaws/v1/users/*")
                        .withProbability(0.25)
                        .times(3));
        assertThat(FaultSpec.format(rule)).isEqualTo(line);
    }

    @Test
    void aMistakeIsNamedNotIgnored() {
        assertThatThrownBy(() -> FaultSpec.parse("HTTP_999")).hasMessageContaining("Unknown fault 'HTTP_999'");
        assertThatThrownBy(() -> FaultSpec.parse("SLOW")).hasMessageContaining("delay_ms");
        assertThatThrownBy(() -> FaultSpec.parse("HTTP_503:methd=GET")).hasMessageContaining("Unknown key 'methd'");
        assertThatThrownBy(() -> FaultSpec.parse("HTTP_503:count=many"))
                .hasMessageContaining("'count' must be a number");
        assertThatThrownBy(() -> FaultSpec.parse("HTTP_503:path=/users/*")).hasMessageContaining("/almaws/v1");
    }

    @Test
    void aPathPatternMatchesOneSegmentPerStarAndAnyRestForTwo() {
        FaultRule oneSegment = FaultRule.of(Fault.HTTP_500).onPath("/almaws/v1/users/*");
        FaultRule anyRest = FaultRule.of(Fault.HTTP_500).onPath("/almaws/v1/users/**");

        assertThat(oneSegment.matches("GET", "/almaws/v1/users/jdoe", Optional.empty()))
                .isTrue();
        assertThat(oneSegment.matches("GET", "/almaws/v1/users/jdoe/fees", Optional.empty()))
                .isFalse();
        assertThat(anyRest.matches("GET", "/almaws/v1/users/jdoe/fees", Optional.empty()))
                .isTrue();
    }
}
