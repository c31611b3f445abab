package org.almasim.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.almasim.engine.evaluation.Decision.Action;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.junit.jupiter.api.Test;

/** Each rule of the two seeds, on the patron it is about. */
class EvaluationTest {
    private static final Policy FLVC = PolicyReader.load("flvc-annual");
    private static final Policy OPAL = PolicyReader.load("opal-lifecycle");
    private static final LocalDate FLVC_2024 = LocalDate.of(2024, 8, 1);

    private static Patron patron(String group, String description, String expiry, String purge) {
        return new Patron(
                "p",
                group,
                description,
                "PUBLIC",
                "EXTERNAL",
                "ACTIVE",
                date(expiry),
                date(purge),
                0,
                BigDecimal.ZERO,
                Set.of());
    }

    private static Optional<LocalDate> date(String text) {
        return Optional.ofNullable(text).map(LocalDate::parse);
    }

    private static Patron with(Patron p, int loans, String balance, String status, Set<String> sets) {
        return new Patron(
                p.primaryId(),
                p.userGroup(),
                p.userGroupDescription(),
                p.recordType(),
                p.accountType(),
                status,
                p.expiryDate(),
                p.purgeDate(),
                loans,
                new BigDecimal(balance),
                sets);
    }

    @Test
    void flvcPurgesPurgeDatesBeforeTheRunsCutOff() {
        Decision decision =
                Evaluation.of(FLVC, patron("UNDERGRAD", "Undergraduate", "2022-05-31", "2022-05-31"), FLVC_2024);
        assertThat(decision.action()).isEqualTo(Action.PURGE);
        assertThat(decision.reasons())
                .contains(Reason.of(
                        ReasonCode.BEFORE_CUTOFF,
                        "field",
                        "purge date",
                        "date",
                        LocalDate.of(2022, 5, 31),
                        "cutoff",
                        LocalDate.of(2023, 7, 1)));
        assertThat(Evaluation.of(FLVC, patron("UNDERGRAD", "Undergraduate", "2023-07-01", "2023-07-01"), FLVC_2024)
                        .action())
                .as("on the cut-off is not before it")
                .isEqualTo(Action.KEEP);
    }

    @Test
    void flvcPurgesNothingOnADayWithoutARun() {
        Decision decision = Evaluation.of(
                FLVC, patron("UNDERGRAD", "Undergraduate", "2020-05-31", "2020-05-31"), LocalDate.of(2024, 8, 2));
        assertThat(decision.action()).isEqualTo(Action.KEEP);
        assertThat(decision.reasons())
                .containsExactly(Reason.of(ReasonCode.NO_RUN_TODAY, "today", LocalDate.of(2024, 8, 2)));
        assertThat(decision.reasons().get(0).sentence())
                .isEqualTo("no purge run on 2024-08-02 in the policy's table of cut-offs");
    }

    @Test
    void flvcCopiesTheExpiryDateIntoAnEmptyPurgeDateBeforePurging() {
        Decision decision = Evaluation.of(FLVC, patron("GRAD", "Graduate", "2022-12-15", null), FLVC_2024);
        assertThat(decision.newPurgeDate()).contains(LocalDate.of(2022, 12, 15));
        assertThat(decision.action()).isEqualTo(Action.PURGE);
        Decision later = Evaluation.of(FLVC, patron("GRAD", "Graduate", "2025-12-15", null), FLVC_2024);
        assertThat(later.action()).isEqualTo(Action.FIX_DATES);
    }

    @Test
    void flvcRealignsAPurgeDateThatDiffersFromTheExpiryDate() {
        Decision decision = Evaluation.of(FLVC, patron("GRAD", "Graduate", "2026-05-31", "2022-01-01"), FLVC_2024);
        assertThat(decision.newPurgeDate()).contains(LocalDate.of(2026, 5, 31));
        assertThat(decision.action()).as("the realigned date is in the future").isEqualTo(Action.FIX_DATES);
    }

    @Test
    void flvcParksIllGroupsAt2050() {
        Decision decision =
                Evaluation.of(FLVC, patron("ILL", "ILL Department Patron", "2021-06-30", "2021-06-30"), FLVC_2024);
        assertThat(decision.newExpiryDate()).contains(LocalDate.of(2050, 1, 1));
        assertThat(decision.newPurgeDate()).contains(LocalDate.of(2050, 1, 1));
        assertThat(decision.action()).isEqualTo(Action.FIX_DATES);
    }

    @Test
    void aPatronWithNoDatesIsNeverPurged() {
        Decision decision = Evaluation.of(FLVC, patron("UNDERGRAD", "Undergraduate", null, null), FLVC_2024);
        assertThat(decision.action()).isEqualTo(Action.KEEP);
        assertThat(decision.reasons()).extracting(Reason::code).containsExactly(ReasonCode.NO_DATES);
    }

    @Test
    void loansAndBalancesMakeAPredictedExceptionAndClosedFinesDoNot() {
        Patron expired = patron("UNDERGRAD", "Undergraduate", "2022-05-31", "2022-05-31");
        Decision owing = Evaluation.of(FLVC, with(expired, 1, "75.00", "ACTIVE", Set.of()), FLVC_2024);
        assertThat(owing.action()).isEqualTo(Action.PURGE_BLOCKED);
        assertThat(owing.blockers())
                .containsExactly(
                        Reason.of(ReasonCode.ACTIVE_LOANS, "count", 1),
                        Reason.of(ReasonCode.ACTIVE_BALANCE, "balance", "75.00"));
        assertThat(Reason.join(owing.blockers()))
                .isEqualTo(
                        "the purge job will refuse it: 1 active loan; the purge job will refuse it: an active balance of 75.00");
        assertThat(Evaluation.of(FLVC, with(expired, 0, "0", "ACTIVE", Set.of()), FLVC_2024)
                        .action())
                .isEqualTo(Action.PURGE);
    }

    @Test
    void internalPatronsAreProtected() {
        Decision decision = Evaluation.of(FLVC, patron("INTERNAL", "Internal", "2020-01-01", "2020-01-01"), FLVC_2024);
        assertThat(decision.action()).isEqualTo(Action.KEEP);
        assertThat(decision.deciding())
                .containsExactly(Reason.of(ReasonCode.PROTECTED_USER_GROUP, "user_group", "INTERNAL"));
    }

    @Test
    void opalMarksPatronsInactiveAfterSevenDays() {
        assertThat(Evaluation.of(OPAL, patron("UNDERGRAD", "Undergraduate", "2024-07-25", "2024-07-25"), FLVC_2024)
                        .action())
                .isEqualTo(Action.MARK_INACTIVE);
        Decision sixDays =
                Evaluation.of(OPAL, patron("UNDERGRAD", "Undergraduate", "2024-07-26", "2024-07-26"), FLVC_2024);
        assertThat(sixDays.action()).isEqualTo(Action.KEEP);
        assertThat(sixDays.reasons())
                .extracting(Reason::sentence)
                .containsExactly(
                        "expiry date 2024-07-26 is not before the cut-off 2021-08-01",
                        "expired 6 days ago, inactive after 7");
        Patron inactive = with(patron("UNDERGRAD", "Undergraduate", "2023-01-01", null), 0, "0", "INACTIVE", Set.of());
        assertThat(Evaluation.of(OPAL, inactive, FLVC_2024).action()).isEqualTo(Action.KEEP);
    }

    @Test
    void opalPurgesAccountsExpiredMoreThanThreeYearsButNotCommunityPatrons() {
        Patron old = patron("ALUMNI", "Alumni", "2021-07-31", null);
        assertThat(Evaluation.of(OPAL, old, FLVC_2024).action()).isEqualTo(Action.PURGE);
        assertThat(Evaluation.of(OPAL, patron("ALUMNI", "Alumni", "2021-08-01", null), FLVC_2024)
                        .action())
                .as("exactly three years is not over three years")
                .isEqualTo(Action.MARK_INACTIVE);
        Patron community = with(old, 0, "0", "ACTIVE", Set.of("Community patrons"));
        Decision kept = Evaluation.of(OPAL, community, FLVC_2024);
        assertThat(kept.action()).isEqualTo(Action.KEEP);
        assertThat(kept.deciding()).containsExactly(Reason.of(ReasonCode.PROTECTED_SET, "set", "Community patrons"));
    }

    @Test
    void aPatronCloseToARollingCutOffIsEligibleSoonWithTheDaysToGo() {
        Decision decision = Evaluation.of(OPAL, patron("ALUMNI", "Alumni", "2021-08-10", null), FLVC_2024);
        assertThat(decision.reasons())
                .contains(Reason.of(
                        ReasonCode.ELIGIBLE_SOON,
                        "field",
                        "expiry date",
                        "date",
                        LocalDate.of(2021, 8, 10),
                        "cutoff",
                        LocalDate.of(2021, 8, 1),
                        "days",
                        10L));
    }

    @Test
    void aPatronTheLastRunOfAFixedTableDoesNotReachIsNeverSaidToBeEligibleSoon() {
        Decision decision =
                Evaluation.of(FLVC, patron("UNDERGRAD", "Undergraduate", "2023-07-10", "2023-07-10"), FLVC_2024);
        assertThat(decision.action()).isEqualTo(Action.KEEP);
        assertThat(decision.deciding())
                .containsExactly(Reason.of(
                        ReasonCode.NOT_BEFORE_CUTOFF,
                        "field",
                        "purge date",
                        "date",
                        LocalDate.of(2023, 7, 10),
                        "cutoff",
                        LocalDate.of(2023, 7, 1)));
    }

    @Test
    void aPatronALaterRunOfTheTableWillPurgeIsEligibleAtThatRun() {
        LocalDate run2023 = LocalDate.of(2023, 8, 1);
        Decision decision =
                Evaluation.of(FLVC, patron("UNDERGRAD", "Undergraduate", "2022-08-01", "2022-08-01"), run2023);
        assertThat(decision.deciding())
                .extracting(Reason::sentence)
                .containsExactly("purge date 2022-08-01 is not before the cut-off 2022-07-01: eligible at the run of"
                        + " 2024-08-01, in 366 days");
    }

    @Test
    void almasJobReportIsReadSentenceBySentenceIntoCodesKeepingAlmasWords() {
        assertThat(Reason.fromAlma(
                        "User has 2 active loans. User has PO lines assigned (POL-12). Something new happened."))
                .extracting(Reason::code, Reason::sentence)
                .containsExactly(
                        tuple(ReasonCode.ACTIVE_LOANS, "User has 2 active loans."),
                        tuple(ReasonCode.PO_LINES, "User has PO lines assigned (POL-12)."),
                        tuple(ReasonCode.OTHER_ALMA_REASON, "Something new happened."));
    }
}
