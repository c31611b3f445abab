package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.almasim.simulator.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A command that cannot do its work says why in one line, with an exit code, and never echoes a file it could not use. */
class CliErrorsTest {
    @TempDir
    Path folder;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AlmasimCommand.commandLine();
        cli.setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void aBusyPortIsOneLineAndExitCodeThree() {
        try (Simulator taken = Simulator.create(Simulator.Config.defaults()).start(0)) {
            assertThat(run("serve", "--port", String.valueOf(taken.port()))).isEqualTo(CommandFailure.CANNOT_START);
        }
        assertThat(err.toString().strip())
                .startsWith("almasim: the port is already in use")
                .doesNotContain("\n")
                .doesNotContain("at org.");
    }

    @Test
    void aDatabaseAnotherProcessHoldsIsExplainedInOneLine() {
        // H2 refuses a second process with DATABASE_ALREADY_OPEN (90020), wrapped by the pool; one process shares its
        // own database, so this is the error itself rather than a second process.
        var inUse = new RuntimeException(
                "Failed to initialize pool", new SQLException("Database may be already in use", "90020", 90020));
        assertThat(CommandFailure.explain(inUse))
                .contains("the database is in use by another process; stop it or choose another --db");
        assertThat(CommandFailure.explain(new IllegalStateException("something else")))
                .isEmpty();
    }

    @Test
    void aFileThatIsNotAScenarioIsNotEchoed() throws IOException {
        Path secrets = Files.writeString(
                folder.resolve("secrets.txt"), "root:x:0:0:root:/root:/bin/bash with a password hunter2\n");
        assertThat(run("scenario", "run", secrets.toString())).isNotZero();
        assertThat(err.toString())
                .contains("secrets.txt")
                .doesNotContain("root:x")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnreadablePopulationFileIsNamedNotShown() {
        assertThat(run(
                        "serve",
                        "--port",
                        "0",
                        "--population",
                        folder.resolve("missing.yaml").toString()))
                .isEqualTo(CommandFailure.CANNOT_START);
        assertThat(err.toString().strip())
                .startsWith("almasim: cannot read the population file")
                .contains("missing.yaml");
    }
}
