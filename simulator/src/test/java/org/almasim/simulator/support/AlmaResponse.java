package org.almasim.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.net.http.HttpHeaders;

/** A raw answer from the simulator, with assertions in Alma's terms. */
public record AlmaResponse(int status, String body, HttpHeaders headers) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XmlMapper XML = new XmlMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not JSON (status " + status + "): " + body, e);
        }
    }

    /** The XML body as a tree (attributes and elements alike become fields). */
    public JsonNode xml() {
        try {
            return XML.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not XML (status " + status + "): " + body, e);
        }
    }

    public AlmaResponse isOk() {
        assertThat(status).as("status of %s", body).isEqualTo(200);
        return this;
    }

    /** Alma's error envelope with this code, in JSON or XML, with HTTP 400 unless said otherwise. */
    public AlmaResponse hasAlmaError(String code) {
        return hasAlmaError(400, code);
    }

    public AlmaResponse hasAlmaError(int httpStatus, String code) {
        assertThat(status).as("status of %s", body).isEqualTo(httpStatus);
        if (body.trim().startsWith("<")) {
            assertThat(body)
                    .contains("<web_service_result xmlns=\"http://com/exlibris/urm/general/xmlbeans\">")
                    .contains("<errorsExist>true</errorsExist>")
                    .contains("<errorCode>" + code + "</errorCode>");
        } else {
            JsonNode json = json();
            assertThat(json.path("errorsExist").asBoolean())
                    .as("errorsExist in %s", body)
                    .isTrue();
            assertThat(json.path("errorList").path("error").isArray())
                    .as("error array in %s", body)
                    .isTrue();
            assertThat(json.path("errorList")
                            .path("error")
                            .get(0)
                            .path("errorCode")
                            .asText())
                    .as("code in %s", body)
                    .isEqualTo(code);
            assertThat(json.has("result")).isTrue();
        }
        return this;
    }

    public String errorMessage() {
        return json().path("errorList")
                .path("error")
                .get(0)
                .path("errorMessage")
                .asText();
    }
}
