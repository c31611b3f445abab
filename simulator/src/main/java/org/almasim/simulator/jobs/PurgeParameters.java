package org.almasim.simulator.jobs;

import static org.almasim.simulator.db.Tables.PATRON;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;

/**
 * What Purge User Records is asked to do: the days of grace after a purge date, an optional user group and record type,
 * and the balance it waives. The one definition of who its candidates are, used by the job itself and by every view
 * that says what the job would do.
 */
public record PurgeParameters(
        @JsonProperty("number_of_days_after_purge_date") int graceDays,
        @JsonIgnore Optional<String> userGroup,
        @JsonIgnore Optional<String> recordType,
        @JsonProperty("waive_threshold") BigDecimal waiveThreshold) {
    /** The job run with no parameters, as a library's scheduled run usually is. */
    public static final PurgeParameters DEFAULTS =
            new PurgeParameters(0, Optional.empty(), Optional.empty(), BigDecimal.ZERO);

    /** From a run's checked parameters (names as Alma's job takes them). */
    static PurgeParameters of(Map<String, String> parameters) {
        return new PurgeParameters(
                Integer.parseInt(parameters.getOrDefault("number_of_days_after_purge_date", "0")),
                Optional.ofNullable(parameters.get("user_group")),
                Optional.ofNullable(parameters.get("record_type")),
                new BigDecimal(parameters.getOrDefault("waive_threshold", "0")));
    }

    /** The user group asked for, named as the job's parameter; absent when the job takes every group. */
    @JsonProperty("user_group")
    String userGroupAsked() {
        return userGroup.orElse(null);
    }

    @JsonProperty("record_type")
    String recordTypeAsked() {
        return recordType.orElse(null);
    }

    /** The last purge date the job deletes on this day: today less the days of grace. */
    public LocalDate cutoff(LocalDate today) {
        return today.minusDays(graceDays);
    }

    /** The job's candidates on this day: a purge date on or before the cut-off, of the group and record type asked. */
    public Condition candidates(LocalDate today) {
        Condition condition = PATRON.PURGE_DATE.le(cutoff(today));
        if (userGroup.isPresent()) {
            condition = condition.and(PATRON.USER_GROUP.eq(userGroup.get()));
        }
        if (recordType.isPresent()) {
            condition = condition.and(PATRON.RECORD_TYPE.eq(recordType.get()));
        }
        return condition;
    }
}
