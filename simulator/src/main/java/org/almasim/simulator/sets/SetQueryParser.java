package org.almasim.simulator.sets;

import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaDates;
import org.almasim.simulator.sets.SetQuery.DateValue;
import org.almasim.simulator.users.UserSearchSql;

/**
 * Parses the logical-set grammar of docs/sets.md:
 * <pre>
 * query      := ["USER" "where" ["USER"]] or
 *               (Alma's own form is read too: EQUALS, CONTAIN and NOT_EQUALS for =, !=; BEFORE, AFTER, EQUALS,
 *               LESS_THAN and GREATER_THAN for dates; IS_EMPTY, IS_NOT_EMPTY; values in double quotes; see docs/sets.md)
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" or ")" | comparison
 * comparison := DATE_FIELD (before|after|on|on_or_before|on_or_after|&lt;|&lt;=|&gt;|&gt;=|=) date
 *             | DATE_FIELD "is" ["not"] "empty"
 *             | CODE_FIELD (=|!=) value | CODE_FIELD ["not"] "in" "(" value ("," value)* ")"
 *             | NUMBER_FIELD (=|!=|&lt;|&lt;=|&gt;|&gt;=) number
 * date       := YYYY-MM-DD | "today" [(+|-) amount]      amount := N(d|w|m|y) or an ISO period (P3Y)
 * </pre>
 */
final class SetQueryParser {
    static final Set<String> DATE_FIELDS = Set.of("expiry_date", "purge_date");
    static final Set<String> CODE_FIELDS = Set.of("user_group", "record_type", "account_type", "status");
    static final Set<String> NUMBER_FIELDS = Set.of("active_balance", "active_loans");
    private static final Map<String, String> DATE_OPERATORS = Map.of(
            "before",
            "<",
            "after",
            ">",
            "on",
            "=",
            "on_or_before",
            "<=",
            "on_or_after",
            ">=",
            "<",
            "<",
            "<=",
            "<=",
            ">",
            ">",
            ">=",
            ">=",
            "=",
            "=");
    /** The words of Alma's own form of a query for dates: EQUALS, BEFORE, AFTER, LESS_THAN, GREATER_THAN. */
    private static final Map<String, String> ALMA_DATE_OPERATORS =
            Map.of("equals", "=", "less_than", "<", "greater_than", ">");

    private static final Set<String> NUMBER_OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Pattern TOKEN =
            Pattern.compile("\\s*(<=|>=|!=|=|<|>|\\(|\\)|,|\"[^\"]*\"|[A-Za-z0-9_.:+\\-]+)");
    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,5})([dwmy])");
    /** A plain decimal of at most twelve digits before the point: no exponents, no digits of other scripts. */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,6})?");
    /** Bounds that keep a hostile query from costing the stack or the CPU: Alma's own queries stay far inside them. */
    static final int MAX_LENGTH = 4000;

    static final int MAX_DEPTH = 32;
    static final int MAX_TOKENS = 500;
    /** How far from today a relative date may reach, in years either way. */
    static final int MAX_YEARS = 1000;

    private int depth;

    private final List<String> tokens = new ArrayList<>();
    private final String text;
    private int next;

    private SetQueryParser(String text) {
        if (text.length() > MAX_LENGTH) {
            this.text = text.substring(0, 60) + "...";
            throw fail("a query is at most " + MAX_LENGTH + " characters long, this one has " + text.length());
        }
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                if (text.substring(at).isBlank()) {
                    break;
                }
                throw fail("unexpected character '"
                        + text.charAt(at
                                + (text.substring(at).length()
                                        - text.substring(at).stripLeading().length())) + "'");
            }
            tokens.add(m.group(1));
            if (tokens.size() > MAX_TOKENS) {
                throw fail("a query has at most " + MAX_TOKENS + " words and signs");
            }
            at = m.end();
        }
    }

    static SetQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("a logical set needs a query.");
        }
        SetQueryParser parser = new SetQueryParser(text);
        if (parser.peekIs("user")
                && parser.tokens.size() > 1
                && parser.tokens.get(1).equalsIgnoreCase("where")) {
            parser.next = 2;
            // Alma's own form names the content again: USER where USER ((user_group EQUALS "GRAD")).
            if (parser.peekIs("user")
                    && parser.tokens.size() > 3
                    && parser.tokens.get(3).equals("(")) {
                parser.next = 3;
            }
        }
        SetQuery query = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw parser.fail("unexpected '" + parser.tokens.get(parser.next) + "'");
        }
        return query;
    }

    private SetQuery or() {
        SetQuery left = and();
        while (peekIs("or")) {
            next++;
            left = new SetQuery.Or(left, and());
        }
        return left;
    }

    private SetQuery and() {
        SetQuery left = unary();
        while (peekIs("and")) {
            next++;
            left = new SetQuery.And(left, unary());
        }
        return left;
    }

    private SetQuery unary() {
        if (peekIs("not") || peekIs("(")) {
            if (++depth > MAX_DEPTH) {
                throw fail("a query nests 'not' and parentheses at most " + MAX_DEPTH + " deep");
            }
            try {
                if (peekIs("not")) {
                    next++;
                    return new SetQuery.Not(unary());
                }
                next++;
                SetQuery inner = or();
                expect(")");
                return inner;
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private SetQuery comparison() {
        String field = take("a field").toLowerCase(Locale.ROOT);
        if (DATE_FIELDS.contains(field)) {
            if (peekIs("is")) {
                next++;
                boolean not = peekIs("not");
                if (not) {
                    next++;
                }
                expect("empty");
                return new SetQuery.DatePresence(field, not);
            }
            if (peekIs("is_empty") || peekIs("is_not_empty")) {
                return new SetQuery.DatePresence(field, take("is_empty").equalsIgnoreCase("is_not_empty"));
            }
            String word = take("a date operator").toLowerCase(Locale.ROOT);
            String operator = DATE_OPERATORS.getOrDefault(word, ALMA_DATE_OPERATORS.get(word));
            if (operator == null) {
                throw fail("'" + word + "' is not a date comparison (before, after, on, on_or_before, on_or_after)");
            }
            return new SetQuery.DateComparison(field, operator, date());
        }
        if (CODE_FIELDS.contains(field)) {
            boolean negated = peekIs("not");
            if (negated) {
                next++;
                expect("in");
                return new SetQuery.CodeComparison(field, true, list());
            }
            String operator = take("=, != or in").toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "=", "equals", "contain", "contains" ->
                    new SetQuery.CodeComparison(field, false, List.of(value()));
                case "!=", "not_equals", "not_contain" -> new SetQuery.CodeComparison(field, true, List.of(value()));
                case "in" -> new SetQuery.CodeComparison(field, false, list());
                default -> throw fail("'" + operator + "' does not compare codes (=, !=, in, not in)");
            };
        }
        if (UserSearchSql.TEXT_FIELDS.contains(field)) {
            String operator = take("CONTAIN, EQUALS, NOT_CONTAIN or NOT_EQUALS").toLowerCase(Locale.ROOT);
            return switch (operator) {
                case "contain", "contains" -> new SetQuery.TextComparison(field, false, false, value());
                case "not_contain" -> new SetQuery.TextComparison(field, false, true, value());
                case "=", "equals" -> new SetQuery.TextComparison(field, true, false, value());
                case "!=", "not_equals" -> new SetQuery.TextComparison(field, true, true, value());
                default ->
                    throw fail("'" + operator + "' does not compare text (CONTAIN, EQUALS, NOT_CONTAIN, NOT_EQUALS)");
            };
        }
        if (NUMBER_FIELDS.contains(field)) {
            String operator = take("a comparison");
            if (!NUMBER_OPERATORS.contains(operator)) {
                throw fail("'" + operator + "' does not compare numbers");
            }
            String number = take("a number");
            if (!NUMBER.matcher(number).matches()) {
                throw fail("'" + number + "' is not a number such as 25 or 12.50");
            }
            return new SetQuery.NumberComparison(field, operator, new BigDecimal(number));
        }
        throw fail("unknown field '" + field + "' (known: " + DATE_FIELDS + CODE_FIELDS + NUMBER_FIELDS
                + UserSearchSql.TEXT_FIELDS + ")");
    }

    private DateValue date() {
        String token = value();
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("today")) {
            String rest = lower.substring(5);
            if (rest.isEmpty() && (peekIs("+") || peekIs("-"))) {
                rest = take("+ or -") + take("an amount such as 3y");
            }
            return new DateValue(null, rest.isEmpty() ? Period.ZERO : period(rest));
        }
        try {
            return new DateValue(AlmaDates.parse(token), null);
        } catch (AlmaRefusal e) {
            throw fail("'" + token + "' is not a date (YYYY-MM-DD, today, today-3y)");
        }
    }

    private Period period(String signed) {
        Period period = unbounded(signed);
        if (Math.abs(period.toTotalMonths()) > MAX_YEARS * 12L
                || Math.abs((long) period.getDays()) > MAX_YEARS * 366L) {
            throw fail("'" + signed + "' reaches more than " + MAX_YEARS + " years from today");
        }
        return period;
    }

    private Period unbounded(String signed) {
        Matcher m = RELATIVE.matcher(signed);
        if (m.matches()) {
            int amount = Integer.parseInt(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            return switch (m.group(3)) {
                case "d" -> Period.ofDays(amount);
                case "w" -> Period.ofWeeks(amount);
                case "m" -> Period.ofMonths(amount);
                default -> Period.ofYears(amount);
            };
        }
        try {
            Period period = Period.parse(signed.substring(1).toUpperCase(Locale.ROOT));
            return signed.startsWith("-") ? period.negated() : period;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw fail("'" + signed + "' is not an amount of time (3d, 2w, 6m, 3y or an ISO period such as P1Y6M)");
        }
    }

    private List<String> list() {
        expect("(");
        List<String> values = new ArrayList<>();
        values.add(value());
        while (peekIs(",")) {
            next++;
            values.add(value());
        }
        expect(")");
        return values;
    }

    private String value() {
        String token = take("a value");
        return token.startsWith("\"") ? token.substring(1, token.length() - 1) : token;
    }

    private boolean peekIs(String word) {
        return next < tokens.size() && tokens.get(next).equalsIgnoreCase(word);
    }

    private String take(String what) {
        if (next >= tokens.size()) {
            throw fail("the query ends where " + what + " was expected");
        }
        return tokens.get(next++);
    }

    private void expect(String word) {
        String got = take("'" + word + "'");
        if (!got.equalsIgnoreCase(word)) {
            throw fail("expected '" + word + "' but found '" + got + "'");
        }
    }

    private AlmaRefusal fail(String detail) {
        return AlmaError.QUERY_NOT_PARSED.refusal(detail, text);
    }
}
