package org.almasim.simulator.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.almasim.simulator.errors.Echo;
import org.jooq.Field;

/** A column's value as a snapshot writes it in JSON, and read back as the column's type, checked against the column. */
final class SnapshotValues {
    // The archive's streams stay open between entries: a reader or writer closing them would end the zip.
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    static {
        // A snapshot's longest value is a patron's document (1,000,000 characters).
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(2_000_000)
                        .maxNestingDepth(200)
                        .maxNumberLength(40)
                        .build());
    }

    private SnapshotValues() {}

    static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof BigDecimal amount) {
            json.writeString(amount.toPlainString());
        } else if (value instanceof LocalDate || value instanceof OffsetDateTime) {
            json.writeString(value.toString());
        } else if (value instanceof byte[] bytes) {
            // An attachment's content, as base64 text.
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        } else {
            throw new IllegalStateException("No snapshot form for " + value.getClass());
        }
    }

    /** The row's value as its column's type, no longer than the column allows; {@code null} for JSON's null. */
    static Object read(Field<?> column, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        Class<?> type = column.getType();
        int length = column.getDataType().length();
        if (type == String.class) {
            String text = textOf(node);
            if (length > 0 && text.length() > length) {
                throw new IllegalArgumentException("longer than the column's " + length + " characters");
            }
            return text;
        }
        if (type == Long.class || type == Integer.class) {
            if (!node.isIntegralNumber()
                    || !node.canConvertToLong()
                    || (type == Integer.class && !node.canConvertToInt())) {
                throw new IllegalArgumentException("not a whole number: " + Echo.shortened(node.toString()));
            }
            return type == Long.class ? node.asLong() : node.asInt();
        }
        if (type == Boolean.class) {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException("not true or false: " + Echo.shortened(node.toString()));
            }
            return node.asBoolean();
        }
        if (type == BigDecimal.class) {
            BigDecimal amount = new BigDecimal(textOf(node));
            if (amount.scale() > column.getDataType().scale()
                    || amount.precision() - amount.scale()
                            > column.getDataType().precision()
                                    - column.getDataType().scale()) {
                throw new IllegalArgumentException(
                        "not an amount the column holds: " + Echo.shortened(node.toString()));
            }
            return amount;
        }
        if (type == LocalDate.class) {
            return LocalDate.parse(textOf(node));
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse(textOf(node));
        }
        if (type == byte[].class) {
            byte[] bytes = Base64.getDecoder().decode(textOf(node));
            if (length > 0 && bytes.length > length) {
                throw new IllegalArgumentException("longer than the column's " + length + " bytes");
            }
            return bytes;
        }
        throw new IllegalStateException("No snapshot form for " + type);
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("not text: " + Echo.shortened(node.toString()));
        }
        return node.asText();
    }
}
