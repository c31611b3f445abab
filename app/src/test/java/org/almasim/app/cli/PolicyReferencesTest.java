package org.almasim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A policy that names something the institution does not have is refused before anything is read or written: a
 * misspelt protected set would otherwise protect nobody. The refusal names the file's line and what the institution
 * has instead, every command exits non-zero, and the library is exactly as it was.
 */
class PolicyReferencesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoAlma demo;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        demo = DemoAlma.withDemoPatrons();
        ObjectNode set = JSON.createObjectNode().put("name", "Community patrons");
        set.putObject("type").put("value", "ITEMIZED");
        set.putObject("content").put("value", "USER");
        demo.alma.post("/almaws/v1/conf/sets", Map.of(), set);
        demo.opalCandidateSets();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void aMisspeltProtectedSetIsRefusedByPreviewDiffAndRunAndNothingChanges() throws IOException {
        Path policy = policyWith("  sets: [Community patrons]", "  sets: [Community patron]");
        String before = digest();
        for (String command : new String[] {"preview", "run", "diff"}) {
            String err = refused(command, policy);
            assertThat(err)
                    .as(command)
                    .contains("line 25: Community patron: no such set of users in this institution; did you mean "
                            + "Community patrons?");
        }
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void anUnknownUserGroupAndRecordTypeAreEachNamedWithTheirLines() throws IOException {
        Path policy = policyWith(
                "  older_than: P3Y                            # the guide: \"expired for over three years\"",
                "  older_than: P3Y\n  user_groups: [STAF]\n  record_types: [PUBLC]");
        String before = digest();
        String err = refused("run", policy);
        assertThat(err)
                .contains("line 21: STAF: no such user group in this institution; did you mean STAFF?")
                .contains("line 22: PUBLC: no such record type in this institution; did you mean PUBLIC?");
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void theShippedPolicyIsRefusedWhereItsSetsDoNotExist() {
        try (DemoAlma bare = DemoAlma.withDemoPatrons()) {
            String before = bare.alma.get("/almasim/v1/state/digest", Map.of()).toString();
            var opal = PolicyReader.load("opal-lifecycle");
            try {
                Preview.of(opal, bare.alma, DemoAlma.FLVC_2024, 0);
                throw new AssertionError("a policy protecting a set the library lacks was previewed");
            } catch (PolicyException e) {
                assertThat(e.getMessage())
                        .contains("Community patrons: no such set of users")
                        .contains("OPAL expired a week: no such set of users")
                        .contains("OPAL expired three years: no such set of users");
            }
            assertThat(bare.alma.get("/almasim/v1/state/digest", Map.of()).toString())
                    .isEqualTo(before);
        }
    }

    private Path policyWith(String line, String replacement) throws IOException {
        String shipped = new String(PolicyReader.class
                .getClassLoader()
                .getResourceAsStream("policies/opal-lifecycle.yaml")
                .readAllBytes());
        assertThat(shipped).contains(line);
        return Files.writeString(folder.resolve("opal-local.yaml"), shipped.replace(line, replacement));
    }

    private String refused(String command, Path policy) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AlmasimCommand())
                .setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(new StringWriter()));
        String[] args = command.equals("diff")
                ? new String[] {
                    "policy",
                    "diff",
                    "--policy",
                    "opal-lifecycle",
                    "--against",
                    policy.toString(),
                    "--alma-url",
                    demo.sim.baseUrl() + "/almaws/v1",
                    "--api-key",
                    ApiKeys.DEVELOPMENT_KEY
                }
                : new String[] {
                    "policy",
                    command,
                    "--policy",
                    policy.toString(),
                    "--alma-url",
                    demo.sim.baseUrl(),
                    "--api-key",
                    ApiKeys.DEVELOPMENT_KEY
                };
        assertThat(cli.execute(args)).as("exit code of policy %s", command).isEqualTo(2);
        return err.toString();
    }

    private static String digest() {
        JsonNode digest = demo.alma.get("/almasim/v1/state/digest", Map.of());
        return digest.toString();
    }
}
