package org.almasim.simulator.settings;

import static org.almasim.simulator.db.Tables.INSTITUTION_SETTING;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.jooq.DSLContext;

/**
 * The institution's settings that the simulator's rules read, under {@code /almasim/v1/settings}.
 * Stored in the database, so they follow a reset and a file database like everything else.
 */
public final class InstitutionSettings {
    public static final String RESEARCH_ENABLED = "research_enabled";
    public static final String DELETE_USER_POLICY = "delete_user_policy";
    /** The library's name, which the trainer console shows in its header (a class follows which library is on screen). */
    public static final String INSTITUTION_NAME = "institution_name";

    /** The institution's Delete User Policy: what Alma keeps of a user it deletes. */
    public enum DeleteUserPolicy {
        KEEP_FULLY_REPORTABLE,
        KEEP_STATISTICS,
        KEEP_STATISTICS_REMOVE_PRIMARY_ID,
        FULLY_REMOVE
    }

    /** Not a row of its own: the currency is the single entry of Alma's Currency code table. */
    public static final String CURRENCY = "currency";
    /** The institution's own ids for almasim's jobs ({"M26701": "S5843217"}): a job answers by either. */
    public static final String JOB_IDS = "job_ids";

    private static final String JOB_ID_FORMAT = "[A-Za-z]\\d{1,20}";

    private final DSLContext dsl;
    private final CodeTables codes;
    private final Set<String> almasimJobIds;
    private final String registeredName;

    /**
     * {@code almasimJobIds}: the ids of the jobs almasim runs, which {@code job_ids} may give other ids;
     * {@code registeredName}: the name the institution was made with, its name until a setting renames it.
     */
    public InstitutionSettings(DSLContext dsl, CodeTables codes, Set<String> almasimJobIds, String registeredName) {
        this.dsl = dsl;
        this.codes = codes;
        this.almasimJobIds = Set.copyOf(almasimJobIds);
        this.registeredName = registeredName;
    }

    /** The library's name: the one its settings give, else the one it was made with. */
    public String institutionName() {
        return value(dsl, INSTITUTION_NAME).orElse(registeredName);
    }

    /** The institution's ids for almasim's jobs, by almasim's id; empty when it uses almasim's. */
    public static Map<String, String> jobIds(DSLContext db) {
        Map<String, String> ids = new LinkedHashMap<>();
        value(db, JOB_IDS).filter(text -> !text.isBlank()).ifPresent(text -> {
            for (String pair : text.split(",")) {
                String[] ends = pair.split("=", 2);
                ids.put(ends[0], ends[1]);
            }
        });
        return ids;
    }

    public static boolean researchEnabled(DSLContext db) {
        return value(db, RESEARCH_ENABLED).map(Boolean::parseBoolean).orElse(false);
    }

    public static DeleteUserPolicy deleteUserPolicy(DSLContext db) {
        return DeleteUserPolicy.valueOf(value(db, DELETE_USER_POLICY).orElse(DeleteUserPolicy.FULLY_REMOVE.name()));
    }

    private static Optional<String> value(DSLContext db, String name) {
        return db.select(INSTITUTION_SETTING.SETTING_VALUE)
                .from(INSTITUTION_SETTING)
                .where(INSTITUTION_SETTING.SETTING_NAME.eq(name))
                .fetchOptional(INSTITUTION_SETTING.SETTING_VALUE);
    }

    public Map<String, Object> all() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(INSTITUTION_NAME, institutionName());
        settings.put(RESEARCH_ENABLED, researchEnabled(dsl));
        settings.put(DELETE_USER_POLICY, deleteUserPolicy(dsl).name());
        settings.put(CURRENCY, codes.currency());
        settings.put(JOB_IDS, jobIds(dsl));
        return settings;
    }

    /** Changes the settings named in the body; an unknown setting or a wrong value changes nothing. */
    public Map<String, Object> update(Map<String, Object> changes) {
        check(changes);
        dsl.transaction(tx -> write(tx.dsl(), changes));
        codes.reload();
        return all();
    }

    /** Refuses an unknown setting or a wrong value, having changed nothing. */
    public void check(Map<String, Object> changes) {
        for (var change : changes.entrySet()) {
            switch (change.getKey()) {
                case RESEARCH_ENABLED -> {
                    if (!(change.getValue() instanceof Boolean)) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(RESEARCH_ENABLED + " must be true or false.");
                    }
                }
                case DELETE_USER_POLICY -> {
                    if (!(change.getValue() instanceof String policy)
                            || Arrays.stream(DeleteUserPolicy.values())
                                    .noneMatch(p -> p.name().equals(policy))) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(DELETE_USER_POLICY + " must be one of "
                                + Arrays.toString(DeleteUserPolicy.values()) + ".");
                    }
                }
                case INSTITUTION_NAME -> {
                    if (!(change.getValue() instanceof String name) || name.isBlank() || name.length() > 255) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(
                                INSTITUTION_NAME + " must be a name of 1 to 255 characters.");
                    }
                }
                case CURRENCY -> {
                    if (!(change.getValue() instanceof String code) || !code.matches("[A-Z]{3}")) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(
                                CURRENCY + " must be an ISO 4217 code such as USD or EUR.");
                    }
                }
                case JOB_IDS -> checkJobIds(change.getValue());
                default ->
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "Unknown setting '" + change.getKey() + "'. Settings: " + all().keySet() + ".");
            }
        }
    }

    /** Writes checked settings inside the caller's transaction (a population document's, or update's own). */
    public void write(DSLContext tx, Map<String, Object> changes) {
        changes.forEach((name, value) -> {
            if (name.equals(JOB_IDS)) {
                store(
                        tx,
                        name,
                        ((Map<?, ?>) value)
                                .entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .collect(Collectors.joining(",")));
            } else if (name.equals(CURRENCY)) {
                CodeTables.replaceAll(tx, CodeTables.CURRENCY, value.toString(), value.toString());
            } else {
                store(tx, name, value.toString());
            }
        });
    }

    private static void store(DSLContext tx, String name, String value) {
        tx.mergeInto(INSTITUTION_SETTING)
                .using(tx.selectOne())
                .on(INSTITUTION_SETTING.SETTING_NAME.eq(name))
                .whenMatchedThenUpdate()
                .set(INSTITUTION_SETTING.SETTING_VALUE, value)
                .whenNotMatchedThenInsert(INSTITUTION_SETTING.SETTING_NAME, INSTITUTION_SETTING.SETTING_VALUE)
                .values(name, value)
                .execute();
    }

    /** A map from almasim's job ids to new ids in Alma's form (a letter and digits), no two the same, none another job's. */
    private void checkJobIds(Object value) {
        if (!(value instanceof Map<?, ?> ids)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    JOB_IDS + " must map almasim's job ids " + almasimJobIds + " to the institution's.");
        }
        Set<String> taken = new HashSet<>();
        for (var id : ids.entrySet()) {
            if (!almasimJobIds.contains(String.valueOf(id.getKey()))) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        JOB_IDS + ": no job " + id.getKey() + " (almasim's jobs are " + almasimJobIds + ").");
            }
            String own = String.valueOf(id.getValue());
            if (!own.matches(JOB_ID_FORMAT)
                    || !taken.add(own.toUpperCase(Locale.ROOT))
                    || (almasimJobIds.stream().anyMatch(own::equalsIgnoreCase)
                            && !own.equalsIgnoreCase(String.valueOf(id.getKey())))) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        JOB_IDS + ": " + own + " must be a letter and digits, and no other job's id.");
            }
        }
    }
}
