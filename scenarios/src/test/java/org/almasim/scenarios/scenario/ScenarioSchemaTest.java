package org.almasim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.almasim.simulator.faults.Fault;
import org.junit.jupiter.api.Test;

/** docs/scenario.schema.json, which editors use, accepts what the runner accepts and refuses a misspelt step. */
class ScenarioSchemaTest {
    private static final JsonSchema SCHEMA = schema();

    private static JsonSchema schema() {
        try (InputStream in = Files.newInputStream(Path.of("../docs/scenario.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> validate(byte[] yaml) throws IOException {
        JsonNode tree = ScenarioReader.YAML.readTree(yaml);
        // YAML dates arrive as text, as the runner reads them.
        return SCHEMA.validate(tree);
    }

    @Test
    void everyShippedScenarioFollowsTheSchema() throws IOException {
        for (String name : ScenarioReader.SHIPPED) {
            try (InputStream in =
                    ScenarioReader.class.getClassLoader().getResourceAsStream("scenarios/" + name + ".yaml")) {
                assertThat(validate(in.readAllBytes())).as(name).isEmpty();
            }
        }
    }

    @Test
    void aMisspeltActionBreaksTheSchema() throws IOException {
        Set<ValidationMessage> problems = validate("""
                name: x
                start: 2024-01-01
                timeline:
                  - advnce_to: 2024-02-01
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(problems)
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("advnce_to"));
    }

    @Test
    void theSchemaNamesEveryFaultTheSimulatorInjectsAndNoOther() {
        JsonNode faults = SCHEMA.getSchemaNode()
                .path("definitions")
                .path("faultRule")
                .path("properties")
                .path("fault")
                .path("enum");
        List<String> named = new ArrayList<>();
        faults.forEach(f -> named.add(f.asText()));

        assertThat(named)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Fault.values()).map(Enum::name).toList());
    }
}
