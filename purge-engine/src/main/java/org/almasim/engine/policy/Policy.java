package org.almasim.engine.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A consortium's purge policy as data (docs/policies.md): date fix-ups before a purge, who is protected, when patrons
 * become inactive, when they are purged, how they are reinstated, when the stages run, whom to tell, and the safety
 * limits a run must respect. Read from YAML by {@link PolicyReader}.
 */
public record Policy(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("schedule") Schedule schedule,
        @JsonProperty("fixups") FixUps fixups,
        @JsonProperty("protect") Protection protect,
        @JsonProperty("inactive") InactiveStage inactive,
        @JsonProperty("purge") PurgeStage purge,
        @JsonProperty("reinstate") Reinstatement reinstate,
        @JsonProperty("notices") List<Notice> notices,
        @JsonProperty("safety") Safety safety,
        @JsonIgnore Origin origin) {

    /** Where a policy was read from, and the line of each of its fields, so a later check can name the line it is about. */
    public record Origin(String source, Map<String, Integer> lines) {
        public static final Origin UNKNOWN = new Origin("policy", Map.of());

        /** "line N: " for a field by its JSON pointer ({@code /protect/sets/0}), or nothing when unknown. */
        public String line(String pointer) {
            Integer line = lines.get(pointer);
            return line == null ? "" : "line " + line + ": ";
        }
    }

    public Policy {
        origin = origin == null ? Origin.UNKNOWN : origin;
        fixups = fixups == null ? new FixUps(false, false, List.of()) : fixups;
        protect = protect == null ? new Protection(List.of(), List.of()) : protect;
        notices = notices == null ? List.of() : List.copyOf(notices);
        safety = safety == null ? new Safety(null, null, false, false) : safety;
    }

    /** The parts of a policy that act on patrons; fix-ups prepare the purge and run with it. */
    public enum Stage {
        FIXUPS,
        INACTIVE,
        PURGE
    }

    /** The same policy with only these stages: what a run of one scheduled stage, or a stage by hand, carries out. */
    public Policy only(Set<Stage> stages) {
        return new Policy(
                name,
                description,
                schedule,
                stages.contains(Stage.FIXUPS) ? fixups : null,
                protect,
                stages.contains(Stage.INACTIVE) ? inactive : null,
                stages.contains(Stage.PURGE) ? purge : null,
                reinstate,
                notices,
                safety,
                origin);
    }

    /** The stages that run on this day: every stage on the policy's own schedule, otherwise each stage on its own. */
    public Set<Stage> dueOn(LocalDate day) {
        Set<Stage> due = EnumSet.noneOf(Stage.class);
        if (schedule != null && schedule.firesOn(day)) {
            due.addAll(present());
            return due;
        }
        if (inactive != null
                && inactive.schedule() != null
                && inactive.schedule().firesOn(day)) {
            due.add(Stage.INACTIVE);
        }
        if (purge != null && purge.schedule() != null && purge.schedule().firesOn(day)) {
            due.add(Stage.PURGE);
            if (fixups.any()) {
                due.add(Stage.FIXUPS);
            }
        }
        return due;
    }

    /**
     * The logical sets that hold every candidate of the policy's stages, when each stage names one and there are no
     * fix-ups (which concern every patron); empty when a run must read every user.
     */
    public Optional<List<String>> candidateSets() {
        if (fixups.any() || present().isEmpty()) {
            return Optional.empty();
        }
        List<String> sets = new ArrayList<>();
        if (inactive != null) {
            if (inactive.candidatesSet() == null) {
                return Optional.empty();
            }
            sets.add(inactive.candidatesSet());
        }
        if (purge != null) {
            if (purge.candidatesSet() == null) {
                return Optional.empty();
            }
            sets.add(purge.candidatesSet());
        }
        return Optional.of(sets);
    }

    /** The stages this policy has. */
    public Set<Stage> present() {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        if (fixups.any()) {
            stages.add(Stage.FIXUPS);
        }
        if (inactive != null) {
            stages.add(Stage.INACTIVE);
        }
        if (purge != null) {
            stages.add(Stage.PURGE);
        }
        return stages;
    }

    /**
     * The same policy, allowed to find nobody: a scheduled stage with nobody to act on this week has simply nothing to
     * do, which is not the misconfiguration the safety check is there to catch.
     */
    public Policy allowingNobody() {
        return new Policy(
                name,
                description,
                schedule,
                fixups,
                protect,
                inactive,
                purge,
                reinstate,
                notices,
                new Safety(safety.maxPurges(), safety.maxShare(), safety.allowEveryone(), true),
                origin);
    }

    /** The same policy with a consortium member's own fix-ups, protections and notices' recipients. */
    public Policy forMember(FixUps memberFixups, Protection memberProtect, List<Notice> memberNotices) {
        return new Policy(
                name,
                description,
                schedule,
                memberFixups,
                memberProtect,
                inactive,
                purge,
                reinstate,
                memberNotices,
                safety,
                origin);
    }

    /** The same policy, remembering where it was read from. */
    Policy readFrom(Origin from) {
        return new Policy(
                name, description, schedule, fixups, protect, inactive, purge, reinstate, notices, safety, from);
    }

    public Optional<InactiveStage> inactiveStage() {
        return Optional.ofNullable(inactive);
    }

    public Optional<PurgeStage> purgeStage() {
        return Optional.ofNullable(purge);
    }

    /** FLVC's pre-purge API pass: purge dates made to match expiry dates, and groups parked at fixed dates. */
    public record FixUps(
            @JsonProperty("copy_expiry_to_empty_purge_date") boolean copyExpiryToEmptyPurgeDate,
            @JsonProperty("realign_purge_date_to_expiry") boolean realignPurgeDateToExpiry,
            @JsonProperty("fixed_dates") List<FixedDates> fixedDates) {
        public FixUps {
            fixedDates = fixedDates == null ? List.of() : List.copyOf(fixedDates);
        }

        public boolean any() {
            return copyExpiryToEmptyPurgeDate || realignPurgeDateToExpiry || !fixedDates.isEmpty();
        }
    }

    /** Users whose group's code matches a pattern, or whose description contains a word, get these dates. */
    public record FixedDates(
            @JsonProperty("user_group_description_contains") String userGroupDescriptionContains,
            @JsonProperty("user_group_code_matches") String userGroupCodeMatches,
            @JsonProperty("expiry_date") LocalDate expiryDate,
            @JsonProperty("purge_date") LocalDate purgeDate) {}

    /** Users never marked inactive nor purged: by user group code, or by membership of a named set. */
    public record Protection(
            @JsonProperty("user_groups") List<String> userGroups,
            @JsonProperty("sets") List<String> sets) {
        public Protection {
            userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
            sets = sets == null ? List.of() : List.copyOf(sets);
        }
    }

    /**
     * OPAL's weekly stage: ACTIVE users expired this many days or more become INACTIVE. {@code candidates_set} names an
     * Alma logical set that holds (at least) the stage's candidates, so a run reads those instead of every user.
     */
    public record InactiveStage(
            @JsonProperty("expired_days") int expiredDays,
            @JsonProperty("schedule") Schedule schedule,
            @JsonProperty("candidates_set") String candidatesSet) {}

    /**
     * Who is purged: by purge date before a cut-off (a table of run dates, or July 1 of the previous year), or by an
     * expiry date older than a period; limited to user groups and record types; balances up to the waive threshold ignored.
     */
    public record PurgeStage(
            @JsonProperty("by") String by,
            @JsonProperty("cutoffs") List<Cutoff> cutoffs,
            @JsonProperty("cutoff_rule") String cutoffRule,
            @JsonProperty("older_than") Period olderThan,
            @JsonProperty("grace_days") int graceDays,
            @JsonProperty("user_groups") List<String> userGroups,
            @JsonProperty("record_types") List<String> recordTypes,
            @JsonProperty("waive_threshold") BigDecimal waiveThreshold,
            @JsonProperty("schedule") Schedule schedule,
            @JsonProperty("candidates_set") String candidatesSet) {
        public static final String JULY_1_PREVIOUS_YEAR = "july_1_previous_year";

        public PurgeStage {
            by = by == null ? "purge_date" : by;
            cutoffs = cutoffs == null ? List.of() : List.copyOf(cutoffs);
            userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
            recordTypes = recordTypes == null ? List.of() : List.copyOf(recordTypes);
            waiveThreshold = waiveThreshold == null ? BigDecimal.ZERO : waiveThreshold;
        }
    }

    /** A row of FLVC's table: on this run date, patrons whose purge date is before this date are purged. */
    public record Cutoff(
            @JsonProperty("run") LocalDate run,
            @JsonProperty("before") LocalDate before) {}

    /** OPAL's reinstatement: status ACTIVE, a new expiry date, and an EXTERNAL account toggled to INTERNAL and back. */
    public record Reinstatement(
            @JsonProperty("extend_expiry_by") Period extendExpiryBy,
            @JsonProperty("toggle_external") boolean toggleExternal) {}

    /** A message sent some time before (or after) a run, to named recipients. */
    public record Notice(
            @JsonProperty("before") Period before,
            @JsonProperty("after") Period after,
            @JsonProperty("to") List<String> to,
            @JsonProperty("message") String message) {
        public Notice {
            to = to == null ? List.of() : List.copyOf(to);
        }
    }

    /** Limits a run must respect; a selection of everyone or nobody is refused unless allowed. */
    public record Safety(
            @JsonProperty("max_purges") Integer maxPurges,
            @JsonProperty("max_share") BigDecimal maxShare,
            @JsonProperty("allow_everyone") boolean allowEveryone,
            @JsonProperty("allow_nobody") boolean allowNobody) {}
}
