package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.almasim.engine.alma.AlmaJson;

/**
 * A user as the copy keeps it: what purge logic reads in clear, everything that names a person generated. Built from a
 * list of the fields kept, never by removing the ones known to be personal, so a field Alma adds tomorrow is left out
 * rather than copied (docs/your-library.md lists both).
 */
public final class AnonymizedUser {
    /** Codes copied as they are: Alma's purge job and the policies read them (the description comes from the target). */
    private static final List<String> CODES = List.of(
            "record_type",
            "user_group",
            "account_type",
            "status",
            "campus_code",
            "preferred_language",
            "job_category",
            "cataloger_level");
    /** Dates and plain values copied as they are. */
    private static final List<String> VALUES = List.of("status_date", "expiry_date", "purge_date", "external_id");

    /** Where a generated address is: nobody's. */
    private static final String STREET = "1 Example Street";

    private static final String CITY = "Springfield";
    private static final String NOTE = "A note (its text is not copied).";

    private AnonymizedUser() {}

    /** The copy of {@code source} (a user as Alma's {@code GET /users/{id}} answers it), primary id {@code copiedId}. */
    public static ObjectNode of(JsonNode source, String copiedId, Pseudonyms pseudonyms) {
        ObjectNode user = AlmaJson.MAPPER.createObjectNode();
        String sourceId = source.path("primary_id").asText();
        user.put("primary_id", copiedId);
        user.put("first_name", pseudonyms.firstName(sourceId));
        user.put("last_name", pseudonyms.lastName(sourceId));
        for (String field : CODES) {
            code(source, user, field);
        }
        for (String field : VALUES) {
            String value = text(source.path(field));
            if (!value.isEmpty()) {
                user.put(field, value);
            }
        }
        user.set("contact_info", contactInfo(source.path("contact_info"), pseudonyms));
        ArrayNode identifiers = user.putArray("user_identifier");
        for (JsonNode identifier : source.path("user_identifier")) {
            String type = codeValue(identifier.path("id_type"));
            ObjectNode copied = identifiers.addObject();
            code(identifier, copied, "id_type");
            copied.put("value", pseudonyms.identifier(type, text(identifier.path("value"))));
            keep(identifier, copied, "segment_type", "status");
        }
        ArrayNode blocks = user.putArray("user_block");
        for (JsonNode block : source.path("user_block")) {
            ObjectNode copied = blocks.addObject();
            code(block, copied, "block_type");
            code(block, copied, "block_description");
            keep(block, copied, "block_status", "expiry_date", "created_date", "segment_type");
        }
        ArrayNode notes = user.putArray("user_note");
        for (JsonNode note : source.path("user_note")) {
            ObjectNode copied = notes.addObject();
            code(note, copied, "note_type");
            copied.put("note_text", NOTE);
            keep(note, copied, "user_viewable", "popup_note", "created_date", "segment_type");
        }
        ArrayNode statistics = user.putArray("user_statistic");
        for (JsonNode statistic : source.path("user_statistic")) {
            ObjectNode copied = statistics.addObject();
            code(statistic, copied, "statistic_category");
            code(statistic, copied, "category_type");
            keep(statistic, copied, "segment_type");
        }
        ArrayNode roles = user.putArray("user_role");
        for (JsonNode role : source.path("user_role")) {
            ObjectNode copied = roles.addObject();
            code(role, copied, "role_type");
            code(role, copied, "scope");
            code(role, copied, "status");
            keep(role, copied, "expiry_date");
        }
        return user;
    }

    private static ObjectNode contactInfo(JsonNode source, Pseudonyms pseudonyms) {
        ObjectNode contact = AlmaJson.MAPPER.createObjectNode();
        ArrayNode emails = contact.putArray("email");
        for (JsonNode email : source.path("email")) {
            ObjectNode copied = emails.addObject();
            copied.put("email_address", pseudonyms.email(text(email.path("email_address"))));
            copyList(email, copied, "email_type");
            keep(email, copied, "preferred", "segment_type");
        }
        ArrayNode addresses = contact.putArray("address");
        for (JsonNode address : source.path("address")) {
            ObjectNode copied = addresses.addObject();
            copied.put("line1", STREET);
            copied.put("city", CITY);
            copyList(address, copied, "address_type");
            keep(address, copied, "preferred", "segment_type");
        }
        ArrayNode phones = contact.putArray("phone");
        for (JsonNode phone : source.path("phone")) {
            ObjectNode copied = phones.addObject();
            copied.put("phone_number", pseudonyms.phone(text(phone.path("phone_number"))));
            copyList(phone, copied, "phone_type");
            keep(phone, copied, "preferred", "preferred_sms", "segment_type");
        }
        return contact;
    }

    /** A code field's value alone ({@code {"value": ...}}), when the source has one. */
    private static void code(JsonNode source, ObjectNode copy, String field) {
        String value = codeValue(source.path(field));
        if (!value.isEmpty()) {
            copy.putObject(field).put("value", value);
        }
    }

    /** A list of codes, such as an email's types. */
    private static void copyList(JsonNode source, ObjectNode copy, String field) {
        ArrayNode codes = copy.putArray(field);
        for (JsonNode code : source.path(field)) {
            String value = codeValue(code);
            if (!value.isEmpty()) {
                codes.addObject().put("value", value);
            }
        }
    }

    /** Plain fields (booleans, dates, Alma's own words) copied as they are when present. */
    private static void keep(JsonNode source, ObjectNode copy, String... fields) {
        for (String field : fields) {
            JsonNode value = source.path(field);
            if (value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
                copy.set(field, value);
            }
        }
    }

    /** A code's value ({@code {"value": "GRAD", "desc": ...}}), as the API answers it and an export file is read. */
    public static String codeValue(JsonNode code) {
        return text(code.path("value"));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }
}
