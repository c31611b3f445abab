package org.almasim.simulator.loans;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.almasim.simulator.loans.LoanRepository.StoredLoan;

/**
 * The simulator's one loan policy: 28 days, due at the end of the day; at most five renewals, each for the loan period
 * from the day of renewal, never past the maximum renewal period from the loan date.
 */
final class LoanPolicy {
    static final int LOAN_DAYS = 28;
    /** A sixth renewal is refused with 401822. */
    static final int MAX_RENEWALS = 5;
    /** From the loan date: no renewal sets a due date later than this. */
    static final int MAX_RENEWAL_PERIOD_DAYS = LOAN_DAYS * (MAX_RENEWALS + 1);

    private static final LocalTime DUE_TIME = LocalTime.of(23, 59);

    private LoanPolicy() {}

    /** The end of a due day. */
    static Instant dueOn(LocalDate day) {
        return day.atTime(DUE_TIME).toInstant(ZoneOffset.UTC);
    }

    /** The due date of a loan made, or renewed without limit, on this day. */
    static Instant dueAfter(LocalDate today) {
        return dueOn(today.plusDays(LOAN_DAYS));
    }

    /**
     * Alma renews "for the loan period from the current date", within the policy's maximum renewal period counted
     * from the loan date; a renewal never brings the due date earlier than it was (a renewal right after the loan was
     * made leaves it where it is, and succeeds, as a live Alma renewed a new loan).
     */
    static Instant renewedDue(StoredLoan loan, LocalDate today) {
        Instant fromToday = dueAfter(today);
        Instant limit =
                dueOn(loan.loanDate().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(MAX_RENEWAL_PERIOD_DAYS));
        Instant capped = fromToday.isAfter(limit) ? limit : fromToday;
        return capped.isAfter(loan.dueDate()) ? capped : loan.dueDate();
    }

    /**
     * Whether the loan may be renewed: active, under the renewal limit, and no other patron's hold request waiting for
     * its item. The one rule for the {@code renewable} flag and for a renewal.
     */
    static boolean renewable(StoredLoan loan, boolean requestedByOthers) {
        return loan.status().equals("ACTIVE") && loan.renewals() < MAX_RENEWALS && !requestedByOthers;
    }
}
