package org.almasim.simulator.attachments;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/** Files attached to a user: added in base64, read back with or without their content, bounded, gone with the user. */
class AttachmentsApiTest extends SimulatorTest {
    private static final String TEXT = "Proof of address, 2024";

    @Override
    protected void given() {
        alma.createUser(user("holder"));
    }

    private static String attachment(String content) {
        return "{\"file_name\":\"proof.txt\",\"type\":\"text/plain\",\"notes\":\"scanned at the desk\",\"content\":\""
                + content + "\"}";
    }

    @Test
    void anAttachmentIsAddedAndReadBackWithOrWithoutItsContent() {
        String base64 = Base64.getEncoder().encodeToString(TEXT.getBytes(StandardCharsets.UTF_8));
        JsonNode added = alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment(base64))
                .isOk()
                .json();
        assertThat(added.path("file_name").asText()).isEqualTo("proof.txt");
        assertThat(added.path("size").asInt()).isEqualTo(TEXT.length());
        assertThat(added.has("content")).as("content only when asked for").isFalse();
        String path = "/almaws/v1/users/holder/attachments/" + added.path("id").asText();
        assertThat(added.path("link").asText()).endsWith(path);

        assertThat(alma.getJson(path, Map.of()).isOk().json()).isEqualTo(added);
        assertThat(alma.getJson(path, Map.of("expand", "content"))
                        .isOk()
                        .json()
                        .path("content")
                        .asText())
                .isEqualTo(base64);
        assertThat(alma.getJson(path, Map.of("expand", "content_no_encoding"))
                        .isOk()
                        .json()
                        .path("content")
                        .asText())
                .isEqualTo(TEXT);
        assertThat(alma.get(path, Map.of(), AlmaClient.XML).isOk().body())
                .contains("<attachment link=\"")
                .contains("<file_name>proof.txt</file_name>");
    }

    @Test
    void mistakesAnswerAlmasCodesAndChangeNothing() {
        alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment("not base64!"))
                .hasAlmaError("60322");
        alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment(""))
                .hasAlmaError("60322");
        String tooLarge = Base64.getEncoder().encodeToString(new byte[AttachmentService.MAX_BYTES + 1]);
        assertThat(alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment(tooLarge))
                        .status())
                .as("a file past the bound is refused (by the body's own bound before almasim reads it)")
                .isEqualTo(400);
        alma.getJson("/almaws/v1/users/holder/attachments/abc", Map.of()).hasAlmaError("60100");
        alma.getJson("/almaws/v1/users/holder/attachments/0", Map.of()).hasAlmaError("60100");
        alma.getJson("/almaws/v1/users/holder/attachments/12345", Map.of()).hasAlmaError("60321");
        alma.postJson("/almaws/v1/users/nobody/attachments", Map.of(), attachment("eA=="))
                .hasAlmaError("401861");
    }

    @Test
    void aUserHoldsABoundedNumberOfAttachmentsAndTheyGoWithTheUser() {
        for (int i = 0; i < AttachmentService.MAX_PER_USER; i++) {
            alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment("eA=="))
                    .isOk();
        }
        alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment("eA=="))
                .hasAlmaError("401666");
        String id = "1";
        assertThat(alma.send("DELETE", "/almaws/v1/users/holder", Map.of(), null, null, AlmaClient.JSON)
                        .status())
                .isEqualTo(204);
        alma.createUser(user("holder"));
        alma.getJson("/almaws/v1/users/holder/attachments/" + id, Map.of()).hasAlmaError("60321");
        assertThat(alma.postJson("/almaws/v1/users/holder/attachments", Map.of(), attachment("eA=="))
                        .status())
                .as("the deleted user's attachments no longer count")
                .isEqualTo(200);
    }
}
