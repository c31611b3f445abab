package org.almasim.engine.evaluation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private Evaluation() {
    }

    public static Decision of(Policy policy, Patron patron, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        Patron fixed = fixUps(policy.fixups(), patron, reasons);
        Optional<LocalDate> newExpiry = fixed.expiryDate().equals(patron.expiryDate()) ? Optional.empty() : fixed.expiryDate();
        Optional<LocalDate> newPurge = fixed.purgeDate().equals(patron.purgeDate()) ? Optional.empty() : fixed.purgeDate();
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
        return purge.cutoffs().stream().filter(c -> c.run().equals(today)).map(Policy.Cutoff::before).findFirst();
    }

    private static Patron fixUps(Policy.FixUps fixups, Patron patron, List<String> reasons) {
        for (Policy.FixedDates rule : fixups.fixedDates()) {
            if (matches(rule, patron)) {
                reasons.add("user group " + patron.userGroup() + " (" + patron.userGroupDescription() + ") "
                        + (rule.userGroupDescriptionContains() != null ? "contains \"" + rule.userGroupDescriptionContains() + "\""
                        : "matches " + rule.userGroupCodeMatches()) + ": dates set to fixed values");
                return patron.withDates(rule.expiryDate() != null ? Optional.of(rule.expiryDate()) : patron.expiryDate(),
                        rule.purgeDate() != null ? Optional.of(rule.purgeDate()) : patron.purgeDate());
            }
        }
        if (patron.expiryDate().isPresent()) {
            LocalDate expiry = patron.expiryDate().get();
            if (patron.purgeDate().isEmpty() && fixups.copyExpiryToEmptyPurgeDate()) {
                reasons.add("no purge date: the expiry date " + expiry + " is copied in");
                return patron.withDates(patron.expiryDate(), patron.expiryDate());
            }
            if (patron.purgeDate().isPresent() && !patron.purgeDate().get().equals(expiry) && fixups.realignPurgeDateToExpiry()) {
                reasons.add("purge date " + patron.purgeDate().get() + " realigned to the expiry date " + expiry);
                return patron.withDates(patron.expiryDate(), patron.expiryDate());
            }
        }
        return patron;
    }

    private static boolean matches(Policy.FixedDates rule, Patron patron) {
        if (rule.userGroupDescriptionContains() != null) {
            return patron.userGroupDescription() != null && patron.userGroupDescription().toLowerCase(Locale.ROOT)
                    .contains(rule.userGroupDescriptionContains().toLowerCase(Locale.ROOT));
        }
        return patron.userGroup() != null && Pattern.compile(rule.userGroupCodeMatches()).matcher(patron.userGroup()).matches();
    }

    private static Action stages(Policy policy, Patron patron, LocalDate today, List<String> reasons) {
        Optional<String> protection = protection(policy.protect(), patron);
        if (protection.isPresent()) {
            reasons.add(protection.get() + ": never marked inactive or purged");
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

    private static Optional<String> protection(Policy.Protection protect, Patron patron) {
        if (patron.userGroup() != null && protect.userGroups().contains(patron.userGroup())) {
            return Optional.of("protected user group " + patron.userGroup());
        }
        return protect.sets().stream().filter(patron.sets()::contains).findFirst().map(set -> "member of the protected set \"" + set + "\"");
    }

    /** The purge stage's verdict, or nothing when the patron is not a candidate (the reasons then say why). */
    private static Optional<Action> purge(Policy.PurgeStage purge, Patron patron, LocalDate today, List<String> reasons) {
        boolean byExpiry = purge.by().equals("expiry_date");
        Optional<LocalDate> date = byExpiry ? patron.expiryDate() : patron.purgeDate();
        if (patron.expiryDate().isEmpty() && patron.purgeDate().isEmpty()) {
            reasons.add("neither an expiry date nor a purge date: never purged");
            return Optional.empty();
        }
        if (date.isEmpty()) {
            reasons.add("no " + (byExpiry ? "expiry" : "purge") + " date: never a purge candidate");
            return Optional.empty();
        }
        Optional<LocalDate> cutoff = cutoff(purge, today);
        if (cutoff.isEmpty()) {
            reasons.add("no purge run on " + today + " in the policy's table of cut-offs");
            return Optional.empty();
        }
        LocalDate limit = cutoff.get().minusDays(purge.graceDays());
        String field = byExpiry ? "expiry date " : "purge date ";
        if (!date.get().isBefore(limit)) {
            long days = ChronoUnit.DAYS.between(limit, date.get());
            reasons.add(field + date.get() + " is not before the cut-off " + limit + (days <= 60 ? " (eligible in " + (days + 1)
                    + " days)" : ""));
            return Optional.empty();
        }
        if (!purge.userGroups().isEmpty() && !purge.userGroups().contains(patron.userGroup())) {
            reasons.add("user group " + patron.userGroup() + " is not one the purge covers " + purge.userGroups());
            return Optional.empty();
        }
        if (!purge.recordTypes().isEmpty() && !purge.recordTypes().contains(patron.recordType())) {
            reasons.add("record type " + patron.recordType() + " is not one the purge covers " + purge.recordTypes());
            return Optional.empty();
        }
        reasons.add(field + date.get() + " is before the cut-off " + limit);
        List<String> blockers = new ArrayList<>();
        if (patron.activeLoans() > 0) {
            blockers.add(patron.activeLoans() + " active loan" + (patron.activeLoans() == 1 ? "" : "s"));
        }
        if (patron.activeBalance().compareTo(purge.waiveThreshold()) > 0) {
            blockers.add("an active balance of " + patron.activeBalance().toPlainString()
                    + (purge.waiveThreshold().signum() > 0 ? " (above the waive threshold " + purge.waiveThreshold().toPlainString() + ")" : ""));
        }
        if (!blockers.isEmpty()) {
            reasons.add("but the purge job will refuse it: " + String.join(", ", blockers));
            return Optional.of(Action.PURGE_BLOCKED);
        }
        return Optional.of(Action.PURGE);
    }

    private static Action inactive(Policy.InactiveStage stage, Patron patron, LocalDate today, List<String> reasons) {
        if (patron.expiryDate().isEmpty()) {
            reasons.add("no expiry date: never marked inactive");
            return Action.KEEP;
        }
        LocalDate expiry = patron.expiryDate().get();
        long expiredDays = ChronoUnit.DAYS.between(expiry, today);
        if (expiredDays < stage.expiredDays()) {
            reasons.add(expiredDays < 0 ? "expires " + expiry : "expired " + expiredDays + " days ago, inactive after " + stage.expiredDays());
            return Action.KEEP;
        }
        if (!"ACTIVE".equals(patron.status())) {
            reasons.add("expired " + expiredDays + " days ago and already " + patron.status());
            return Action.KEEP;
        }
        reasons.add("expired " + expiredDays + " days ago (" + stage.expiredDays() + " or more): marked inactive");
        return Action.MARK_INACTIVE;
    }
}
