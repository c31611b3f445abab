package org.almasim.simulator.users;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.Echo;
import org.almasim.simulator.store.SearchTerms;

/**
 * Alma's brief search, {@code q=last_name~smith AND user_group~UNDERGRAD}: every term must match.
 * Names and emails match when every word of the value appears in the field, ignoring case;
 * primary_id, identifiers (the primary id or any identifier) and user_group match the whole value, with {@code *} as a
 * wildcard; job_category, campus_code and birth_date match the whole code or date; middle_name, phone_number and
 * note_text match a part of the field. Alma's other searchable fields are refused (401666), never silently ignored.
 */
public record UserSearch(List<Term> terms, String orderBy, Optional<LocalDate> modifiedFrom) {
    public static final Set<String> FIELDS = Set.of(
            "primary_id",
            "first_name",
            "last_name",
            "middle_name",
            "email",
            "user_group",
            "identifiers",
            "job_category",
            "campus_code",
            "birth_date",
            "phone_number",
            "note_text",
            "all");
    public static final Set<String> ORDERS = Set.of("last_name", "first_name", "primary_id");

    public record Term(String field, String value) {}

    static final int MAX_TERMS = 10;

    /**
     * {@code modifyDateFrom} ({@code yyyy-MM-dd}): only users written on that day or later. Ex Libris' OpenAPI makes it
     * and {@code q} mutually exclusive: a request with both is rejected.
     */
    public static UserSearch parse(String q, String orderBy, String modifyDateFrom) {
        Optional<LocalDate> modifiedFrom = Optional.empty();
        if (modifyDateFrom != null) {
            if (q != null && !q.isBlank()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "modify_date_from and q cannot be used together; use one of them.");
            }
            try {
                modifiedFrom = Optional.of(LocalDate.parse(modifyDateFrom.trim()));
            } catch (DateTimeParseException e) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "modify_date_from must be a date as yyyy-MM-dd, got '" + Echo.shortened(modifyDateFrom) + "'.");
            }
        }
        List<Term> terms = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            String[] parts = q.split("\\s+AND\\s+");
            if (parts.length > MAX_TERMS) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("q joins at most " + MAX_TERMS + " field~value with AND.");
            }
            for (String part : parts) {
                int tilde = part.indexOf('~');
                if (tilde <= 0 || tilde == part.length() - 1) {
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "q must be field~value (for example last_name~Smith), got '" + part.trim() + "'.");
                }
                String field = part.substring(0, tilde).trim().toLowerCase(Locale.ROOT);
                if (!FIELDS.contains(field)) {
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "almasim searches users by " + FIELDS + ", not by '" + field + "'.");
                }
                String value = part.substring(tilde + 1).trim().toLowerCase(Locale.ROOT);
                SearchTerms.check("q's " + field, value);
                terms.add(new Term(field, value));
            }
        }
        String order = orderBy == null ? "last_name" : orderBy.trim().toLowerCase(Locale.ROOT);
        if (!ORDERS.contains(order)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "order_by must be one of " + ORDERS + ", got '" + orderBy + "'.");
        }
        return new UserSearch(List.copyOf(terms), order, modifiedFrom);
    }
}
