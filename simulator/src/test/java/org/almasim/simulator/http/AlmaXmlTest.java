package org.almasim.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Alma's XML is its JSON with wrappers, attributes and coded text; both directions, without a server. */
class AlmaXmlTest {
    private static final String USER_JSON = """
            {"primary_id":"jdoe","user_group":{"value":"GRAD","desc":"Graduate"},
             "user_identifier":[{"segment_type":"External","id_type":{"value":"BARCODE","desc":"Barcode"},"value":"B-1"},
                                {"segment_type":"Internal","id_type":{"value":"UNIV_ID","desc":"University ID"},"value":"U-1"}],
             "contact_info":{"email":[{"preferred":true,"email_address":"j@example.edu"}]}}
            """;

    private static JsonNode json(String text) throws IOException {
        return AlmaFormats.JSON.readTree(text);
    }

    @Test
    void listsSitInAlmasWrappersWithSegmentTypesAsAttributes() throws IOException {
        String xml = AlmaXml.write("user", null, json(USER_JSON));

        assertThat(xml)
                .contains("<user_identifiers><user_identifier segment_type=\"External\">")
                .contains("<id_type desc=\"Barcode\">BARCODE</id_type>")
                .contains("<user_group desc=\"Graduate\">GRAD</user_group>")
                .contains("<emails><email preferred=\"true\">");
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameObject() throws IOException {
        JsonNode user = json(USER_JSON);

        JsonNode back = AlmaXml.read(AlmaXml.write("user", null, user).getBytes(StandardCharsets.UTF_8));

        assertThat(back.path("user_identifier")).hasSize(2);
        assertThat(back.path("user_identifier").get(1).path("value").asText()).isEqualTo("U-1");
        assertThat(back.path("user_identifier").get(0).path("segment_type").asText())
                .isEqualTo("External");
        assertThat(back.path("user_group").path("value").asText()).isEqualTo("GRAD");
        assertThat(back.path("contact_info")
                        .path("email")
                        .get(0)
                        .path("email_address")
                        .asText())
                .isEqualTo("j@example.edu");
    }

    @Test
    void aListOfOneIsStillAList() throws IOException {
        JsonNode back = AlmaXml.read("""
                <user><primary_id>x</primary_id><user_identifiers><user_identifier segment_type="External">
                <id_type>BARCODE</id_type><value>B-9</value></user_identifier></user_identifiers></user>
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(back.path("user_identifier").isArray()).isTrue();
        assertThat(back.path("user_identifier").get(0).path("value").asText()).isEqualTo("B-9");
    }
}
