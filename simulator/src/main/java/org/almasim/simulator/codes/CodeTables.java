package org.almasim.simulator.codes;

import static org.almasim.simulator.db.Tables.CODE_ENTRY;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.errors.AlmaError;
import org.jooq.DSLContext;

/**
 * Alma's code tables (user groups, record types, fee types, libraries...): what a code means and whether it is legal.
 * Held in memory, because every rendered object asks for descriptions; reloaded whenever a table changes.
 */
public final class CodeTables {
    public static final String USER_GROUPS = "UserGroups";
    public static final String RECORD_TYPES = "UserRecordTypes";
    public static final String ACCOUNT_TYPES = "UserAccountTypes";
    public static final String USER_STATUSES = "UserStatuses";
    public static final String IDENTIFIER_TYPES = "UserIdentifierTypes";
    public static final String FEE_TYPES = "FineFeeTypes";
    public static final String FEE_STATUSES = "FineFeeStatuses";
    public static final String TRANSACTION_TYPES = "FineFeeTransactionTypes";
    public static final String PAYMENT_METHODS = "PaymentMethods";
    public static final String WAIVE_REASONS = "FineFeeTransactionReason";
    public static final String LIBRARIES = "Libraries";
    public static final String CIRC_DESKS = "CircDesks";
    public static final String CURRENCY = "Currency";
    public static final String NOTE_TYPES = "NoteTypes";
    public static final String BLOCK_TYPES = "UserBlockTypes";
    public static final String BLOCK_DESCRIPTIONS = "UserBlockDescription";
    /** The roles' code table, which rest_user.xsd names HFrUserRoles.roleType. */
    public static final String ROLE_TYPES = "UserRoles";
    /** A role's status, which rest_user.xsd names Content Structure Status. */
    public static final String ROLE_STATUSES = "ContentStructureStatus";

    public static final String EMAIL_TYPES = "UserEmailTypes";
    public static final String ADDRESS_TYPES = "UserAddressTypes";
    public static final String PHONE_TYPES = "UserPhoneTypes";
    public static final String CANCELLATION_REASONS = "RequestCancellationReasons";
    public static final String STATISTIC_CATEGORIES = "UserStatCategories";
    public static final String STATISTIC_TYPES = "UserStatisticalTypes";

    /**
     * The tables each institution fills with codes of its own, which a population document (a copy of a library) may
     * add to: never one whose codes almasim's own rules read (record types, account types, statuses, currency).
     */
    public static final Set<String> LIBRARY_CONFIGURED = Set.of(
            USER_GROUPS,
            IDENTIFIER_TYPES,
            LIBRARIES,
            CIRC_DESKS,
            FEE_TYPES,
            TRANSACTION_TYPES,
            PAYMENT_METHODS,
            WAIVE_REASONS,
            NOTE_TYPES,
            BLOCK_TYPES,
            BLOCK_DESCRIPTIONS,
            STATISTIC_CATEGORIES,
            STATISTIC_TYPES,
            EMAIL_TYPES,
            ADDRESS_TYPES,
            PHONE_TYPES);

    private final DSLContext dsl;
    private volatile Map<String, Map<String, String>> tables = Map.of();

    public CodeTables(DSLContext dsl) {
        this.dsl = dsl;
        reload();
    }

    public void reload() {
        Map<String, Map<String, String>> loaded = new HashMap<>();
        dsl.selectFrom(CODE_ENTRY)
                .forEach(row -> loaded.computeIfAbsent(row.getCodeTable(), t -> new HashMap<>())
                        .put(row.getCode(), row.getDescription()));
        tables = loaded;
    }

    /** The tables as they are now, to restore if a load that changed them fails. */
    public Map<String, Map<String, String>> snapshot() {
        return tables;
    }

    /** Puts the code tables back as a snapshot had them. */
    public void restore(Map<String, Map<String, String>> snapshot) {
        if (snapshot.equals(tables)) {
            return;
        }
        dsl.transaction(tx -> {
            tx.dsl().deleteFrom(CODE_ENTRY).execute();
            snapshot.forEach((table, entries) -> entries.forEach((code, description) -> tx.dsl()
                    .insertInto(CODE_ENTRY)
                    .values(table, code, description)
                    .execute()));
        });
        reload();
    }

    /** The institution id almasim answers with, in Alma's form (21 digits ending in the institution's 4 digits). */
    static final String INSTITUTION_ID = "01ALMASIM_INST";

    /**
     * A table as Alma's Configuration API answers it; an unknown name is Alma's 40166411. Every code is enabled, and
     * none is the default.
     */
    public CodeTable table(String name) {
        Map<String, String> rows = name == null ? null : tables.get(name);
        if (rows == null && LIBRARY_CONFIGURED.contains(name)) {
            // A table every Alma has, which this library has not filled yet (statistical categories, say).
            rows = Map.of();
        }
        if (rows == null) {
            throw AlmaError.NO_CODE_TABLE.refusal(name);
        }
        List<CodeTable.Row> sorted = rows.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new CodeTable.Row(e.getKey(), e.getValue(), false, true))
                .toList();
        Code subSystem = name.startsWith("User")
                ? new Code("USERS", "User Management")
                : name.startsWith("Set") || name.startsWith("Job")
                        ? new Code("ADMINISTRATION", "Administration")
                        : new Code("FULFILLMENT", "Fulfillment");
        return new CodeTable(
                name,
                name,
                subSystem,
                false,
                new Code("en", "English"),
                new CodeTable.Scope(Code.of(INSTITUTION_ID), Code.of("")),
                sorted);
    }

    public boolean contains(String table, String code) {
        return tables.getOrDefault(table, Map.of()).containsKey(code);
    }

    public Optional<String> description(String table, String code) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(code));
    }

    /** The code with its description filled in; codes outside the table keep no description. */
    public Code describe(String table, Code code) {
        if (code == null) {
            return null;
        }
        return code.withDesc(description(table, code.value()).orElse(null));
    }

    public Code code(String table, String value) {
        return value == null ? null : describe(table, Code.of(value));
    }

    /** The institution's currency: the single entry of the Currency table. */
    public String currency() {
        return tables.getOrDefault(CURRENCY, Map.of("USD", ""))
                .keySet()
                .iterator()
                .next();
    }

    /** Makes this code the table's only one inside the caller's transaction; call {@link #reload()} once it commits. */
    public static void replaceAll(DSLContext tx, String table, String code, String description) {
        tx.deleteFrom(CODE_ENTRY).where(CODE_ENTRY.CODE_TABLE.eq(table)).execute();
        upsert(tx, table, code, description);
    }

    /** Adds or renames codes inside the caller's transaction; call {@link #reload()} once it commits. */
    public static void upsert(DSLContext tx, String table, String code, String description) {
        tx.mergeInto(CODE_ENTRY)
                .using(tx.selectOne())
                .on(CODE_ENTRY.CODE_TABLE.eq(table).and(CODE_ENTRY.CODE.eq(code)))
                .whenMatchedThenUpdate()
                .set(CODE_ENTRY.DESCRIPTION, description)
                .whenNotMatchedThenInsert(CODE_ENTRY.CODE_TABLE, CODE_ENTRY.CODE, CODE_ENTRY.DESCRIPTION)
                .values(table, code, description)
                .execute();
    }
}
