package org.almasim.simulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;

/**
 * The one definition of how Alma objects look on the wire. JSON is the canonical shape;
 * XML is derived from the same JSON tree by {@link AlmaXml}, so a field cannot exist in one format and not the other.
 */
public final class AlmaFormats {
    public static final String ERROR_NAMESPACE = "http://com/exlibris/urm/general/xmlbeans";

    // Alma ignores the fields it does not know, and clients post back whole GET answers with fields of their own.
    public static final ObjectMapper JSON = configure(JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    /** almasim's own control plane: its bodies are almasim's, so a misspelt key is an error, never an empty value. */
    private static final ObjectMapper CONTROL_PLANE = configure(JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    /**
     * YAML population documents (and JSON ones: YAML reads both), with Alma's field rules; stricter than the API, so
     * that a misspelt key of a document (users:, loans:) is an error rather than an empty library.
     */
    public static final ObjectMapper YAML =
            configure(YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    /** Population documents written in JSON: read by the rules {@link #YAML} reads them by, with JSON's faster parser. */
    public static final ObjectMapper POPULATION_JSON =
            configure(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    // XML carries every scalar as text, so the tree read from XML may coerce "5" to a number and "true" to a boolean.
    // An empty element (<contact_info/>) reads as an absent value.
    private static final ObjectMapper FROM_XML_TREE = configure(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            // One repeated element (<member>) reads as a list of one.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY));

    private AlmaFormats() {}

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        SimpleModule alma = new SimpleModule("alma");
        alma.addSerializer(LocalDate.class, new AlmaDates.Serializer());
        alma.addDeserializer(LocalDate.class, new AlmaDates.Deserializer());
        alma.addDeserializer(String.class, new BlankAsAbsent());
        M mapper = builder.addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(alma)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
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
            throw AlmaError.NO_VALID_XML.refusal("The request body is empty.");
        }
        return object(() -> format == BodyFormat.XML
                ? FROM_XML_TREE.treeToValue(AlmaXml.read(body), type)
                : JSON.readValue(body, type));
    }

    /** Reads a JSON body of almasim's control plane, where a field almasim does not know is a mistake (401676). */
    public static <T> T readControlPlane(byte[] body, Class<T> type) {
        return object(() -> CONTROL_PLANE.readValue(body, type));
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T object(Reading<T> reading) {
        try {
            T value = reading.read();
            if (value == null) {
                throw AlmaError.NO_VALID_XML.refusal("The request body holds no object.");
            }
            return value;
        } catch (JacksonException e) {
            throw invalidBody(e);
        } catch (IOException e) {
            throw AlmaError.NO_VALID_XML.refusal("The body could not be read.");
        }
    }

    public static JsonNode readTree(byte[] body, BodyFormat format) {
        try {
            return format == BodyFormat.XML ? AlmaXml.read(body) : JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalidBody(e);
        } catch (IOException e) {
            throw AlmaError.NO_VALID_XML.refusal("The body could not be read.");
        }
    }

    /** A body Jackson could not read, as Alma's 401676 (or the Alma error a field's own rule raised). */
    private static AlmaRefusal invalidBody(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AlmaRefusal alma) {
                return alma;
            }
        }
        return AlmaError.NO_VALID_XML.refusal("" + problem(e));
    }

    /**
     * What is wrong with a document Jackson could not read, in words a user of Alma reads: which field is unknown or
     * holds a value of the wrong type, or where the text stops being well-formed. Never a Java class name.
     */
    public static String problem(JacksonException e) {
        String field = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
                } else if (step.getIndex() >= 0) {
                    path.append('[').append(step.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        if (e instanceof UnrecognizedPropertyException && !field.isEmpty()) {
            return "There is no field " + field + " here.";
        }
        if (!field.isEmpty()
                && e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "The value of " + field + " must be one of "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants()) + ", not '" + invalid.getValue()
                    + "'.";
        }
        if (!field.isEmpty()) {
            return "The value of " + field + " is not of the type Alma expects there.";
        }
        if (e instanceof StreamReadException read && read.getLocation() != null) {
            return "The body is not well-formed at line " + read.getLocation().getLineNr() + ", column "
                    + read.getLocation().getColumnNr() + ".";
        }
        return "The body is not an object of the expected shape.";
    }

    public enum BodyFormat {
        JSON,
        XML
    }

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
