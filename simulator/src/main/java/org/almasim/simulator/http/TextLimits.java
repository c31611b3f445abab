package org.almasim.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.errors.AlmaError;

/**
 * How long a text value of an Alma object may be, checked before anything reaches the database: 255 characters for
 * a field unless named otherwise (Alma's own limit for names, identifiers and codes), longer for notes and
 * descriptions. A longer value is refused with Alma's invalid-parameter error naming the field.
 */
public final class TextLimits {
    public static final int DEFAULT = 255;

    private TextLimits() {}

    /** Checks every text value in the object, at any depth, against its field's limit. */
    public static void check(Object object, Map<String, Integer> longer) {
        walk("", AlmaFormats.JSON.valueToTree(object), longer);
    }

    /** Checks one value. */
    public static void check(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    field + " is longer than " + limit + " characters (" + value.length() + ").");
        }
    }

    private static void walk(String field, JsonNode node, Map<String, Integer> longer) {
        if (node.isTextual()) {
            String name = field.substring(field.lastIndexOf('.') + 1);
            check(field, node.asText(), longer.getOrDefault(name, DEFAULT));
        } else if (node.isArray()) {
            node.forEach(item -> walk(field, item, longer));
        } else if (node.isObject()) {
            for (var child : node.properties()) {
                // A code's value is checked under the field's own name: user_group, not value.
                String name = child.getKey().equals("value") && !field.isEmpty()
                        ? field
                        : field.isEmpty() ? child.getKey() : field + "." + child.getKey();
                walk(name, child.getValue(), longer);
            }
        }
    }
}
