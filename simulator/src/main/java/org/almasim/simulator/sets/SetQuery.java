package org.almasim.simulator.sets;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * A logical set's query over users (docs/sets.md), parsed into a tree. Dates may be relative to today
 * ({@code today-3y}), so a query means something only together with a date: see {@link SetQuerySql}.
 */
public sealed interface SetQuery {
    /** Both sides hold. */
    record And(SetQuery left, SetQuery right) implements SetQuery {}

    /** Either side holds. */
    record Or(SetQuery left, SetQuery right) implements SetQuery {}

    record Not(SetQuery inner) implements SetQuery {}

    /** {@code expiry_date before today-3y}: a date field compared with a date, absent dates never match. */
    record DateComparison(String field, String operator, DateValue value) implements SetQuery {}

    /** {@code purge_date is empty} or {@code is not empty}. */
    record DatePresence(String field, boolean present) implements SetQuery {}

    /** {@code user_group in (UNDERGRAD, GRAD)}, {@code status = INACTIVE}, {@code account_type != EXTERNAL}. */
    record CodeComparison(String field, boolean negated, List<String> values) implements SetQuery {}

    /**
     * {@code last_name CONTAIN "smith"} (each word in the field), {@code primary_id EQUALS "s1"} (the whole value),
     * {@code all_full CONTAIN "test"} (Alma's keyword index), ignoring case.
     */
    record TextComparison(String field, boolean whole, boolean negated, String value) implements SetQuery {}

    /** {@code active_balance > 0}, {@code active_loans = 0}. */
    record NumberComparison(String field, String operator, BigDecimal value) implements SetQuery {}

    /** A fixed date, or today moved by a period. */
    record DateValue(LocalDate fixed, Period fromToday) {
        public LocalDate on(LocalDate today) {
            return fixed != null ? fixed : today.plus(fromToday);
        }
    }
}
