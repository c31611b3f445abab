package org.almasim.simulator.users;

import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.PATRON_IDENTIFIER;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Alma's brief search of users ({@link UserSearch}) as jOOQ conditions and orderings on the patron table, and the text
 * fields a logical set's query compares ({@link #text}).
 */
public final class UserSearchSql {
    private UserSearchSql() {}

    static List<SortField<?>> order(String orderBy) {
        return switch (orderBy) {
            case "first_name" -> List.of(PATRON.FIRST_NAME.asc(), PATRON.PRIMARY_ID_FOLD.asc());
            case "primary_id" -> List.of(PATRON.PRIMARY_ID_FOLD.asc());
            default -> List.of(PATRON.LAST_NAME.asc(), PATRON.FIRST_NAME.asc(), PATRON.PRIMARY_ID_FOLD.asc());
        };
    }

    static Condition condition(UserSearch search) {
        // A record from before modification days were kept counts as written on the day it was created.
        Condition all = search.modifiedFrom()
                .map(from ->
                        DSL.coalesce(PATRON.MODIFIED_DATE, PATRON.CREATED_DATE).ge(from))
                .orElse(DSL.noCondition());
        for (UserSearch.Term term : search.terms()) {
            all = all.and(
                    switch (term.field()) {
                        case "primary_id" -> whole(PATRON.PRIMARY_ID_FOLD, term.value());
                        case "user_group" -> whole(DSL.lower(PATRON.USER_GROUP), term.value());
                        case "first_name" -> words(DSL.lower(PATRON.FIRST_NAME), term.value());
                        case "last_name" -> words(DSL.lower(PATRON.LAST_NAME), term.value());
                        case "email" -> words(PATRON.EMAILS, term.value());
                        case "middle_name", "phone_number", "note_text" ->
                            inDocument(term.field(), "\"[^\"]*", term.value(), "[^\"]*\"");
                        case "job_category", "campus_code" ->
                            inDocument(term.field(), "\\{\"value\":\"", term.value(), "\"");
                        case "birth_date" ->
                            inDocument(term.field(), "\"", term.value().replaceFirst("(?i)z$", ""), "Z?\"");
                        // Any of the user's ids: the primary id or an identifier of any type (barcode, university
                        // id...).
                        case "identifiers" -> identifiers(term.value());
                        default ->
                            DSL.or(
                                    whole(PATRON.PRIMARY_ID_FOLD, term.value()),
                                    whole(DSL.lower(PATRON.USER_GROUP), term.value()),
                                    words(DSL.lower(PATRON.FIRST_NAME), term.value()),
                                    words(DSL.lower(PATRON.LAST_NAME), term.value()),
                                    words(PATRON.EMAILS, term.value()));
                    });
        }
        return all;
    }

    /** The text fields a logical set's query may compare, Alma's keyword index {@code all_full} among them. */
    public static final Set<String> TEXT_FIELDS =
            Set.of("all_full", "first_name", "last_name", "primary_id", "email", "identifiers");

    /**
     * A text field compared as a logical set's query does, ignoring case: {@code whole} the value is the field's whole
     * value (EQUALS), else each of its words is in the field (CONTAIN). {@code all_full} is Alma's keyword index: the
     * names, the primary id, the identifiers and the email addresses.
     */
    public static Condition text(String field, boolean whole, String value) {
        String folded = value.trim().toLowerCase(Locale.ROOT);
        return switch (field) {
            case "primary_id" -> whole(PATRON.PRIMARY_ID_FOLD, folded);
            case "identifiers" -> identifiers(folded);
            case "first_name" -> name(DSL.lower(PATRON.FIRST_NAME), whole, folded);
            case "last_name" -> name(DSL.lower(PATRON.LAST_NAME), whole, folded);
            case "email" -> words(PATRON.EMAILS, folded);
            default ->
                DSL.or(
                        whole(PATRON.PRIMARY_ID_FOLD, folded),
                        identifiers(folded),
                        words(DSL.lower(PATRON.FIRST_NAME), folded),
                        words(DSL.lower(PATRON.LAST_NAME), folded),
                        words(PATRON.EMAILS, folded));
        };
    }

    private static Condition name(Field<String> field, boolean whole, String value) {
        return whole ? field.eq(value) : words(field, value);
    }

    /** The primary id or any identifier of any type (barcode, university id...), whole. */
    private static Condition identifiers(String value) {
        return whole(PATRON.PRIMARY_ID_FOLD, value)
                .orExists(DSL.selectOne()
                        .from(PATRON_IDENTIFIER)
                        .where(PATRON_IDENTIFIER.USER_KEY.eq(PATRON.USER_KEY))
                        .and(whole(PATRON_IDENTIFIER.VALUE_FOLD, value)));
    }

    /**
     * A field almasim keeps only in the stored document, found there as the canonical JSON writes it:
     * {@code "field":} then {@code before}, the value (ignoring case, {@code *} as a wildcard), then {@code after}.
     * A full scan of the documents, as a brief search over rarely searched fields may be.
     */
    private static Condition inDocument(String field, String before, String value, String after) {
        String pattern = Arrays.stream(value.split("\\*", -1))
                .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                .collect(Collectors.joining("[^\"]*"));
        return PATRON.DOCUMENT.likeRegex("(?i)\"" + field + "\":" + before + pattern + after);
    }

    private static Condition whole(Field<String> field, String value) {
        return value.contains("*") ? field.like(escapeLike(value).replace("*", "%"), '!') : field.eq(value);
    }

    private static Condition words(Field<String> field, String value) {
        Condition all = DSL.noCondition();
        for (String word : value.split("\\s+")) {
            all = all.and(field.like("%" + escapeLike(word).replace("*", "%") + "%", '!'));
        }
        return all;
    }

    private static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
