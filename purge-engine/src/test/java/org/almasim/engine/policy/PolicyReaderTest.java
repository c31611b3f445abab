package org.almasim.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
    private static Policy read(String yaml) {
        return PolicyReader.read(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    @Test
    void shippedPoliciesEncodeTheirSeeds() {
        Policy flvc = PolicyReader.load("flvc-annual");
        assertThat(flvc.purge().cutoffs())
                .extracting(Policy.Cutoff::before)
                .containsExactly(LocalDate.of(2021, 7, 3), LocalDate.of(2022, 7, 1), LocalDate.of(2023, 7, 1));
        assertThat(flvc.fixups().fixedDates().get(0).userGroupDescriptionContains())
                .isEqualTo("ILL");
        assertThat(flvc.notices()).hasSize(3);
        Policy opal = PolicyReader.load("opal-lifecycle");
        assertThat(opal.inactive().expiredDays()).isEqualTo(7);
        assertThat(opal.purge().olderThan()).isEqualTo(Period.ofYears(3));
        assertThat(opal.protect().sets()).containsExactly("Community patrons");
        assertThat(opal.purge().schedule().firesOn(LocalDate.of(2024, 9, 1))).isTrue();
        assertThat(opal.inactive().schedule().firesOn(LocalDate.of(2024, 8, 5))).isTrue();
    }

    @Test
    void aMisspeltFieldIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("name: x\npurge:\n  by: purge_date\n  older_then: P3Y\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("older_then");
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        PolicyException e = Assertions.assertThrows(PolicyException.class, () -> read("""
                name: two criteria
                purge:
                  by: birth_date
                  older_than: P3Y
                  cutoff_rule: july_1_previous_year
                  grace_days: -1
                safety:
                  max_share: 1.5
                """));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("line 3: purge/by"))
                .anySatisfy(p -> assertThat(p).contains("exactly one of cutoffs, cutoff_rule and older_than"))
                .anySatisfy(p -> assertThat(p).startsWith("line 6: purge/grace_days"))
                .anySatisfy(p -> assertThat(p).startsWith("line 8: safety/max_share"));
    }

    @Test
    void aCutOffAfterItsRunAndABadScheduleAreRefused() {
        assertThatThrownBy(() -> read("""
                name: late
                schedule: {yearly: "13-45"}
                purge:
                  cutoffs:
                    - {run: 2024-08-01, before: 2024-09-01}
                """))
                .hasMessageContaining("line 5: purge/cutoffs/0/before")
                .hasMessageContaining("schedule/yearly");
    }

    @Test
    void everyDateThatIsNoDayIsListedWithItsLine() {
        assertThatThrownBy(() -> read("""
                        name: impossible days
                        purge:
                          cutoffs:
                            - {run: 2024-02-30, before: 2023-07-01}
                            - {run: 2025-08-01, before: 2024-13-01}
                        """))
                .hasMessageContaining("line 4: purge/cutoffs/0/run: 2024-02-30 is not a day of the calendar")
                .hasMessageContaining("line 5: purge/cutoffs/1/before: 2024-13-01 is not a day of the calendar")
                .hasMessageNotContaining("java.time");
    }

    @Test
    void aPolicyWithNoStageIsRefused() {
        assertThatThrownBy(() -> read("name: idle\n"))
                .hasMessageContaining("give at least one of fixups, inactive and purge");
        assertThatThrownBy(() -> PolicyReader.load("no-such-policy")).hasMessageContaining("no shipped policy");
    }

    @Test
    void schedulesFireOnTheirDays() {
        assertThat(new Schedule(null, 31, null, null).firesOn(LocalDate.of(2024, 2, 29)))
                .as("last day of a short month")
                .isTrue();
        assertThat(new Schedule(null, null, "02-29", null).firesOn(LocalDate.of(2023, 2, 28)))
                .as("leap day outside leap years")
                .isTrue();
        assertThat(new Schedule(null, null, "08-01", null).firesOn(LocalDate.of(2024, 8, 2)))
                .isFalse();
    }
}
