package org.almasim.simulator.jobs;

import static org.almasim.simulator.db.Tables.PATRON;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.deletion.DeletionBlocker;
import org.almasim.simulator.deletion.DeletionBlockers;
import org.almasim.simulator.jobs.PurgeVerdict.Outcome;
import org.almasim.simulator.jobs.PurgeVerdict.Reason;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.settings.InstitutionSettings.DeleteUserPolicy;
import org.jooq.DSLContext;

/**
 * The one answer to "what would Purge User Records do to this patron today": candidates by the job's own condition
 * ({@link PurgeParameters#candidates}), blockers by the job's own queries ({@link DeletionBlockers}), deletion by the
 * institution's Delete User Policy.
 */
public final class PurgeVerdicts {
    private PurgeVerdicts() {}

    public static PurgeVerdict of(
            DSLContext db, long userKey, PurgeParameters parameters, LocalDate today, String currency) {
        var patron = db.select(PATRON.PURGE_DATE, PATRON.USER_GROUP, PATRON.RECORD_TYPE)
                .from(PATRON)
                .where(PATRON.USER_KEY.eq(userKey))
                .fetchOne();
        boolean candidate = db.fetchExists(PATRON, PATRON.USER_KEY.eq(userKey).and(parameters.candidates(today)));
        if (patron == null || !candidate) {
            List<Reason> why = new ArrayList<>();
            LocalDate purgeDate = patron == null ? null : patron.value1();
            LocalDate cutoff = parameters.cutoff(today);
            if (purgeDate == null) {
                why.add(new Reason(
                        "NO_PURGE_DATE",
                        Map.of(),
                        "The patron has no purge date, and the job only deletes patrons whose"
                                + " purge date has passed."));
            } else if (purgeDate.isAfter(cutoff)) {
                why.add(new Reason(
                        "PURGE_DATE_AFTER_CUTOFF",
                        Map.of("purge_date", purgeDate.toString(), "cutoff", cutoff.toString()),
                        "Their purge date, " + purgeDate + ", is after " + cutoff + " (today less "
                                + parameters.graceDays() + " days of grace)."));
            }
            parameters
                    .userGroup()
                    .filter(group -> patron != null && !group.equals(patron.value2()))
                    .ifPresent(group -> why.add(new Reason(
                            "OTHER_USER_GROUP",
                            Map.of("user_group", String.valueOf(patron.value2()), "asked", group),
                            "Their user group, " + patron.value2() + ", is not " + group
                                    + ", the group the job was asked for.")));
            parameters
                    .recordType()
                    .filter(type -> patron != null && !type.equals(patron.value3()))
                    .ifPresent(type -> why.add(new Reason(
                            "OTHER_RECORD_TYPE",
                            Map.of("record_type", String.valueOf(patron.value3()), "asked", type),
                            "Their record type, " + patron.value3() + ", is not " + type
                                    + ", the type the job was asked for.")));
            return new PurgeVerdict(Outcome.NOT_A_CANDIDATE, why, parameters);
        }
        List<DeletionBlocker> blockers = DeletionBlockers.of(
                        db, List.of(userKey), parameters.waiveThreshold(), currency, null)
                .getOrDefault(userKey, List.of());
        if (!blockers.isEmpty()) {
            return new PurgeVerdict(
                    Outcome.REFUSED,
                    blockers.stream()
                            .map(b -> new Reason(b.kind(), Map.of(), b.reason()))
                            .toList(),
                    parameters);
        }
        DeleteUserPolicy policy = InstitutionSettings.deleteUserPolicy(db);
        return new PurgeVerdict(
                Outcome.DELETED,
                List.of(new Reason(
                        "DELETE_USER_POLICY",
                        Map.of("policy", policy.name()),
                        "The Delete User Policy, " + policy.name() + ", " + keeps(policy) + ".")),
                parameters);
    }

    private static String keeps(DeleteUserPolicy policy) {
        return switch (policy) {
            case KEEP_FULLY_REPORTABLE -> "keeps the whole record with status DELETED";
            case KEEP_STATISTICS -> "keeps the user's statistics and primary id";
            case KEEP_STATISTICS_REMOVE_PRIMARY_ID -> "keeps the user's statistics without the primary id";
            case FULLY_REMOVE -> "keeps nothing";
        };
    }
}
