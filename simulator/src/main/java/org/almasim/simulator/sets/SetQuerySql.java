package org.almasim.simulator.sets;

import static org.almasim.simulator.db.Tables.PATRON;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.almasim.simulator.deletion.PatronActivity;
import org.almasim.simulator.users.UserSearchSql;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A {@link SetQuery} as a jOOQ condition on the patron table, for one value of "today". */
final class SetQuerySql {
    private SetQuerySql() {}

    static Condition condition(SetQuery query, LocalDate today) {
        // Java 17 has no pattern matching in switch: the sealed interface keeps this list complete.
        if (query instanceof SetQuery.And and) {
            return condition(and.left(), today).and(condition(and.right(), today));
        }
        if (query instanceof SetQuery.Or or) {
            return condition(or.left(), today).or(condition(or.right(), today));
        }
        if (query instanceof SetQuery.Not not) {
            return DSL.not(condition(not.inner(), today));
        }
        if (query instanceof SetQuery.DatePresence presence) {
            return presence.present()
                    ? date(presence.field()).isNotNull()
                    : date(presence.field()).isNull();
        }
        if (query instanceof SetQuery.DateComparison c) {
            return compare(date(c.field()), c.operator(), c.value().on(today));
        }
        if (query instanceof SetQuery.CodeComparison c) {
            Field<String> field = code(c.field());
            Condition in = field.in(c.values());
            // A user without the code is not "in" any list, and is "not in" every list.
            return c.negated() ? field.isNull().or(DSL.not(in)) : in;
        }
        if (query instanceof SetQuery.TextComparison t) {
            Condition matches = UserSearchSql.text(t.field(), t.whole(), t.value());
            return t.negated() ? DSL.not(matches) : matches;
        }
        SetQuery.NumberComparison c = (SetQuery.NumberComparison) query;
        return compare(number(c.field()), c.operator(), c.value());
    }

    private static <T> Condition compare(Field<T> field, String operator, T value) {
        return switch (operator) {
            case "<" -> field.lt(value);
            case "<=" -> field.le(value);
            case ">" -> field.gt(value);
            case ">=" -> field.ge(value);
            case "!=" -> field.ne(value);
            default -> field.eq(value);
        };
    }

    private static Field<LocalDate> date(String name) {
        return name.equals("purge_date") ? PATRON.PURGE_DATE : PATRON.EXPIRY_DATE;
    }

    private static Field<String> code(String name) {
        return switch (name) {
            case "user_group" -> PATRON.USER_GROUP;
            case "record_type" -> PATRON.RECORD_TYPE;
            case "account_type" -> PATRON.ACCOUNT_TYPE;
            default -> PATRON.STATUS;
        };
    }

    private static Field<BigDecimal> number(String name) {
        return name.equals("active_loans")
                ? PatronActivity.activeLoansOf(PATRON.USER_KEY).cast(BigDecimal.class)
                : PatronActivity.activeBalanceOf(PATRON.USER_KEY);
    }
}
