package org.almasim.simulator.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.sets.SetQuery.And;
import org.almasim.simulator.sets.SetQuery.CodeComparison;
import org.almasim.simulator.sets.SetQuery.DateComparison;
import org.almasim.simulator.sets.SetQuery.DatePresence;
import org.almasim.simulator.sets.SetQuery.NumberComparison;
import org.almasim.simulator.sets.SetQuery.Or;
import org.junit.jupiter.api.Test;

/** The logical-set grammar of docs/sets.md, parsed without a database: almasim's form and Alma's own. */
class SetQueryParserTest {
    @Test
    void opalsPurgeQueryReadsAsAnExpiryThreeYearsBackAndAGroupLeftOut() {
        SetQuery query = SetQueryParser.parse("expiry_date before today-3y and user_group != COMMUNITY");

        assertThat(query).isInstanceOf(And.class);
        And and = (And) query;
        DateComparison expiry = (DateComparison) and.left();
        assertThat(expiry.field()).isEqualTo("expiry_date");
        assertThat(expiry.value().on(LocalDate.of(2024, 8, 1))).isEqualTo(LocalDate.of(2021, 8, 1));
        assertThat(and.right()).isEqualTo(new CodeComparison("user_group", true, List.of("COMMUNITY")));
    }

    @Test
    void andBindsTighterThanOr() {
        SetQuery query = SetQueryParser.parse("status = ACTIVE or active_loans > 0 and active_balance >= 5");

        assertThat(query).isInstanceOf(Or.class);
        assertThat(((Or) query).right()).isInstanceOf(And.class);
        And and = (And) ((Or) query).right();
        assertThat(and.right()).isEqualTo(new NumberComparison("active_balance", ">=", new BigDecimal("5")));
    }

    @Test
    void keywordsAndFieldsIgnoreCaseWhileCodesStayAsWritten() {
        SetQuery query = SetQueryParser.parse("USER where PURGE_DATE IS EMPTY AND record_type IN (PUBLIC, staff)");

        And and = (And) query;
        assertThat(and.left()).isEqualTo(new DatePresence("purge_date", false));
        assertThat(and.right()).isEqualTo(new CodeComparison("record_type", false, List.of("PUBLIC", "staff")));
    }

    @Test
    void almasOwnFormMapsToTheSameQuery() {
        SetQuery alma = SetQueryParser.parse(
                "USER where USER ((user_group EQUALS \"GRAD\") AND (expiry_date BEFORE \"2024-01-01\"))");
        SetQuery ours = SetQueryParser.parse("user_group = GRAD and expiry_date before 2024-01-01");

        assertThat(alma).isEqualTo(ours);
    }

    @Test
    void aRelativeDateCountsFromTheDayTheSetIsRead() {
        DateComparison week = (DateComparison) SetQueryParser.parse("expiry_date on_or_before today-7d");

        assertThat(week.value().fromToday()).isEqualTo(Period.ofDays(-7));
        assertThat(week.value().on(LocalDate.of(2024, 3, 1))).isEqualTo(LocalDate.of(2024, 2, 23));
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedWithAlmasCodeAndWhereItWentWrong() {
        assertThatThrownBy(() -> SetQueryParser.parse("expiry_date sometime 2024-01-01"))
                .isInstanceOfSatisfying(AlmaRefusal.class, e -> {
                    assertThat(e.error()).contains(AlmaError.QUERY_NOT_PARSED);
                    assertThat(e.getMessage()).contains("sometime");
                });
        assertThatThrownBy(() -> SetQueryParser.parse("user_group = ")).isInstanceOf(AlmaRefusal.class);
        assertThatThrownBy(() -> SetQueryParser.parse("(status = ACTIVE")).isInstanceOf(AlmaRefusal.class);
    }
}
