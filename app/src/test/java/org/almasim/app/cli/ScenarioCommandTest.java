package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code almasim scenario run}'s exit codes: 0 when every expectation holds, 1 when one does not, 2 for a bad file. */
class ScenarioCommandTest {
    private static int almasim(String... args) {
        return new CommandLine(new AlmasimCommand()).execute(args);
    }

    private static final String SCENARIO = """
            name: one patron
            start: 2024-01-01
            population:
              users: [{primary_id: p1, record_type: {value: PUBLIC}, account_type: {value: INTERNAL}, user_group: {value: GRAD}}]
            timeline:
              - expect: [{count: %d}]
            """;

    @Test
    void aScenarioWhoseExpectationsHoldExitsZero(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("ok.yaml"), SCENARIO.formatted(1));
        assertThat(almasim("scenario", "run", file.toString())).isZero();
    }

    @Test
    void aScenarioWithAFailedExpectationExitsOne(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("fails.yaml"), SCENARIO.formatted(2));
        assertThat(almasim("scenario", "run", file.toString())).isEqualTo(1);
    }

    @Test
    void aScenarioThatCannotBeReadExitsTwo(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.yaml"), "name: x\n");
        assertThat(almasim("scenario", "run", file.toString(), "no-such-scenario"))
                .isEqualTo(2);
    }
}
