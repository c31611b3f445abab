package org.almasim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every shipped scenario, played end to end on its own simulator over HTTP: each is a test of its own. */
class ShippedScenariosTest {

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioHoldsItsExpectations() {
        return ScenarioReader.SHIPPED.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    ByteArrayOutputStream narration = new ByteArrayOutputStream();
                    ScenarioResult result = new ScenarioRunner(new PrintStream(narration, true, StandardCharsets.UTF_8))
                            .run(ScenarioReader.load(name));
                    assertThat(result.failures())
                            .as(narration.toString(StandardCharsets.UTF_8))
                            .isEmpty();
                    assertThat(result.expectations())
                            .as("a scenario that checks nothing pins nothing")
                            .isPositive();
                }));
    }

    @Test
    void opalsStoryTellsWhatChangedAndCountsTheMonthsThatChangedNothing() {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        new ScenarioRunner(new PrintStream(narration, true, StandardCharsets.UTF_8))
                .run(ScenarioReader.load("opal-four-years"));
        String told = narration.toString(StandardCharsets.UTF_8);

        // The patron with a loan is refused by Alma every month for three years: told when it starts, not 40 times.
        assertThat(told.lines().filter(line -> line.contains("with-loan-2018 (User has 1 active loan.)")))
                .hasSizeLessThanOrEqualTo(4);
        assertThat(told).containsPattern("\\d+ scheduled runs since the last one told changed nothing");
    }

    @Test
    void everyScenarioFileIsShipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios"))) {
            assertThat(files.map(f -> f.getFileName().toString().replace(".yaml", "")))
                    .containsExactlyInAnyOrderElementsOf(ScenarioReader.SHIPPED);
        }
    }
}
