package org.almasim.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The facts an answer states, the same in JSON and in XML: each as a field's name and its value, wherever it stands.
 * Alma's two forms differ in layout (a code's {@code value} is the element's text and its {@code desc} an attribute,
 * JSON lists drop XML's wrapper elements) but never in what they say. Used where Ex Libris publishes no schema of the
 * object (loans, requests), so that the XML answer is held to the JSON one, which the recorded answers hold to Alma's.
 */
final class XmlMatchesJson {
    private XmlMatchesJson() {}

    /** Name and value of every non-empty field of a JSON answer, sorted. */
    static List<String> facts(JsonNode json) {
        List<String> facts = new ArrayList<>();
        json(null, json, facts);
        return facts.stream().sorted().toList();
    }

    /** Name and value of every non-empty element text and attribute of an XML answer, sorted. */
    static List<String> facts(String xml) {
        List<String> facts = new ArrayList<>();
        xml(XmlAgainstSchema.parse(xml), facts);
        return facts.stream().sorted().toList();
    }

    private static void json(String name, JsonNode node, List<String> facts) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("value") && name != null) {
                    json(name, field.getValue(), facts);
                } else {
                    json(field.getKey(), field.getValue(), facts);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> json(name, element, facts));
        } else if (node.isNumber()) {
            facts.add(name + "=" + node.decimalValue().toPlainString());
        } else if (!node.isNull() && !node.asText().isEmpty()) {
            facts.add(name + "=" + node.asText());
        }
    }

    private static void xml(Element element, List<String> facts) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!attribute.getName().startsWith("xmlns")
                    && !attribute.getValue().isEmpty()) {
                facts.add(attribute.getName() + "=" + attribute.getValue());
            }
        }
        boolean hasElements = false;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                hasElements = true;
                xml(childElement, facts);
            }
        }
        if (!hasElements && !element.getTextContent().isEmpty()) {
            facts.add(element.getTagName() + "=" + element.getTextContent());
        }
    }
}
