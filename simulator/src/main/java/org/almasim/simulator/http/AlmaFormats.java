package org.almasim.simulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.LocalDate;

/**
 * The one definition of how Alma objects look on the wire. JSON is the canonical shape;
 * XML is derived from the same JSON tree by {@link AlmaXml}, so a field cannot exist in one format and not the other.
 */
public final class AlmaFormats {
    public static final String ERROR_NAMESPACE = "http://com/exlibris/urm/general/xmlbeans";

    public static final ObjectMapper JSON = configure(JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS));
    /** YAML population documents (and JSON ones: YAML reads both), with Alma's field rules. */
    public static final ObjectMapper YAML = configure(com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder());
    // XML carries every scalar as text, so the tree read from XML may coerce "5" to a number and "true" to a boolean.
    // An empty element (<contact_info/>) reads as an absent value.
    private static final ObjectMapper FROM_XML_TREE = configure(JsonMapper.builder()
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            // One repeated element (<member>) reads as a list of one.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY));

    private AlmaFormats() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> M configure(B builder) {
        SimpleModule alma = new SimpleModule("alma");
        alma.addSerializer(LocalDate.class, new AlmaDates.Serializer());
        alma.addDeserializer(LocalDate.class, new AlmaDates.Deserializer());
        alma.addDeserializer(String.class, new BlankAsAbsent());
        M mapper = builder
                .addModule(new JavaTimeModule())
                .addModule(alma)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1_000_000)
                .build());
        return mapper;
    }

    public static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value instanceof AlmaDocument document ? document.tree() : value);
        } catch (IOException e) {
            throw new IllegalStateException("Could not render JSON", e);
        }
    }

    /** Renders under the root element named by the type's {@link JsonRootName}. */
    public static String toXml(Object value) {
        if (value instanceof AlmaDocument document) {
            return AlmaXml.write(document.rootName(), null, document.tree());
        }
        JsonRootName root = value.getClass().getAnnotation(JsonRootName.class);
        if (root == null) {
            throw new IllegalArgumentException(value.getClass() + " has no @JsonRootName for its XML element");
        }
        String namespace = root.namespace().isEmpty() ? null : root.namespace();
        return AlmaXml.write(root.value(), namespace, JSON.valueToTree(value));
    }

    /** Reads a request body; anything that is not a well-formed object of the expected shape is Alma's 401676. */
    public static <T> T read(byte[] body, BodyFormat format, Class<T> type) {
        if (body.length == 0) {
            throw AlmaException.badRequest("401676", "No valid XML was given. The request body is empty.");
        }
        try {
            T value = format == BodyFormat.XML
                    ? FROM_XML_TREE.treeToValue(AlmaXml.read(body), type)
                    : JSON.readValue(body, type);
            if (value == null) {
                throw AlmaException.badRequest("401676", "No valid XML was given. The request body holds no object.");
            }
            return value;
        } catch (JacksonException e) {
            throw invalidBody(e);
        } catch (IOException e) {
            throw AlmaException.badRequest("401676", "No valid XML was given. " + e.getMessage());
        }
    }

    public static JsonNode readTree(byte[] body, BodyFormat format) {
        try {
            return format == BodyFormat.XML ? AlmaXml.read(body) : JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalidBody(e);
        } catch (IOException e) {
            throw AlmaException.badRequest("401676", "No valid XML was given. " + e.getMessage());
        }
    }

    private static AlmaException invalidBody(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AlmaException alma) {
                return alma;
            }
        }
        return AlmaException.badRequest("401676", "No valid XML was given. " + e.getOriginalMessage());
    }

    public enum BodyFormat { JSON, XML }

    /** Alma treats an empty string as an absent value; folding them here keeps POST-then-GET stable. */
    private static final class BlankAsAbsent extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getValueAsString();
            return text == null || text.isBlank() ? null : text;
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
