package org.almasim.simulator.users;

import static org.almasim.simulator.db.Tables.DELETED_USER;
import static org.almasim.simulator.db.Tables.PATRON;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.store.Page;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** What the Delete User Policy kept of deleted users, for the control plane: counts and the kept records. */
public final class DeletedUsers {
    private final DSLContext dsl;

    public DeletedUsers(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Counts of kept deletions by user group, record type and purge date ("none" where the user had no value). */
    public record Statistics(
            @JsonProperty("total") int total,
            @JsonProperty("by_user_group") Map<String, Integer> byUserGroup,
            @JsonProperty("by_record_type") Map<String, Integer> byRecordType,
            @JsonProperty("by_purge_date") Map<String, Integer> byPurgeDate) {}

    public record Kept(
            @JsonProperty("primary_id") String primaryId,
            @JsonProperty("user_group") String userGroup,
            @JsonProperty("record_type") String recordType,
            @JsonProperty("purge_date") LocalDate purgeDate,
            @JsonProperty("status") String status,
            @JsonProperty("deleted_on") LocalDate deletedOn,
            @JsonProperty("deleted_by") String deletedBy,
            @JsonProperty("policy") String policy,
            @JsonProperty("record") JsonNode record) {}

    public record KeptList(
            @JsonProperty("deleted_user") List<Kept> deletedUser,
            @JsonProperty("total_record_count") int total) {}

    public Statistics statistics() {
        return new Statistics(
                dsl.fetchCount(DELETED_USER),
                countBy(DELETED_USER.USER_GROUP),
                countBy(DELETED_USER.RECORD_TYPE),
                countBy(DELETED_USER.PURGE_DATE));
    }

    public KeptList list(Page page) {
        List<Kept> kept = dsl.selectFrom(DELETED_USER)
                .orderBy(DELETED_USER.DELETED_ID)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(r -> new Kept(
                        r.getPrimaryId(),
                        r.getUserGroup(),
                        r.getRecordType(),
                        r.getPurgeDate(),
                        r.getStatus(),
                        r.getDeletedOn(),
                        r.getDeletedBy(),
                        r.getPolicy(),
                        record(r.getDocument())));
        return new KeptList(kept, dsl.fetchCount(DELETED_USER));
    }

    private <T> Map<String, Integer> countBy(Field<T> field) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        dsl.select(field, DSL.count())
                .from(DELETED_USER)
                .groupBy(field)
                .orderBy(field)
                .forEach(
                        r -> counts.put(r.value1() == null ? "none" : r.value1().toString(), r.value2()));
        return counts;
    }

    private static JsonNode record(String document) {
        if (document == null) {
            return null;
        }
        try {
            ObjectNode node = (ObjectNode) AlmaFormats.JSON.readTree(document);
            node.putObject("status").put("value", "DELETED").put("desc", "Deleted");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A kept user record could not be read", e);
        }
    }

    /**
     * Keeps what the Delete User Policy keeps of users about to be deleted, in one INSERT ... SELECT, inside the
     * deleting transaction (this object bound to it).
     */
    void keep(Collection<Long> keys, InstitutionSettings.DeleteUserPolicy policy, LocalDate today, String deletedBy) {
        boolean keepId = policy != InstitutionSettings.DeleteUserPolicy.KEEP_STATISTICS_REMOVE_PRIMARY_ID;
        boolean keepRecord = policy == InstitutionSettings.DeleteUserPolicy.KEEP_FULLY_REPORTABLE;
        dsl.insertInto(
                        DELETED_USER,
                        DELETED_USER.PRIMARY_ID,
                        DELETED_USER.USER_GROUP,
                        DELETED_USER.RECORD_TYPE,
                        DELETED_USER.EXPIRY_DATE,
                        DELETED_USER.PURGE_DATE,
                        DELETED_USER.STATUS,
                        DELETED_USER.DELETED_ON,
                        DELETED_USER.DELETED_BY,
                        DELETED_USER.POLICY,
                        DELETED_USER.DOCUMENT)
                .select(dsl.select(
                                keepId ? PATRON.PRIMARY_ID : DSL.inline((String) null),
                                PATRON.USER_GROUP,
                                PATRON.RECORD_TYPE,
                                PATRON.EXPIRY_DATE,
                                PATRON.PURGE_DATE,
                                DSL.inline("DELETED"),
                                DSL.val(today),
                                DSL.val(deletedBy),
                                DSL.inline(policy.name()),
                                keepRecord ? PATRON.DOCUMENT : DSL.inline((String) null))
                        .from(PATRON)
                        .where(
                                keys.size() == 1
                                        ? PATRON.USER_KEY.eq(keys.iterator().next())
                                        : PATRON.USER_KEY.in(keys)))
                .execute();
    }
}
