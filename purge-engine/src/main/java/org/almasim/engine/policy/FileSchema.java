package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A YAML file's JSON Schema: the one statement of what makes a policy or a scenario file valid, published in docs/ for
 * editors and read here from the classpath. Every problem is found in one pass and reported with its line.
 */
public final class FileSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build();

    /** docs/policy.schema.json. */
    public static final FileSchema POLICY = new FileSchema("policy.schema.json");

    /** docs/consortium.schema.json. */
    public static final FileSchema CONSORTIUM = new FileSchema("consortium.schema.json");

    private static final Pattern ANY_OF_BRANCH = Pattern.compile("(.*)/anyOf/\\d+/required");

    private final JsonNode raw;
    private final JsonSchema schema;

    /** The schema {@code schemas/NAME} on the classpath (each module's build copies its schema there from docs/). */
    public FileSchema(String name) {
        String resource = "schemas/" + name;
        try (InputStream in = FileSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            raw = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(raw, CONFIG);
    }

    /** Every way {@code tree} breaks the schema, in the file's order: "line N: where: what". */
    public List<String> problems(JsonNode tree, Map<String, Integer> lines) {
        return problems(tree, lines, "");
    }

    /** As above for a part of a file (a policy inside a scenario at {@code at}, such as /policies/0). */
    public List<String> problems(JsonNode tree, Map<String, Integer> lines, String at) {
        Set<ValidationMessage> messages = schema.validate(tree);
        // A choice ("give exactly one of a, b and c") already says what is missing; its branches' own misses are not
        // repeated.
        List<String> choices = messages.stream()
                .filter(m -> choice(m).isPresent())
                .map(m -> m.getEvaluationPath().toString())
                .toList();
        List<String> found = new ArrayList<>();
        // An unmet anyOf is reported only through its branches' misses: they are gathered back into one choice.
        Set<String> anyOfs = new HashSet<>();
        for (ValidationMessage m : messages) {
            String evaluated = m.getEvaluationPath().toString();
            if (choices.stream().anyMatch(c -> evaluated.startsWith(c + "/") && !evaluated.equals(c))) {
                continue;
            }
            Matcher anyOf = ANY_OF_BRANCH.matcher(evaluated);
            if ("required".equals(m.getType()) && anyOf.matches()) {
                Optional<String> choice = choice("anyOf", schemaAt(m, 2));
                if (choice.isPresent()) {
                    if (anyOfs.add(anyOf.group(1) + " " + m.getInstanceLocation())) {
                        found.add(YamlLines.problemAt(lines, at + m.getInstanceLocation(), choice.get()));
                    }
                    continue;
                }
            }
            String pointer = at + m.getInstanceLocation().toString();
            if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
                pointer = pointer + "/" + m.getProperty();
            }
            found.add(YamlLines.problemAt(lines, pointer, what(m)));
        }
        impossibleDates(tree, at, lines, found);
        // Sorted first so that problems on one line always come in the same order.
        return YamlLines.inFileOrder(found.stream().sorted().toList());
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * What a schema's pattern cannot say: that a date written YYYY-MM-DD is a day of the calendar (2024-02-30 is
     * not). Found here with the rest, so every one is listed with its line instead of the first stopping the reading.
     */
    private static void impossibleDates(JsonNode node, String pointer, Map<String, Integer> lines, List<String> found) {
        if (node.isTextual() && DATE.matcher(node.asText()).matches()) {
            try {
                LocalDate.parse(node.asText());
            } catch (DateTimeParseException e) {
                found.add(YamlLines.problemAt(lines, pointer, node.asText() + " is not a day of the calendar"));
            }
        } else if (node.isObject()) {
            node.properties()
                    .forEach(field -> impossibleDates(field.getValue(), pointer + "/" + field.getKey(), lines, found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                impossibleDates(node.get(i), pointer + "/" + i, lines, found);
            }
        }
    }

    private String what(ValidationMessage m) {
        return switch (m.getType()) {
            case "additionalProperties" -> "not a field here; the fields are " + and(fieldsBeside(m));
            case "required" -> m.getProperty() + " is required";
            case "oneOf", "anyOf" -> choice(m).orElse(m.getError());
            case "pattern" -> description(m).map(d -> "must be " + d).orElse(m.getError());
            default -> m.getError();
        };
    }

    private static Optional<String> choice(ValidationMessage m) {
        return choice(m.getType(), m.getSchemaNode());
    }

    /** "give exactly one of a, b and c" for a oneOf (or "give at least one of" for an anyOf) of required fields. */
    private static Optional<String> choice(String type, JsonNode branches) {
        if (!("oneOf".equals(type) || "anyOf".equals(type)) || !branches.isArray()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode branch : branches) {
            JsonNode required = branch.path("required");
            if (branch.size() != 1 || required.size() != 1) {
                return Optional.empty();
            }
            names.add(required.get(0).asText());
        }
        return Optional.of(("oneOf".equals(type) ? "give exactly one of " : "give at least one of ") + and(names));
    }

    /** The properties the object beside a refused field may have, from the schema it was checked against. */
    private List<String> fieldsBeside(ValidationMessage m) {
        JsonNode properties = schemaAt(m, 1).path("properties");
        return StreamSupport.stream(((Iterable<String>) properties::fieldNames).spliterator(), false)
                .collect(Collectors.toList());
    }

    /** A pattern's meaning, from the description of the schema that holds it ("a date YYYY-MM-DD"). */
    private Optional<String> description(ValidationMessage m) {
        JsonNode described = schemaAt(m, 1).path("description");
        return described.isTextual() ? Optional.of(described.asText()) : Optional.empty();
    }

    /** The schema node {@code up} levels above the keyword a message is about. */
    private JsonNode schemaAt(ValidationMessage m, int up) {
        String fragment = m.getSchemaLocation().getFragment().toString();
        for (int i = 0; i < up && fragment.contains("/"); i++) {
            fragment = fragment.substring(0, fragment.lastIndexOf('/'));
        }
        return raw.at(JsonPointer.compile(fragment.isEmpty() || fragment.startsWith("/") ? fragment : "/" + fragment));
    }

    private static String and(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
