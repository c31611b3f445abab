package org.almasim.simulator.users;

import static org.almasim.simulator.db.Tables.DELETED_USER;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.http.AlmaFormats;
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
}
