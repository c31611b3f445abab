package org.almasim.simulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.almasim.simulator.errors.AlmaError;

/** Alma writes dates as {@code 2030-01-16Z} and accepts them with or without the zone letter. */
public final class AlmaDates {
    private AlmaDates() {}

    public static String format(LocalDate date) {
        return date + "Z";
    }

    /** Parses {@code YYYY-MM-DD}, optionally followed by {@code Z}; impossible dates are refused. */
    public static LocalDate parse(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith("Z") || trimmed.endsWith("z")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            return LocalDate.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw AlmaError.NO_VALID_XML.refusal(
                    "Not a valid date: '" + text + "' (expected YYYY-MM-DD or YYYY-MM-DDZ).");
        }
    }

    static final class Serializer extends JsonSerializer<LocalDate> {
        @Override
        public void serialize(LocalDate value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format(value));
        }
    }

    static final class Deserializer extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            return parse(text);
        }
    }
}
