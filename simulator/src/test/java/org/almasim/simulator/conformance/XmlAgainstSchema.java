package org.almasim.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Checks an XML answer against one of Ex Libris' JSON schemas read through their {@code xml} annotations, the way the
 * developer network derives its XML from them: a property marked {@code attribute} is an attribute, a property named
 * {@code xml_value} is the element's text (a code's value beside its {@code desc} attribute), an array marked
 * {@code wrapped} is a wrapper element around one element per item, any other array is its items repeated under the
 * property's name. Ex Libris publishes no XSD of these objects beside rest_user.xsd; their JSON schemas carry the XML
 * form, so this is how almasim's XML is held to Alma's.
 *
 * <p>Every element and attribute must be one the schema names (an element Alma does not write breaks clients that bind
 * XML to classes), and every value must parse as its type: numbers as plain decimals (Alma writes {@code 70}, never
 * {@code 7E+1}), integers as digits, booleans as {@code true} or {@code false}, dates as {@code 2024-08-01Z} and times as
 * ISO-8601.
 */
final class XmlAgainstSchema {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}Z?");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})");

    private final JsonNode definitions;
    private final List<String> problems = new ArrayList<>();

    private XmlAgainstSchema(JsonNode definitions) {
        this.definitions = definitions;
    }

    /** What in {@code xml} the schema of {@code object} (a definition of {@code definitions}) does not allow. */
    static List<String> problems(JsonNode definitions, String object, String xml) {
        XmlAgainstSchema check = new XmlAgainstSchema(definitions);
        Element root = parse(xml);
        JsonNode schema = check.resolve(definitions.path(object));
        String expected = schema.path("xml").path("name").asText(object);
        if (!root.getTagName().equals(expected)) {
            check.problems.add("/: the root is <" + root.getTagName() + ">, Ex Libris' schema says <" + expected + ">");
        } else {
            check.object("/" + expected, root, schema);
        }
        return check.problems;
    }

    private void object(String path, Element element, JsonNode schema) {
        JsonNode properties = schema.path("properties");
        Optional<String> textProperty = propertyNamedXmlValue(properties);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (attribute.getName().startsWith("xmlns")) {
                continue;
            }
            JsonNode property = properties.path(attribute.getName());
            if (!property.path("xml").path("attribute").asBoolean(false)) {
                problems.add(path + "/@" + attribute.getName() + ": not an attribute of Ex Libris' schema");
            } else {
                value(path + "/@" + attribute.getName(), attribute.getValue(), property);
            }
        }
        if (textProperty.isPresent()) {
            value(path, element.getTextContent(), properties.path(textProperty.get()));
            if (hasChildElements(element)) {
                problems.add(path + ": a code holds its value as text, not elements");
            }
            return;
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                property(path, childElement, properties);
            } else if (child.getNodeType() == Node.TEXT_NODE
                    && !child.getTextContent().isBlank()) {
                problems.add(path + ": text \"" + child.getTextContent().strip() + "\" where the schema has elements");
            }
        }
    }

    private void property(String path, Element child, JsonNode properties) {
        String name = child.getTagName();
        String childPath = path + "/" + name;
        for (var field : properties.properties()) {
            JsonNode declared = field.getValue();
            JsonNode resolved = resolve(declared);
            if (declared.path("xml").path("attribute").asBoolean(false)) {
                continue;
            }
            boolean array = "array".equals(resolved.path("type").asText());
            boolean wrapped = resolved.path("xml").path("wrapped").asBoolean(false);
            if (array && wrapped && resolved.path("xml").path("name").asText().equals(name)) {
                JsonNode items = resolved.path("items");
                String itemName = items.path("xml").path("name").asText(field.getKey());
                JsonNode itemSchema = resolve(items);
                for (Node item = child.getFirstChild(); item != null; item = item.getNextSibling()) {
                    if (item instanceof Element itemElement) {
                        if (!itemElement.getTagName().equals(itemName)) {
                            problems.add(childPath + "/" + itemElement.getTagName() + ": the list holds <" + itemName
                                    + "> elements");
                        } else {
                            node(childPath + "/" + itemName, itemElement, itemSchema);
                        }
                    }
                }
                return;
            }
            if (field.getKey().equals(name) && !(array && wrapped)) {
                node(childPath, child, array ? resolve(resolved.path("items")) : resolved);
                return;
            }
        }
        problems.add(childPath + ": not an element of Ex Libris' schema");
    }

    private void node(String path, Element element, JsonNode schema) {
        if ("object".equals(schema.path("type").asText()) || schema.has("properties")) {
            object(path, element, schema);
        } else if (hasChildElements(element)) {
            problems.add(path + ": elements where the schema has a "
                    + schema.path("type").asText());
        } else {
            value(path, element.getTextContent(), schema);
        }
    }

    private void value(String path, String text, JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Pattern pattern = switch (resolved.path("type").asText()) {
            case "number" -> DECIMAL;
            case "integer" -> INTEGER;
            case "boolean" -> BOOLEAN;
            default ->
                switch (resolved.path("format").asText()) {
                    case "date" -> DATE;
                    case "date-time" -> DATE_TIME;
                    default -> null;
                };
        };
        if (pattern != null && !text.isEmpty() && !pattern.matcher(text).matches()) {
            problems.add(path + ": \"" + text + "\" is not a "
                    + resolved.path("type").asText()
                    + (resolved.has("format") ? " (" + resolved.path("format").asText() + ")" : "")
                    + " as Alma writes one");
        }
    }

    /** A definition with its {@code $ref} followed (the files are merged, so references are {@code #/name}). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = definitions.path(current.path("$ref").asText().substring(2));
        }
        return current;
    }

    private static Optional<String> propertyNamedXmlValue(JsonNode properties) {
        for (var field : properties.properties()) {
            if ("xml_value".equals(field.getValue().path("xml").path("name").asText())) {
                return Optional.of(field.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean hasChildElements(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                return true;
            }
        }
        return false;
    }

    /** The document element of an XML answer; an answer that is not well-formed fails the test. */
    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
