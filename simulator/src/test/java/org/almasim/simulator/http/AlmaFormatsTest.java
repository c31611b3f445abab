package org.almasim.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.users.User;
import org.junit.jupiter.api.Test;

class AlmaFormatsTest {
    private static final String JSON_USER = """
            {"record_type":{"value":"PUBLIC","desc":"Public"},"primary_id":"12345","first_name":"Dan","last_name":"Banan",
             "user_group":{"value":"UNDERGRAD","desc":"Undergraduate"},"expiry_date":"2030-01-16Z","account_type":{"value":"INTERNAL"},
             "status":{"value":"ACTIVE"},"middle_name":"","gender":{"value":"","desc":""},
             "contact_info":{"email":[{"email_address":"dan@example.org","preferred":true,"segment_type":"Internal","email_type":[{"value":"personal"}]}]},
             "user_identifier":[{"segment_type":"Internal","id_type":{"value":"BARCODE"},"value":"ub1","status":"ACTIVE"}],
             "user_role":[{"status":{"value":"ACTIVE"},"scope":{"value":"MAIN"},"role_type":{"value":"200"},"parameter":[]}],
             "fees":{"value":1,"link":"x"},"full_name":"ignored"}
            """;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void codeDescriptionIsAnAttributeInXmlAndAFieldInJson() {
        User user = new User(
                null,
                new Code("PUBLIC", "Public"),
                "p1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Code("UNDERGRAD", "Undergraduate"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(AlmaFormats.toXml(user)).contains("<user_group desc=\"Undergraduate\">UNDERGRAD</user_group>");
        assertThat(new String(AlmaFormats.toJson(user), StandardCharsets.UTF_8))
                .contains("\"user_group\":{\"value\":\"UNDERGRAD\",\"desc\":\"Undergraduate\"}");
    }

    @Test
    void userSurvivesJsonToXmlAndBack() {
        User user = AlmaFormats.read(bytes(JSON_USER), BodyFormat.JSON, User.class);
        assertThat(user.middleName()).isNull();
        assertThat(user.gender()).isNull();
        assertThat(user.expiryDate()).hasToString("2030-01-16");
        String xml = AlmaFormats.toXml(user);
        assertThat(xml)
                .contains("<user_identifiers><user_identifier segment_type=\"Internal\">")
                .contains("<emails><email preferred=\"true\" segment_type=\"Internal\">")
                .contains("<email_types><email_type>personal</email_type></email_types>")
                .contains("<expiry_date>2030-01-16Z</expiry_date>");
        User back = AlmaFormats.read(bytes(xml), BodyFormat.XML, User.class);
        assertThat(back).isEqualTo(user);
    }

    @Test
    void aFieldAlmasimDoesNotModelIsKeptAndNullIsAbsent() {
        User user = AlmaFormats.read(
                bytes("{\"primary_id\":\"x\",\"shoe_size\":44,\"researcher\":null}"), BodyFormat.JSON, User.class);
        assertThat(user.otherFields()).containsOnlyKeys("shoe_size");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheFieldAndNoJavaClass() {
        assertThatThrownBy(() -> AlmaFormats.read(
                        bytes("{\"primary_id\":\"x\",\"user_identifier\":{\"a\":1}}"), BodyFormat.JSON, User.class))
                .isInstanceOfSatisfying(
                        AlmaRefusal.class, e -> assertThat(e.code()).isEqualTo("401676"))
                .hasMessageContaining("user_identifier")
                .hasMessageNotContaining("java")
                .hasMessageNotContaining("org.almasim");
        assertThatThrownBy(() -> AlmaFormats.read(bytes("{\"primary_id\":[\"x\"]}"), BodyFormat.JSON, User.class))
                .hasMessageContaining("primary_id")
                .hasMessageNotContaining("java");
        assertThatThrownBy(() -> AlmaFormats.read(bytes("{\"primary_id\":\"x\","), BodyFormat.JSON, User.class))
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("Jackson");
    }

    @Test
    void impossibleDateIsRefused() {
        assertThatThrownBy(
                        () -> AlmaFormats.read(bytes("{\"expiry_date\":\"2023-02-30Z\"}"), BodyFormat.JSON, User.class))
                .isInstanceOfSatisfying(
                        AlmaRefusal.class, e -> assertThat(e.code()).isEqualTo("401676"))
                .hasMessageContaining("2023-02-30Z");
    }
}
