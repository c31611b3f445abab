package org.almasim.simulator.admin;

import static org.almasim.simulator.db.Tables.INSTITUTION_SETTING;

import java.util.LinkedHashMap;
import java.util.Map;
import org.almasim.simulator.http.AlmaException;
import org.jooq.DSLContext;

/**
 * The institution's settings that the simulator's rules read, under {@code /almasim/v1/settings}.
 * Stored in the database, so they follow a reset and a file database like everything else.
 */
public final class InstitutionSettings {
    public static final String RESEARCH_ENABLED = "research_enabled";

    private final DSLContext dsl;

    public InstitutionSettings(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static boolean researchEnabled(DSLContext db) {
        return db.select(INSTITUTION_SETTING.SETTING_VALUE).from(INSTITUTION_SETTING)
                .where(INSTITUTION_SETTING.SETTING_NAME.eq(RESEARCH_ENABLED))
                .fetchOptional(INSTITUTION_SETTING.SETTING_VALUE).map(Boolean::parseBoolean).orElse(false);
    }

    public Map<String, Object> all() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(RESEARCH_ENABLED, researchEnabled(dsl));
        return settings;
    }

    /** Changes the settings named in the body; an unknown setting or a wrong value changes nothing. */
    public Map<String, Object> update(Map<String, Object> changes) {
        for (var change : changes.entrySet()) {
            if (!change.getKey().equals(RESEARCH_ENABLED)) {
                throw AlmaException.parameterNotValid("Unknown setting '" + change.getKey() + "'. Settings: " + all().keySet() + ".");
            }
            if (!(change.getValue() instanceof Boolean)) {
                throw AlmaException.parameterNotValid(RESEARCH_ENABLED + " must be true or false.");
            }
        }
        dsl.transaction(tx -> changes.forEach((name, value) -> tx.dsl().update(INSTITUTION_SETTING)
                .set(INSTITUTION_SETTING.SETTING_VALUE, value.toString()).where(INSTITUTION_SETTING.SETTING_NAME.eq(name)).execute()));
        return all();
    }
}
