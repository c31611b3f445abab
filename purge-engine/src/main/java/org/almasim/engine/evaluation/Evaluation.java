package org.almasim.engine.evaluation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.policy.Policy;

/**
 * A policy applied to one patron on one day: a pure function of its three arguments (the date is never read from a
 * clock). Fix-ups first, then the purge stage on the fixed dates, then the inactive stage for those not purged.
 */
public final class Evaluation {
    /** A patron this close to the cut-off is reported as eligible soon, with the days to go. */
    public static final int SOON_DAYS = 60;

    private Evaluation() {}

    public static Decision of(Policy policy, Patron patron, LocalDate today) {
        List<Reason> reasons = new ArrayList<>();
        Patron fixed = fixUps(policy.fixups(), patron, reasons);
        Optional<LocalDate> newExpiry =
                fixed.expiryDate().equals(patron.expiryDate()) ? Optional.empty() : fixed.expiryDate();
        Optional<LocalDate> newPurge =
                fixed.purgeDate().equals(patron.purgeDate()) ? Optional.empty() : fixed.purgeDate();
        Action action = stages(policy, fixed, today, reasons);
        if (action == Action.KEEP && (newExpiry.isPresent() || newPurge.isPresent())) {
            action = Action.FIX_DATES;
        }
        return new Decision(patron.primaryId(), action, reasons, newExpiry, newPurge);
    }

    /** The cut-off for a purge by purge date on this day: the table's row for the day, or July 1 of the previous year. */
    public static Optional<LocalDate> cutoff(Policy.PurgeStage purge, LocalDate today) {
        if (purge.olderThan() != null) {
            return Optional.of(today.minus(purge.olderThan()));
        }
        if (Policy.PurgeStage.JULY_1_PREVIOUS_YEAR.equals(purge.cutoffRule())) {
            return Optional.of(LocalDate.of(today.getYear() - 1, 7, 1));
        }
        return purge.cutoffs().stream()
                .filter(c -> c.run().equals(today))
                .map(Policy.Cutoff::before)
                .findFirst();
    }

    private static Patron fixUps(Policy.FixUps fixups, Patron patron, List<Reason> reasons) {
        for (Policy.FixedDates rule : fixups.fixedDates()) {
            if (matches(rule, patron)) {
                reasons.add(Reason.of(
                        ReasonCode.FIXED_DATES,
                        "user_group",
                        patron.userGroup(),
                        "user_group_description",
                        patron.userGroupDescription(),
                        "rule",
                        rule.userGroupDescriptionContains() != null
                                ? "contains \"" + rule.userGroupDescriptionContains() + "\""
                                : "matches " + rule.userGroupCodeMatches()));
                return patron.withDates(
                        rule.expiryDate() != null ? Optional.of(rule.expiryDate()) : patron.expiryDate(),
                        rule.purgeDate() != null ? Optional.of(rule.purgeDate()) : patron.purgeDate());
            }
        }
        if (patron.expiryDate().isPresent()) {
            LocalDate expiry = patron.expiryDate().get();
            if (patron.purgeDate().isEmpty() && fixups.copyExpiryToEmptyPurgeDate()) {
                reasons.add(Reason.of(ReasonCode.PURGE_DATE_COPIED, "expiry_date", expiry));
                return patron.withDates(patron.expiryDate(), patron.expiryDate());
            }
            if (patron.purgeDate().isPresent()
                    && !patron.purgeDate().get().equals(expiry)
                    && fixups.realignPurgeDateToExpiry()) {
                reasons.add(Reason.of(
                        ReasonCode.PURGE_DATE_REALIGNED,
                        "purge_date",
                        patron.purgeDate().get(),
                        "expiry_date",
                        expiry));
                return patron.withDates(patron.expiryDate(), patron.expiryDate());
            }
        }
        return patron;
    }

    private static boolean matches(Policy.FixedDates rule, Patron patron) {
        if (rule.userGroupDescriptionContains() != null) {
            return patron.userGroupDescription() != null
                    && patron.userGroupDescription()
                            .toLowerCase(Locale.ROOT)
                            .contains(rule.userGroupDescriptionContains().toLowerCase(Locale.ROOT));
        }
        return patron.userGroup() != null
                && Pattern.compile(rule.userGroupCodeMatches())
                        .matcher(patron.userGroup())
                        .matches();
    }

    private static Action stages(Policy policy, Patron patron, LocalDate today, List<Reason> reasons) {
        Optional<Reason> protection = protection(policy.protect(), patron);
        if (protection.isPresent()) {
            reasons.add(protection.get());
            return Action.KEEP;
        }
        if (policy.purgeStage().isPresent()) {
            Optional<Action> purge = purge(policy.purgeStage().get(), patron, today, reasons);
            if (purge.isPresent()) {
                return purge.get();
            }
        }
        if (policy.inactiveStage().isPresent()) {
            return inactive(policy.inactiveStage().get(), patron, today, reasons);
        }
        return Action.KEEP;
    }

    private static Optional<Reason> protection(Policy.Protection protect, Patron patron) {
        if (patron.userGroup() != null && protect.userGroups().contains(patron.userGroup())) {
            return Optional.of(Reason.of(ReasonCode.PROTECTED_USER_GROUP, "user_group", patron.userGroup()));
        }
        return protect.sets().stream()
                .filter(patron.sets()::contains)
                .findFirst()
                .map(set -> Reason.of(ReasonCode.PROTECTED_SET, "set", set));
    }

    /**
     * Why a date not before today's cut-off is not purged, and when it will be if the clock can make it so: a rolling
     * cut-off ({@code older_than}) reaches it day by day; a table's later run whose cut-off passes it purges it on that
     * run's day; otherwise (the last row of a table, or July 1 of the previous year) the date is simply not before the
     * cut-off.
     */
    private static Reason notYet(
            Policy.PurgeStage purge, String field, LocalDate date, LocalDate limit, LocalDate today) {
        if (purge.olderThan() != null) {
            long days = ChronoUnit.DAYS.between(limit, date) + 1;
            if (days <= SOON_DAYS) {
                return Reason.of(ReasonCode.ELIGIBLE_SOON, "field", field, "date", date, "cutoff", limit, "days", days);
            }
        }
        Optional<Policy.Cutoff> laterRun = purge.cutoffs().stream()
                .filter(row -> row.run().isAfter(today))
                .filter(row -> date.isBefore(row.before().minusDays(purge.graceDays())))
                .min(Comparator.comparing(Policy.Cutoff::run));
        if (laterRun.isPresent()) {
            return Reason.of(
                    ReasonCode.ELIGIBLE_AT_LATER_RUN,
                    "field",
                    field,
                    "date",
                    date,
                    "cutoff",
                    limit,
                    "run",
                    laterRun.get().run(),
                    "days",
                    ChronoUnit.DAYS.between(today, laterRun.get().run()));
        }
        return Reason.of(ReasonCode.NOT_BEFORE_CUTOFF, "field", field, "date", date, "cutoff", limit);
    }

    /** The purge stage's verdict, or nothing when the patron is not a candidate (the reasons then say why). */
    private static Optional<Action> purge(
            Policy.PurgeStage purge, Patron patron, LocalDate today, List<Reason> reasons) {
        boolean byExpiry = purge.by().equals("expiry_date");
        Optional<LocalDate> date = byExpiry ? patron.expiryDate() : patron.purgeDate();
        if (patron.expiryDate().isEmpty() && patron.purgeDate().isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NO_DATES));
            return Optional.empty();
        }
        if (date.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NO_DATE, "field", byExpiry ? "expiry date" : "purge date"));
            return Optional.empty();
        }
        Optional<LocalDate> cutoff = cutoff(purge, today);
        if (cutoff.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NO_RUN_TODAY, "today", today));
            return Optional.empty();
        }
        LocalDate limit = cutoff.get().minusDays(purge.graceDays());
        String field = byExpiry ? "expiry date" : "purge date";
        if (!date.get().isBefore(limit)) {
            reasons.add(notYet(purge, field, date.get(), limit, today));
            return Optional.empty();
        }
        if (!purge.userGroups().isEmpty() && !purge.userGroups().contains(patron.userGroup())) {
            reasons.add(Reason.of(
                    ReasonCode.USER_GROUP_NOT_COVERED,
                    "user_group",
                    patron.userGroup(),
                    "user_groups",
                    purge.userGroups()));
            return Optional.empty();
        }
        if (!purge.recordTypes().isEmpty() && !purge.recordTypes().contains(patron.recordType())) {
            reasons.add(Reason.of(
                    ReasonCode.RECORD_TYPE_NOT_COVERED,
                    "record_type",
                    patron.recordType(),
                    "record_types",
                    purge.recordTypes()));
            return Optional.empty();
        }
        reasons.add(Reason.of(ReasonCode.BEFORE_CUTOFF, "field", field, "date", date.get(), "cutoff", limit));
        boolean blocked = false;
        if (patron.activeLoans() > 0) {
            reasons.add(Reason.of(ReasonCode.ACTIVE_LOANS, "count", patron.activeLoans()));
            blocked = true;
        }
        if (patron.activeBalance().compareTo(purge.waiveThreshold()) > 0) {
            reasons.add(
                    purge.waiveThreshold().signum() > 0
                            ? Reason.of(
                                    ReasonCode.ACTIVE_BALANCE,
                                    "balance",
                                    patron.activeBalance().toPlainString(),
                                    "waive_threshold",
                                    purge.waiveThreshold().toPlainString())
                            : Reason.of(
                                    ReasonCode.ACTIVE_BALANCE,
                                    "balance",
                                    patron.activeBalance().toPlainString()));
            blocked = true;
        }
        if (blocked) {
            return Optional.of(Action.PURGE_BLOCKED);
        }
        return Optional.of(Action.PURGE);
    }

    private static Action inactive(Policy.InactiveStage stage, Patron patron, LocalDate today, List<Reason> reasons) {
        if (patron.expiryDate().isEmpty()) {
            reasons.add(Reason.of(ReasonCode.NO_EXPIRY_DATE));
            return Action.KEEP;
        }
        LocalDate expiry = patron.expiryDate().get();
        long expiredDays = ChronoUnit.DAYS.between(expiry, today);
        if (expiredDays < stage.expiredDays()) {
            reasons.add(
                    expiredDays < 0
                            ? Reason.of(ReasonCode.NOT_EXPIRED, "expiry_date", expiry)
                            : Reason.of(
                                    ReasonCode.EXPIRED_RECENTLY,
                                    "days",
                                    expiredDays,
                                    "inactive_after",
                                    stage.expiredDays()));
            return Action.KEEP;
        }
        if (!"ACTIVE".equals(patron.status())) {
            reasons.add(Reason.of(ReasonCode.ALREADY_INACTIVE, "days", expiredDays, "status", patron.status()));
            return Action.KEEP;
        }
        reasons.add(Reason.of(ReasonCode.EXPIRED_LONG_AGO, "days", expiredDays, "inactive_after", stage.expiredDays()));
        return Action.MARK_INACTIVE;
    }
}
