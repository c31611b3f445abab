package org.almasim.app.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.copy.CopyState;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy from export files that had to stop goes on after the users it copied, and copies none of them twice. */
class FileCopyTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final int USERS = 2_500;
    private static final Pseudonyms PSEUDONYMS =
            Pseudonyms.withSalt("a salt only this test knows, 32b".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private final Simulator rehearsal =
            Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0);
    private final AlmaClient alma = new AlmaClient(rehearsal.baseUrl(), ApiKeys.DEVELOPMENT_KEY);

    @AfterEach
    void stop() {
        rehearsal.close();
    }

    /** {@value #USERS} synthetic users as an export file; user {@code broken} (from 0), when not negative, undated. */
    private Path exportFile(int broken) throws IOException {
        Path file = dir.resolve("users.xml.gz");
        try (Writer xml =
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            xml.write("<users>\n");
            for (int i = 0; i < USERS; i++) {
                String user = AlmaFormats.toXml(
                        SyntheticPopulation.patron(7, i, TODAY).user());
                user = user.substring(user.indexOf("?>") + 2);
                xml.write(
                        (i == broken ? user.replaceFirst("<expiry_date>[^<]*", "<expiry_date>someday") : user) + "\n");
            }
            xml.write("</users>\n");
        }
        return file;
    }

    private FileCopy copier(Path file) {
        CopyTarget target = new CopyTarget.Running(ApiKeys.DEVELOPMENT_KEY, alma);
        return new FileCopy(
                List.of(file),
                PSEUDONYMS,
                false,
                target.loader(),
                dir.resolve("copy.state.json"),
                target.userCodes(),
                progress -> {});
    }

    @Test
    void aCopyStoppedByABrokenUserGoesOnAfterTheFileIsMendedCopyingNoUserTwice() throws IOException {
        FileCopy first = copier(exportFile(1_700));
        assertThatThrownBy(() -> first.copy(first.newState()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.xml.gz, line")
                .hasMessageContaining("(user 1701)");
        CopyState stopped = CopyState.read(dir.resolve("copy.state.json")).orElseThrow();
        assertThat(stopped.users()).as("the first thousand were loaded").isEqualTo(1_000);
        assertThat(new AlmaUsers(alma).all()).hasSize(1_000);

        FileCopy mended = copier(exportFile(-1));
        CopyState done = mended.copy(stopped);

        assertThat(done.finished()).isTrue();
        assertThat(done.users()).isEqualTo(USERS);
        List<String> ids = new AlmaUsers(alma)
                .all().stream().map(user -> user.path("primary_id").asText()).toList();
        assertThat(ids).hasSize(USERS).doesNotHaveDuplicates();
        assertThat(ids)
                .contains(PSEUDONYMS.primaryId(
                        SyntheticPopulation.patron(7, 0, TODAY).user().primaryId()));
    }

    @Test
    void codesALibraryMadeUpAreAddedSoItsUsersAreNotRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"), """
                <users>
                  <user>
                    <primary_id>own-codes</primary_id><last_name>Codes</last_name><user_group>VISITING_SCHOLAR</user_group>
                    <account_type>INTERNAL</account_type>
                    <user_blocks><user_block><block_type>GENERAL</block_type>
                      <block_description>LIBRARY_HOLD</block_description></user_block></user_blocks>
                    <user_statistics><user_statistic><statistic_category>HONORS</statistic_category>
                      </user_statistic></user_statistics>
                    <user_notes><user_note><note_type>CIRCULATION</note_type><note_text>x</note_text></user_note>
                      </user_notes>
                  </user>
                </users>
                """);
        FileCopy copy = copier(file);

        assertThat(copy.copy(copy.newState()).users()).isEqualTo(1);

        var user = new AlmaUsers(alma)
                .find(PSEUDONYMS.primaryId("own-codes"), java.util.Map.of())
                .orElseThrow();
        assertThat(user.path("user_group").path("value").asText()).isEqualTo("VISITING_SCHOLAR");
        assertThat(user.path("user_block")
                        .path(0)
                        .path("block_description")
                        .path("desc")
                        .asText())
                .as("a file carries no descriptions: the code stands for its own")
                .isEqualTo("LIBRARY_HOLD");
        assertThat(user.path("user_statistic")
                        .path(0)
                        .path("statistic_category")
                        .path("value")
                        .asText())
                .isEqualTo("HONORS");
    }
}
