package org.almasim.simulator.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.almasim.simulator.support.PropertyRunner;
import org.junit.jupiter.api.Test;

/** The property runner reports a broken invariant with its seed, the case shrunk, and what the case threw. */
class PropertyRunnerTest {
    @Test
    void aFailingCaseIsShrunkAndKeepsItsStackTrace() {
        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> PropertyRunner.check(
                        "no number above 10 divides by zero",
                        50,
                        (random, index) -> 11 + random.nextInt(1000),
                        (Integer n) -> {
                            if (n > 10) {
                                throw new IllegalStateException("divided " + n + " by zero");
                            }
                            return Optional.empty();
                        },
                        n -> n > 11 ? List.of(n - 1) : List.of()));
        assertThat(failure.getMessage())
                .contains("no number above 10 divides by zero")
                .contains("-Dalmasim.property.seed=" + PropertyRunner.SEED)
                .contains("shrunk in")
                .contains("steps to: 11");
        assertThat(failure.getCause())
                .as("the shrunk case's own exception, with its stack trace")
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("divided 11 by zero");
        assertThat(failure.getCause().getStackTrace()).isNotEmpty();
    }
}
