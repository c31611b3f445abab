package org.almasim.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Alma's XML is its JSON with three differences, and this class is the only place that knows them:
 * lists sit inside a wrapper element ({@code user_identifiers/user_identifier}, where JSON has {@code user_identifier[]});
 * some fields are attributes ({@code segment_type}, {@code preferred}, {@code link}, list totals);
 * a code is element text with its {@code desc} as an attribute.
 * Every Alma object is rendered from its JSON tree, so the two formats cannot drift apart.
 */
final class AlmaXml {
    /** JSON list name to the XML element that wraps it. Lists not named here repeat without a wrapper. */
    private static final Map<String, String> WRAPPERS = Map.ofEntries(
            Map.entry("user_identifier", "user_identifiers"),
            Map.entry("user_role", "user_roles"),
            Map.entry("user_block", "user_blocks"),
            Map.entry("user_note", "user_notes"),
            Map.entry("user_statistic", "user_statistics"),
            Map.entry("proxy_for_user", "proxy_for_users"),
            Map.entry("rs_library", "rs_libraries"),
            Map.entry("library_notice", "library_notices"),
            Map.entry("address", "addresses"),
            Map.entry("email", "emails"),
            Map.entry("phone", "phones"),
            Map.entry("address_type", "address_types"),
            Map.entry("email_type", "email_types"),
            Map.entry("phone_type", "phone_types"),
            Map.entry("parameter", "parameters"),
            Map.entry("transaction", "transactions"),
            Map.entry("counter", "counters"),
            Map.entry("alert", "alerts"),
            Map.entry("event", "events"),
            Map.entry("row", "rows"));

    /** Fields written as attributes of their element. */
    private static final Set<String> ATTRIBUTES =
            Set.of("segment_type", "preferred", "preferred_sms", "link", "total_record_count", "total_sum", "currency");

    /** The fields besides {@code value} that make an object "text with attributes" (a code, a linked count). */
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("desc", "link", "name", "description");

    private static final XmlMapper TREE_READER = new XmlMapper();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private AlmaXml() {}

    static String write(String rootName, String namespace, JsonNode tree) {
        StringWriter out = new StringWriter(512);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(rootName);
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
            writeContent(xml, tree);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not render XML", e);
        }
        return out.toString();
    }

    /** Reads Alma XML into the JSON tree of the same object. */
    static JsonNode read(byte[] xml) throws IOException {
        JsonNode tree = TREE_READER.readTree(xml);
        return tree == null ? JsonNodeFactory.instance.objectNode() : normalise(tree);
    }

    private static void writeElement(XMLStreamWriter xml, String name, JsonNode node) throws XMLStreamException {
        if (node.isNull() || node.isMissingNode()) {
            return;
        }
        xml.writeStartElement(name);
        if (node.isObject()) {
            writeContent(xml, node);
        } else {
            xml.writeCharacters(text(node));
        }
        xml.writeEndElement();
    }

    private static void writeContent(XMLStreamWriter xml, JsonNode node) throws XMLStreamException {
        if (isTextWithAttributes(node)) {
            for (var field : node.properties()) {
                if (!field.getKey().equals("value") && !field.getValue().isNull()) {
                    xml.writeAttribute(field.getKey(), text(field.getValue()));
                }
            }
            JsonNode value = node.get("value");
            if (value != null && !value.isNull()) {
                xml.writeCharacters(text(value));
            }
            return;
        }
        List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
        for (var field : node.properties()) {
            if (ATTRIBUTES.contains(field.getKey()) && field.getValue().isValueNode()) {
                if (!field.getValue().isNull()) {
                    xml.writeAttribute(field.getKey(), text(field.getValue()));
                }
            } else {
                children.add(field);
            }
        }
        for (var child : children) {
            JsonNode value = child.getValue();
            if (value.isArray()) {
                String wrapper = WRAPPERS.get(child.getKey());
                if (wrapper != null) {
                    xml.writeStartElement(wrapper);
                }
                for (JsonNode item : value) {
                    writeElement(xml, child.getKey(), item);
                }
                if (wrapper != null) {
                    xml.writeEndElement();
                }
            } else {
                writeElement(xml, child.getKey(), value);
            }
        }
    }

    /** A value as Alma writes it: an amount in plain digits ({@code 70}, {@code 12.50}), never {@code 7E+1}. */
    private static String text(JsonNode value) {
        return carried(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
    }

    /**
     * The text with every character XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE and U+FFFF)
     * replaced by U+FFFD: JSON carries them, and a user stored through JSON must still be readable in XML.
     */
    static String carried(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (allowed) {
                    out.appendCodePoint(c);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /**
     * A code or a linked count: a value beside attribute-like fields that are themselves plain values. A job's
     * parameter ({@code {"name": {"value": ...}, "value": ...}}) names an object and is two elements, as Alma writes it.
     */
    private static boolean isTextWithAttributes(JsonNode node) {
        if (!node.isObject() || !node.has("value") || !node.get("value").isValueNode()) {
            return false;
        }
        for (var field : node.properties()) {
            if (!field.getKey().equals("value")
                    && (!TEXT_ATTRIBUTES.contains(field.getKey())
                            || !field.getValue().isValueNode())) {
                return false;
            }
        }
        return true;
    }

    /** Undoes the XML differences: unwraps lists (one item or many), and turns element text into {@code value}. */
    private static JsonNode normalise(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(normalise(item)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (var field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String listName = listInside(name);
            if (listName != null) {
                JsonNode items = value.isObject() ? value.get(listName) : null;
                ArrayNode array = result.putArray(listName);
                if (items != null && items.isArray()) {
                    items.forEach(item -> array.add(normalise(item)));
                } else if (items != null) {
                    array.add(normalise(items));
                }
            } else if (name.isEmpty()) {
                result.set("value", value);
            } else {
                result.set(name, normalise(value));
            }
        }
        return result;
    }

    private static String listInside(String wrapper) {
        for (var entry : WRAPPERS.entrySet()) {
            if (entry.getValue().equals(wrapper)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
