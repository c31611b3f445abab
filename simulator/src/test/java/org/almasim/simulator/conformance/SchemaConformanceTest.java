package org.almasim.simulator.conformance;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/**
 * The answers of the fees, sets and jobs routes validate against Ex Libris' JSON schemas (../shared/alma/schemas, read
 * where they lie). The schemas are those of the developer network, one file per object, referring to each other.
 */
class SchemaConformanceTest extends SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void given() {
        alma.createUser(user("p1"));
    }

    @Test
    void feesValidateAgainstRestFeeAndRestFees() {
        JsonNode fee = alma.createFee(
                "p1", "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":5,\"owner\":{\"value\":\"MAIN\"}}");
        alma.attemptFeeAction("p1", fee.path("id").asText(), Map.of("op", "pay", "amount", "2", "method", "CASH"))
                .isOk();
        assertValid(
                "fee",
                alma.getJson("/almaws/v1/users/p1/fees/" + fee.path("id").asText(), Map.of())
                        .isOk()
                        .json());
        assertValid("fees", alma.fees("p1", Map.of()));
    }

    @Test
    void setsAndMembersValidateAgainstRestSetRestSetsAndRestMembers() {
        JsonNode set = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"S\",\"type\":{\"value\":\"ITEMIZED\"},"
                                + "\"content\":{\"value\":\"USER\"},\"members\":{\"member\":[{\"id\":\"p1\"}]}}")
                .isOk()
                .json();
        assertValid("set", set);
        assertValid(
                "sets", alma.getJson("/almaws/v1/conf/sets", Map.of()).isOk().json());
        assertValid(
                "members",
                alma.getJson("/almaws/v1/conf/sets/" + set.path("id").asText() + "/members", Map.of())
                        .isOk()
                        .json());
    }

    @Test
    void jobsAndTheirInstancesValidateAgainstRestJobAndRestJobInstance() {
        assertValid(
                "jobs", alma.getJson("/almaws/v1/conf/jobs", Map.of()).isOk().json());
        assertValid(
                "job",
                alma.getJson("/almaws/v1/conf/jobs/M26700", Map.of()).isOk().json());
        JsonNode instance = alma.runJob("/almaws/v1/conf/jobs/M26700", Map.of());
        assertValid("job_instance", instance);
        assertValid(
                "job_instances",
                alma.getJson("/almaws/v1/conf/jobs/M26700/instances", Map.of())
                        .isOk()
                        .json());
    }

    private static void assertValid(String object, JsonNode answer) {
        Set<ValidationMessage> problems = schema(object).validate(answer);
        assertThat(problems)
                .as("%s against Ex Libris' schema: %s", object, answer)
                .isEmpty();
    }

    /** Ex Libris' schema of {@code object}, formats left out (see {@link #definitions()}). */
    private static JsonSchema schema(String object) {
        ObjectNode all = definitions();
        // Types and structure are checked, formats not: Alma answers dates as 2024-08-01Z
        // (responses/user_response.json), which the schemas' "format": "date" does not allow.
        all.findParents("format").forEach(parent -> ((ObjectNode) parent).remove("format"));
        all.put("$ref", "#/" + object);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(all);
    }

    /**
     * Every definition of Ex Libris' schema files in one document: the files refer to each other as
     * ./rest_x.json#/rest_x, which becomes #/rest_x once they are one. The request-body variants (rest_set-post...)
     * are left out: they define the same names for what a client sends.
     */
    static synchronized ObjectNode definitions() {
        // Read once (a copy handed out, since the schema's check edits it): checking every fee list of a population
        // would read the files again for every user.
        if (definitions == null) {
            definitions = readDefinitions();
        }
        return definitions.deepCopy();
    }

    private static ObjectNode definitions;

    private static ObjectNode readDefinitions() {
        ObjectNode all = JSON.createObjectNode();
        try (Stream<Path> files = Files.list(RecordedResponsesTest.reference().resolve("schemas"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")
                            && !f.getFileName().toString().contains("-"))
                    .sorted()
                    .toList()) {
                String text = Files.readString(file).replaceAll("\\./rest_[a-z_-]+\\.json#/", "#/");
                JSON.readTree(text).properties().forEach(f -> all.set(f.getKey(), f.getValue()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Ex Libris' schemas", e);
        }
        return all;
    }
}
