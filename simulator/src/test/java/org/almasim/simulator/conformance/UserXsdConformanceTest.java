package org.almasim.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Every user almasim answers in XML validates against Ex Libris' rest_user.xsd (../shared/alma/xsd): each user of the
 * demo population, of a generated one, and one written with notes, blocks and roles that left out every field a
 * client may leave out.
 */
class UserXsdConformanceTest extends SimulatorTest {
    @Test
    void everyDemoUserValidatesInXml() throws Exception {
        sim.simulator.load(PopulationService.demo());
        assertEveryUserValid();
    }

    @Test
    void everyGeneratedUserValidatesInXml() throws Exception {
        sim.simulator.load(SyntheticPopulation.chunk(3, 0, 60, RunningSimulator.TODAY));
        assertEveryUserValid();
    }

    @Test
    void aUserWhoseNotesBlocksAndRolesLeaveOutWhatTheyMayIsAnsweredWhole() throws Exception {
        alma.createUser("""
                {"record_type":{"value":"PUBLIC"},"primary_id":"sparse","first_name":"S","last_name":"Parse",
                 "user_group":{"value":"UNDERGRAD"},"account_type":{"value":"INTERNAL"},"status":{"value":"ACTIVE"},
                 "expiry_date":"2030-01-01Z","purge_date":"2031-01-01Z",
                 "contact_info":{"email":[{"email_address":"s@example.edu","preferred":true,
                                            "email_type":[{"value":"personal"}]}]},
                 "user_note":[{"note_type":{"value":"GENERAL","desc":"General"},"note_text":"Lost card"}],
                 "user_block":[{"block_description":{"value":"CONSORTIA"}},
                               {"block_type":{"value":"GENERAL"},"block_description":{"value":"GLOBAL"}}],
                 "user_role":[{"status":{"value":"ACTIVE"},"scope":{"value":"01ALMASIM_INST"},
                               "role_type":{"value":"200"}}]}
                """);
        JsonNode user = alma.getUser("sparse");
        JsonNode note = user.path("user_note").get(0);
        assertThat(note.path("user_viewable").isBoolean()).isTrue();
        assertThat(note.path("popup_note").isBoolean()).isTrue();
        assertThat(note.path("created_by").asText()).isNotEmpty();
        assertThat(note.path("created_date").asText()).startsWith("2024-08-01T");
        assertThat(note.path("segment_type").asText()).isEqualTo("Internal");
        assertThat(note.path("note_type").path("desc").asText())
                .as("the code table's words, not the client's and not empty")
                .isEqualTo("General");
        JsonNode block = user.path("user_block").get(0);
        assertThat(block.path("block_type").path("desc").asText()).isEqualTo("General");
        assertThat(block.path("block_description").path("desc").asText()).isEqualTo("Consortia");
        assertThat(block.path("block_status").asText()).isEqualTo("Active");
        JsonNode role = user.path("user_role").get(0);
        assertThat(role.path("role_type").path("desc").asText()).isEqualTo("Patron");
        assertThat(role.path("status").path("desc").asText()).isEqualTo("Active");
        assertThat(user.path("contact_info")
                        .path("email")
                        .get(0)
                        .path("email_type")
                        .get(0)
                        .path("desc")
                        .asText())
                .isEqualTo("Personal");
        for (String table : List.of("NoteTypes", "UserBlockTypes", "UserBlockDescription")) {
            assertThat(alma.getJson("/almaws/v1/conf/code-tables/" + table, Map.of())
                            .isOk()
                            .json()
                            .path("row"))
                    .as(table)
                    .isNotEmpty();
        }
        assertValid("sparse");
    }

    private void assertEveryUserValid() throws Exception {
        JsonNode list =
                alma.getJson("/almaws/v1/users", Map.of("limit", "100")).isOk().json();
        assertThat(list.path("user")).isNotEmpty();
        List<String> invalid = new ArrayList<>();
        for (JsonNode user : list.path("user")) {
            String id = user.path("primary_id").asText();
            try {
                assertValid(id);
            } catch (AssertionError e) {
                invalid.add(e.getMessage());
            }
        }
        assertThat(invalid).isEmpty();
    }

    private void assertValid(String id) throws Exception {
        String xml = alma.get("/almaws/v1/users/" + id, Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        try {
            SCHEMA.get().newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new AssertionError(id + ": " + e.getMessage() + "\n" + xml);
        }
    }

    /**
     * Ex Libris' user XSD, read where it lies. It includes rest_researcher.xsd, which is not among the reference files:
     * the researcher element (Esploro's, which almasim never answers) is taken as any content.
     */
    private static final ThreadLocal<Schema> SCHEMA = ThreadLocal.withInitial(() -> {
        try {
            String xsd = Files.readString(
                            RecordedResponsesTest.reference().resolve("xsd").resolve("rest_user.xsd"))
                    .replace("<xs:include schemaLocation=\"rest_researcher.xsd\" />", "")
                    .replace("type=\"researcher\"", "type=\"xs:anyType\"");
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(new StreamSource(new StringReader(xsd)));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("Cannot read Ex Libris' rest_user.xsd", e);
        }
    });
}
