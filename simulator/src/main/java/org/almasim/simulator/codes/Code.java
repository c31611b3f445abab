package org.almasim.simulator.codes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * An Alma code field: {@code {"value":"UNDERGRAD","desc":"Undergraduate"}} in JSON,
 * {@code <user_group desc="Undergraduate">UNDERGRAD</user_group>} in XML. A client's {@code desc} is read but the simulator replaces it from its code tables.
 */
@JsonPropertyOrder({"value", "desc"})
@JsonDeserialize(using = Code.Reader.class)
public record Code(String value, String desc) {

    public static Code of(String value) {
        return new Code(value, null);
    }

    public Code withDesc(String description) {
        return new Code(value, description);
    }

    /** Reads both shapes; a code with an empty value is no code at all. */
    static final class Reader extends JsonDeserializer<Code> {
        @Override
        public Code deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            String value = null;
            if (node.isValueNode()) {
                value = node.asText();
            } else if (node.isObject()) {
                JsonNode v = node.has("value") ? node.get("value") : node.get("");
                String[] unknown = {null};
                value = v == null || v.isNull() ? null : v.asText();
                node.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("value") && !name.equals("desc") && !name.isEmpty()) {
                        unknown[0] = name;
                    }
                });
                if (unknown[0] != null) {
                    throw MismatchedInputException.from(
                            p, Code.class, "Unrecognized field \"" + unknown[0] + "\" in a code field");
                }
            } else if (!node.isNull()) {
                throw MismatchedInputException.from(p, Code.class, "A code field must be an object with a value");
            }
            if (value == null || value.isBlank()) {
                return null;
            }
            JsonNode desc = node.isObject() ? node.get("desc") : null;
            return new Code(
                    value.trim(), desc == null || desc.isNull() || desc.asText().isBlank() ? null : desc.asText());
        }

        @Override
        public Code getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
