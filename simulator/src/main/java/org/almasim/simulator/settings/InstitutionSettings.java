package org.almasim.simulator.settings;

import static org.almasim.simulator.db.Tables.INSTITUTION_SETTING;

import java.util.LinkedHashMap;
import java.util.Map;
import org.almasim.simulator.http.AlmaException;
import org.almasim.simulator.codes.CodeTables;
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
    public enum DeleteUserPolicy { KEEP_FULLY_REPORTABLE, KEEP_STATISTICS, KEEP_STATISTICS_REMOVE_PRIMARY_ID, FULLY_REMOVE }

    /** Not a row of its own: the currency is the single entry of Alma's Currency code table. */
    public static final String CURRENCY = "currency";

    private final DSLContext dsl;
    private final CodeTables codes;

    public InstitutionSettings(DSLContext dsl, CodeTables codes) {
        this.dsl = dsl;
        this.codes = codes;
    }

    public static boolean researchEnabled(DSLContext db) {
        return value(db, RESEARCH_ENABLED).map(Boolean::parseBoolean).orElse(false);
    }

    public static DeleteUserPolicy deleteUserPolicy(DSLContext db) {
        return DeleteUserPolicy.valueOf(value(db, DELETE_USER_POLICY).orElse(DeleteUserPolicy.FULLY_REMOVE.name()));
    }

    private static java.util.Optional<String> value(DSLContext db, String name) {
        return db.select(INSTITUTION_SETTING.SETTING_VALUE).from(INSTITUTION_SETTING)
                .where(INSTITUTION_SETTING.SETTING_NAME.eq(name)).fetchOptional(INSTITUTION_SETTING.SETTING_VALUE);
    }

    public Map<String, Object> all() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(INSTITUTION_NAME, value(dsl, INSTITUTION_NAME).orElse("almasim library"));
        settings.put(RESEARCH_ENABLED, researchEnabled(dsl));
        settings.put(DELETE_USER_POLICY, deleteUserPolicy(dsl).name());
        settings.put(CURRENCY, codes.currency());
        return settings;
    }

    /** Changes the settings named in the body; an unknown setting or a wrong value changes nothing. */
    public Map<String, Object> update(Map<String, Object> changes) {
        for (var change : changes.entrySet()) {
            switch (change.getKey()) {
                case RESEARCH_ENABLED -> {
                    if (!(change.getValue() instanceof Boolean)) {
                        throw AlmaException.parameterNotValid(RESEARCH_ENABLED + " must be true or false.");
                    }
                }
                case DELETE_USER_POLICY -> {
                    if (!(change.getValue() instanceof String policy)
                            || java.util.Arrays.stream(DeleteUserPolicy.values()).noneMatch(p -> p.name().equals(policy))) {
                        throw AlmaException.parameterNotValid(DELETE_USER_POLICY + " must be one of "
                                + java.util.Arrays.toString(DeleteUserPolicy.values()) + ".");
                    }
                }
                case INSTITUTION_NAME -> {
                    if (!(change.getValue() instanceof String name) || name.isBlank() || name.length() > 255) {
                        throw AlmaException.parameterNotValid(INSTITUTION_NAME + " must be a name of 1 to 255 characters.");
                    }
                }
                case CURRENCY -> {
                    if (!(change.getValue() instanceof String code) || !code.matches("[A-Z]{3}")) {
                        throw AlmaException.parameterNotValid(CURRENCY + " must be an ISO 4217 code such as USD or EUR.");
                    }
                }
                default -> throw AlmaException.parameterNotValid("Unknown setting '" + change.getKey() + "'. Settings: " + all().keySet() + ".");
            }
        }
        dsl.transaction(tx -> changes.forEach((name, value) -> {
            if (name.equals(CURRENCY)) {
                CodeTables.replaceAll(tx.dsl(), CodeTables.CURRENCY, value.toString(), value.toString());
            } else {
                tx.dsl().mergeInto(INSTITUTION_SETTING).using(tx.dsl().selectOne()).on(INSTITUTION_SETTING.SETTING_NAME.eq(name))
                        .whenMatchedThenUpdate().set(INSTITUTION_SETTING.SETTING_VALUE, value.toString())
                        .whenNotMatchedThenInsert(INSTITUTION_SETTING.SETTING_NAME, INSTITUTION_SETTING.SETTING_VALUE)
                        .values(name, value.toString()).execute();
            }
        }));
        codes.reload();
        return all();
    }
}
