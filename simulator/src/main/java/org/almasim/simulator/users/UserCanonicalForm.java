package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.http.AlmaFormats;

/**
 * A user as almasim stores and answers it: every code described from the code tables (a client's words never kept),
 * notes and blocks completed as Alma completes them, the empty values Alma answers, fields in rest_user.xsd's order.
 */
final class UserCanonicalForm {
    private final CodeTables codes;
    private final SimulatedClock clock;

    UserCanonicalForm(CodeTables codes, SimulatedClock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** Who Alma names as the creator of a note or block added through the API, as it names the API's job runs. */
    static final String CREATED_THROUGH_API = "exl_api";

    /**
     * A note as Alma keeps one: {@code user_viewable} and {@code popup_note} (required by rest_user.xsd, default false),
     * its creator and creation time, an Internal segment, and its type's words from the code table.
     */
    private void completeNote(ObjectNode note) {
        putIfAbsent(note, "segment_type", "Internal");
        if (!note.has("user_viewable")) {
            note.put("user_viewable", false);
        }
        if (!note.has("popup_note")) {
            note.put("popup_note", false);
        }
        putIfAbsent(note, "created_by", CREATED_THROUGH_API);
        putIfAbsent(note, "created_date", createdToday());
        describe(note, "note_type", CodeTables.NOTE_TYPES);
    }

    /** A block as Alma keeps one: type GENERAL and status Active by default, its creator and time, described. */
    private void completeBlock(ObjectNode block) {
        putIfAbsent(block, "segment_type", "Internal");
        if (!block.has("block_type")) {
            block.putObject("block_type").put("value", "GENERAL");
        }
        putIfAbsent(block, "block_status", "Active");
        putIfAbsent(block, "created_by", CREATED_THROUGH_API);
        putIfAbsent(block, "created_date", createdToday());
        describe(block, "block_type", CodeTables.BLOCK_TYPES);
        describe(block, "block_description", CodeTables.BLOCK_DESCRIPTIONS);
    }

    private void describeRole(ObjectNode role) {
        describe(role, "role_type", CodeTables.ROLE_TYPES);
        describe(role, "status", CodeTables.ROLE_STATUSES);
        describe(role, "scope", CodeTables.LIBRARIES);
    }

    /** Each code of a contact's list of types ({@code email_type: [{"value": "personal"}]}), described. */
    private void describeTypes(JsonNode contacts, String field, String table) {
        contacts.forEach(contact -> contact.path(field).forEach(type -> {
            if (type.isObject() && type.has("value")) {
                codes.description(table, type.get("value").asText())
                        .ifPresent(desc -> ((ObjectNode) type).put("desc", desc));
            }
        }));
    }

    /** The object's fields in its record's order (rest_user.xsd's), a field added by default included. */
    private static void inRecordOrder(ObjectNode node, Class<? extends Record> record) {
        ObjectNode ordered = AlmaFormats.JSON.createObjectNode();
        for (RecordComponent component : record.getRecordComponents()) {
            // The annotation reaches a record's accessor, not its component.
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property == null ? component.getName() : property.value();
            if (node.has(name)) {
                ordered.set(name, node.get(name));
            }
        }
        node.properties().forEach(field -> {
            if (!ordered.has(field.getKey())) {
                ordered.set(field.getKey(), field.getValue());
            }
        });
        node.removeAll();
        node.setAll(ordered);
    }

    /**
     * When a note or block given without its creation time was created: the start of the simulated day, so that the
     * same population loaded twice is the same library (a load writes many at once).
     */
    private String createdToday() {
        return clock.today().atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        JsonNode present = node.get(field);
        if (present == null
                || present.isNull()
                || (present.isTextual() && present.asText().isEmpty())) {
            node.put(field, value);
        }
    }

    /**
     * Fields a real Alma answers even when they hold nothing (responses/user_response.json): clients read
     * {@code data['password']} and {@code data['user_note']} without a default.
     */
    private static final List<String> ANSWERED_EMPTY_TEXT = List.of(
            "middle_name", "job_description", "web_site_url", "external_id", "password", "force_password_change");

    private static final List<String> ANSWERED_EMPTY_LISTS =
            List.of("user_block", "user_note", "user_statistic", "proxy_for_user");
    private static final List<String> ANSWERED_EMPTY_CODES = List.of("user_title", "job_category", "gender");

    /**
     * Alma answers every code with its description. Codes of the tables almasim keeps are described from them (above);
     * any other code (campus, language, an email type) gets an empty description rather than none.
     */
    private static void everyCodeDescribed(JsonNode node) {
        if (node.isObject()) {
            if (node.has("value")
                    && !node.has("desc")
                    && node.get("value").isValueNode()
                    && !node.has("link")
                    && node.size() == 1) {
                ((ObjectNode) node).put("desc", "");
            }
            node.forEach(UserCanonicalForm::everyCodeDescribed);
        } else if (node.isArray()) {
            node.forEach(UserCanonicalForm::everyCodeDescribed);
        }
    }

    /** The stored form: descriptions filled from the code tables, defaults applied, output-only fields dropped. */
    CanonicalUser of(User user) {
        ObjectNode node = AlmaFormats.JSON.valueToTree(user);
        Stream.of("link", "requests", "loans", "fees", "password").forEach(node::remove);
        dropDescriptions(node);
        describe(node, "record_type", CodeTables.RECORD_TYPES);
        describe(node, "user_group", CodeTables.USER_GROUPS);
        describe(node, "account_type", CodeTables.ACCOUNT_TYPES);
        node.set("status", AlmaFormats.JSON.valueToTree(Code.of(UserRules.statusOf(user))));
        describe(node, "status", CodeTables.USER_STATUSES);
        String fullName = Stream.of(user.firstName(), user.middleName(), user.lastName())
                .filter(s -> s != null)
                .collect(Collectors.joining(" "));
        if (fullName.isEmpty()) {
            node.remove("full_name");
        } else {
            node.put("full_name", fullName);
        }
        node.path("user_note").forEach(n -> {
            completeNote((ObjectNode) n);
            inRecordOrder((ObjectNode) n, UserNote.class);
        });
        node.path("user_block").forEach(b -> {
            completeBlock((ObjectNode) b);
            inRecordOrder((ObjectNode) b, UserBlock.class);
        });
        node.path("user_role").forEach(r -> describeRole((ObjectNode) r));
        node.path("user_statistic").forEach(statistic -> {
            // Not checked against the tables (almasim starts with none), so a description given is kept if the table
            // has none.
            describeIfKnown(statistic, "statistic_category", CodeTables.STATISTIC_CATEGORIES);
            describeIfKnown(statistic, "category_type", CodeTables.STATISTIC_TYPES);
        });
        JsonNode contact = node.path("contact_info");
        describeTypes(contact.path("email"), "email_type", CodeTables.EMAIL_TYPES);
        describeTypes(contact.path("address"), "address_type", CodeTables.ADDRESS_TYPES);
        describeTypes(contact.path("phone"), "phone_type", CodeTables.PHONE_TYPES);
        JsonNode identifiers = node.get("user_identifier");
        if (identifiers != null) {
            identifiers.forEach(id -> describe((ObjectNode) id, "id_type", CodeTables.IDENTIFIER_TYPES));
        }
        ANSWERED_EMPTY_TEXT.forEach(field -> {
            if (!node.has(field)) {
                node.put(field, "");
            }
        });
        ANSWERED_EMPTY_LISTS.forEach(field -> {
            if (!node.has(field)) {
                node.putArray(field);
            }
        });
        ANSWERED_EMPTY_CODES.forEach(field -> {
            if (!node.has(field)) {
                node.putObject(field).put("value", "").put("desc", "");
            }
        });
        node.path("user_role").forEach(role -> {
            if (!role.has("parameter")) {
                ((ObjectNode) role).putArray("parameter");
            }
        });
        node.path("contact_info").path("address").forEach(address -> {
            ObjectNode fields = (ObjectNode) address;
            Stream.of("address_note", "state_province")
                    .filter(f -> !fields.has(f))
                    .forEach(f -> fields.put(f, ""));
            if (!fields.has("country")) {
                fields.putObject("country").put("value", "").put("desc", "");
            }
        });
        everyCodeDescribed(node);
        ObjectNode ordered = AlmaFormats.JSON.createObjectNode();
        for (String field : User.class.getAnnotation(JsonPropertyOrder.class).value()) {
            if (node.has(field)) {
                ordered.set(field, node.get(field));
            }
        }
        user.otherFields().forEach(ordered::set);
        // The stored columns come from fields canonicalisation leaves as they are (ids, code values, dates, names),
        // so the user as given serves for them; only the status needs its default (statusOf).
        return new CanonicalUser(user, ordered.toString(), ordered);
    }

    /**
     * A client's descriptions are never kept (the code tables say what a code means), and an object left empty
     * ({@code "contact_info":{}}) is no value at all.
     */
    private static void dropDescriptions(JsonNode node) {
        if (node.isObject()) {
            if (node.has("value") && node.has("desc")) {
                ((ObjectNode) node).remove("desc");
            }
            node.forEach(UserCanonicalForm::dropDescriptions);
            List<String> empty = new ArrayList<>();
            node.properties().forEach(f -> {
                if (f.getValue().isObject() && f.getValue().isEmpty()) {
                    empty.add(f.getKey());
                }
            });
            ((ObjectNode) node).remove(empty);
        } else if (node.isArray()) {
            node.forEach(UserCanonicalForm::dropDescriptions);
        }
    }

    private void describeIfKnown(JsonNode node, String field, String table) {
        JsonNode code = node.get(field);
        if (code != null && code.isObject() && code.has("value")) {
            codes.description(table, code.get("value").asText())
                    .ifPresent(desc -> ((ObjectNode) code).put("desc", desc));
        }
    }

    private void describe(ObjectNode node, String field, String table) {
        JsonNode code = node.get(field);
        if (code != null && code.has("value")) {
            ObjectNode described = (ObjectNode) code;
            codes.description(table, code.get("value").asText())
                    .ifPresentOrElse(desc -> described.put("desc", desc), () -> described.remove("desc"));
        }
    }
}
