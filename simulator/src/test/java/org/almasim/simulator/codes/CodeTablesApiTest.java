package org.almasim.simulator.codes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** {@code GET /almaws/v1/conf/code-tables/{name}}: how a client learns the institution's user groups and record types. */
class CodeTablesApiTest extends SimulatorTest {
    @Test
    void aCodeTableListsEveryCodeWithItsDescription() {
        JsonNode groups = alma.getJson("/almaws/v1/conf/code-tables/UserGroups", Map.of())
                .isOk()
                .json();
        assertThat(groups.path("name").asText()).isEqualTo("UserGroups");
        assertThat(groups.path("row")).isNotEmpty();
        JsonNode grad = null;
        for (JsonNode row : groups.path("row")) {
            assertThat(row.has("code") && row.has("description") && row.has("default") && row.has("enabled"))
                    .as(row.toString())
                    .isTrue();
            if (row.path("code").asText().equals("GRAD")) {
                grad = row;
            }
        }
        assertThat(grad).isNotNull();
        assertThat(grad.path("description").asText()).isEqualTo("Graduate Student");
        assertThat(grad.path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aGroupAddedByAPopulationIsInTheTable() {
        alma.loadPopulation("user_groups:\n  - code: ILL_DEPT\n    description: ILL Department\n");
        JsonNode groups = alma.getJson("/almaws/v1/conf/code-tables/UserGroups", Map.of())
                .isOk()
                .json();
        assertThat(groups.path("row").findValuesAsText("code")).contains("ILL_DEPT");
    }

    @Test
    void xmlWrapsTheRows() {
        AlmaResponse xml = alma.withKey(RunningSimulator.READ_ONLY_KEY)
                .get("/almaws/v1/conf/code-tables/UserRecordTypes", Map.of(), AlmaClient.XML);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.body())
                .contains("<code_table>")
                .contains("<rows><row><code>")
                .contains("<name>UserRecordTypes</name>");
    }

    @Test
    void anUnknownTableIsAlmasInvalidParameter() {
        alma.getJson("/almaws/v1/conf/code-tables/NoSuchTable", Map.of()).hasAlmaError("40166411");
    }
}
