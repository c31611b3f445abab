package org.almasim.simulator.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.TextLimits;

/** Alma's rules for a user record: what must be there, which codes are legal, and how a PUT swaps the record. */
final class UserRules {
    /** {@code override=} names mapped to the fields an EXTERNAL user keeps unless named there. */
    static final Map<String, String> PROTECTED_EXTERNAL_FIELDS = Map.ofEntries(
            Map.entry("user_group", "user_group"),
            Map.entry("job_category", "job_category"),
            Map.entry("pin_number", "pin_number"),
            Map.entry("preferred_language", "preferred_language"),
            Map.entry("campus_code", "campus_code"),
            Map.entry("rs_libraries", "rs_library"),
            Map.entry("user_title", "user_title"),
            Map.entry("library_notices", "library_notice"),
            Map.entry("pref_first_name", "pref_first_name"),
            Map.entry("pref_middle_name", "pref_middle_name"),
            Map.entry("pref_last_name", "pref_last_name"),
            Map.entry("cataloger_level", "cataloger_level"));

    /** Fields Alma lets run past 255 characters. */
    private static final Map<String, Integer> LONGER_TEXT = Map.of(
            "note_text",
            4000,
            "block_note",
            1000,
            "statistic_note",
            1000,
            "web_site_url",
            1000,
            "job_description",
            1000);

    private static final String INTERNAL = "INTERNAL";
    private static final String EXTERNAL = "EXTERNAL";

    private final CodeTables codes;
    private final UserCanonicalForm form;

    UserRules(CodeTables codes, SimulatedClock clock) {
        this.codes = codes;
        this.form = new UserCanonicalForm(codes, clock);
    }

    /** The stored form: descriptions filled from the code tables, defaults applied, output-only fields dropped. */
    CanonicalUser canonical(User user) {
        return form.of(user);
    }

    /**
     * The user with a record type: the one given, else {@code fallback} (PUBLIC for a new user, as a live Alma created
     * one from a body without it; the stored one for a PUT).
     */
    static User withRecordType(User user, Code fallback) {
        if (user.recordType() != null && user.recordType().value() != null) {
            return user;
        }
        ObjectNode node = AlmaFormats.JSON.valueToTree(user);
        node.set("record_type", AlmaFormats.JSON.valueToTree(fallback));
        return toUser(node);
    }

    static final Code PUBLIC = Code.of("PUBLIC");

    /** Everything a POST or PUT body must satisfy on its own. */
    void check(User user) {
        TextLimits.check(user, LONGER_TEXT);
        if (user.recordType() == null) {
            throw missing("record_type");
        }
        if (user.primaryId() == null) {
            throw missing("primary_id");
        }
        if (user.accountType() == null) {
            throw missing("account_type");
        }
        if (user.primaryId().length() > 255) {
            throw AlmaError.NO_VALID_XML.refusal("primary_id is longer than 255 characters.");
        }
        if (!codes.contains(CodeTables.RECORD_TYPES, user.recordType().value())) {
            throw invalid("record", user.recordType().value());
        }
        if (user.userGroup() != null
                && !codes.contains(CodeTables.USER_GROUPS, user.userGroup().value())) {
            throw AlmaError.USER_GROUP_NOT_LEGAL.refusal(user.userGroup().value());
        }
        String account = user.accountType().value();
        if (!account.equals(INTERNAL) && !account.equals(EXTERNAL)) {
            throw AlmaError.ACCOUNT_TYPE_ILLEGAL.refusal();
        }
        if (account.equals(INTERNAL) && user.externalId() != null) {
            throw AlmaError.EXTERNAL_ID_FOR_INTERNAL.refusal();
        }
        if (account.equals(EXTERNAL) && user.externalId() == null) {
            throw AlmaError.EXTERNAL_ID_MISSING.refusal();
        }
        if (user.status() != null
                && !codes.contains(CodeTables.USER_STATUSES, user.status().value())) {
            throw invalid("status", user.status().value());
        }
        for (UserIdentifier id : user.userIdentifier()) {
            if (id.idType() == null) {
                throw missing("user_identifier.id_type");
            }
            if (id.value() == null) {
                throw missing("user_identifier.value");
            }
            if (!codes.contains(CodeTables.IDENTIFIER_TYPES, id.idType().value())) {
                throw invalid("identifier", id.idType().value());
            }
        }
        long distinct = allIds(user).distinct().count();
        if (distinct != allIds(user).count()) {
            throw AlmaError.USER_REPEATS_IDENTIFIER.refusal(user.primaryId());
        }
    }

    /** The account-type moves Alma's Users API allows: INTERNAL to EXTERNAL yes, EXTERNAL to INTERNAL no. */
    void checkTransition(User existing, User incoming) {
        boolean wasExternal = EXTERNAL.equals(existing.accountType().value());
        String target = incoming.accountType().value();
        if (wasExternal && target.equals(INTERNAL)) {
            throw AlmaError.EXTERNAL_TO_INTERNAL.refusal();
        }
        if (wasExternal && !existing.externalId().equals(incoming.externalId())) {
            throw AlmaError.EXTERNAL_ID_CHANGED.refusal();
        }
    }

    /**
     * Swap-all: the incoming record replaces the stored one, except that roles are kept when none arrive and an
     * EXTERNAL user keeps its protected fields unless {@code override} names them.
     */
    User swapAll(User existing, User incoming, Set<String> override) {
        for (String name : override) {
            if (!PROTECTED_EXTERNAL_FIELDS.containsKey(name)) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "override accepts " + PROTECTED_EXTERNAL_FIELDS.keySet() + ", not '" + name + "'.");
            }
        }
        ObjectNode stored = AlmaFormats.JSON.valueToTree(existing);
        ObjectNode merged = AlmaFormats.JSON.valueToTree(incoming);
        if (incoming.userRole().isEmpty()) {
            copy(stored, merged, "user_role");
        }
        if (EXTERNAL.equals(existing.accountType().value())) {
            PROTECTED_EXTERNAL_FIELDS.forEach((param, field) -> {
                if (!override.contains(param)) {
                    copy(stored, merged, field);
                }
            });
        }
        return toUser(merged);
    }

    /** A user's status; Alma's default is ACTIVE. */
    static String statusOf(User user) {
        return user.status() == null ? "ACTIVE" : user.status().value();
    }

    static Stream<String> allIds(User user) {
        return Stream.concat(
                        Stream.of(user.primaryId()),
                        user.userIdentifier().stream().map(UserIdentifier::value))
                .map(UserRepository::fold);
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value);
        }
    }

    private static User toUser(ObjectNode node) {
        try {
            return AlmaFormats.JSON.treeToValue(node, User.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A user record could not be rebuilt from its own fields", e);
        }
    }

    private static AlmaRefusal missing(String field) {
        return AlmaError.MANDATORY_FIELD_MISSING.refusal("" + field);
    }

    private static AlmaRefusal invalid(String type, String value) {
        return AlmaError.TYPE_INVALID.refusal(type, value);
    }
}
