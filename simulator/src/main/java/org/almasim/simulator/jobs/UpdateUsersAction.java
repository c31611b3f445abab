package org.almasim.simulator.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaDates;
import org.almasim.simulator.users.JobRewrites;
import org.almasim.simulator.users.StoredUser;
import org.almasim.simulator.users.UserService;
import org.almasim.simulator.users.UserWrites;
import org.jooq.DSLContext;

/**
 * Update/Notify Users (M148) on one user: the changes its parameters switch on, each as a pair
 * {@code UPDATE_User_Information_<Field>_Active} ("true") and {@code ..._Value} (dates as epoch milliseconds).
 * Unlike the Users API, the job may turn an EXTERNAL user INTERNAL.
 */
final class UpdateUsersAction implements JobRun.UserAction {
    static final String EVENT = "User Update Failed";
    static final String PREFIX = "UPDATE_User_Information_";
    static final String[] FIELDS = {"Status", "Expiry_Date", "Purge_Date", "User_Group", "Account_Type"};

    private final UserService users;
    private final Map<String, String> changes;
    private final String externalId;
    private final String block;
    private final String note;
    private final LocalDate today;
    private final Instant now;

    private UpdateUsersAction(
            UserService users,
            Map<String, String> changes,
            String externalId,
            String block,
            String note,
            LocalDate today,
            Instant now) {
        this.users = users;
        this.changes = changes;
        this.externalId = externalId;
        this.block = block;
        this.note = note;
        this.today = today;
        this.now = now;
    }

    /** Reads the switched-on changes from the run's parameters; a change without a sensible value is refused before the run. */
    static UpdateUsersAction from(
            Map<String, String> parameters, CodeTables codes, UserService users, LocalDate today, Instant now) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (on(parameters, PREFIX + field + "_Active")) {
                String value = required(parameters, PREFIX + field + "_Value");
                changes.put(
                        field,
                        switch (field) {
                            case "Status" -> oneOf(value, "ACTIVE", "INACTIVE");
                            case "Account_Type" -> oneOf(value, "INTERNAL", "EXTERNAL");
                            case "User_Group" -> {
                                if (!codes.contains(CodeTables.USER_GROUPS, value)) {
                                    throw invalid(PREFIX + "User_Group_Value " + value + " is not a user group");
                                }
                                yield value;
                            }
                            default -> AlmaDates.format(epochDate(value));
                        });
            }
        }
        String externalId = parameters.get(PREFIX + "External_Id_Value");
        if ("EXTERNAL".equals(changes.get("Account_Type")) && externalId == null) {
            throw AlmaError.MANDATORY_PARAMETER_EMPTY.refusal(
                    "" + PREFIX + "External_Id_Value (making users EXTERNAL needs their external system).");
        }
        String block = on(parameters, "ADD_Block_Active") ? required(parameters, "ADD_Block_Value") : null;
        String note = on(parameters, "ADD_Note_Active") ? required(parameters, "ADD_Note_Value") : null;
        if (changes.isEmpty() && block == null && note == null) {
            throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("the run changes nothing (switch on at" + " least one "
                    + PREFIX + "..._Active, ADD_Block_Active or ADD_Note_Active).");
        }
        return new UpdateUsersAction(users, changes, externalId, block, note, today, now);
    }

    /** The batch's users, read and locked together in {@link #prepare}: jobs run their batches one at a time. */
    private Map<Long, StoredUser> batch = Map.of();

    private final JobRewrites rewrites = new JobRewrites();

    @Override
    public void prepare(DSLContext tx, List<Long> userKeys) {
        batch = UserWrites.lockForJob(tx, userKeys);
    }

    @Override
    public void finishBatch(DSLContext tx) {
        rewrites.write(tx);
    }

    @Override
    public Optional<String> apply(DSLContext tx, long userKey) {
        StoredUser stored = batch.get(userKey);
        if (stored == null) {
            return Optional.of(JobRun.GONE);
        }
        return users.writes().updateForJob(tx, stored, rewrites, user -> {
            changes.forEach((field, value) -> {
                switch (field) {
                    case "Status" -> {
                        user.putObject("status").put("value", value);
                        user.put("status_date", AlmaDates.format(today));
                    }
                    case "Expiry_Date" -> user.put("expiry_date", value);
                    case "Purge_Date" -> user.put("purge_date", value);
                    case "User_Group" -> user.putObject("user_group").put("value", value);
                    default -> {
                        user.putObject("account_type").put("value", value);
                        if (value.equals("INTERNAL")) {
                            user.remove("external_id");
                        } else {
                            user.put("external_id", externalId);
                        }
                    }
                }
            });
            if (block != null) {
                ObjectNode added = array(user, "user_block").addObject();
                added.put("segment_type", "Internal");
                added.putObject("block_type").put("value", "GENERAL");
                added.putObject("block_description").put("value", block);
                added.put("block_status", "ACTIVE");
                added.put("created_by", "Update/Notify Users job");
                added.put("created_date", now.toString());
            }
            if (note != null) {
                ObjectNode added = array(user, "user_note").addObject();
                added.put("segment_type", "Internal");
                added.putObject("note_type").put("value", "OTHER");
                added.put("note_text", note);
                added.put("user_viewable", false);
                added.put("popup_note", false);
                added.put("created_by", "Update/Notify Users job");
                added.put("created_date", now.toString());
            }
        });
    }

    private static ArrayNode array(ObjectNode user, String field) {
        return user.has(field) ? (ArrayNode) user.get(field) : user.putArray(field);
    }

    private static boolean on(Map<String, String> parameters, String name) {
        return "true".equalsIgnoreCase(parameters.get(name));
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw AlmaError.MANDATORY_PARAMETER_EMPTY.refusal("" + name + ".");
        }
        return value;
    }

    private static String oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw invalid(value + " is not one of " + String.join(", ", allowed));
    }

    private static LocalDate epochDate(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis.trim()))
                    .atOffset(ZoneOffset.UTC)
                    .toLocalDate();
        } catch (NumberFormatException e) {
            throw invalid("dates are epoch milliseconds, got " + millis);
        }
    }

    private static AlmaRefusal invalid(String detail) {
        return AlmaError.PARAMETER_VALUE_INVALID.refusal("" + detail + ".");
    }
}
