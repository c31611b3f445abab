package org.almasim.simulator.store;

import org.almasim.simulator.errors.AlmaError;

/**
 * Bounds on what one search may ask of the database: each word is a LIKE (or a pattern over whole documents) tried on
 * every row, so 300 words made one read-only request take 15 s. Alma's own search is of a few words too.
 */
public final class SearchTerms {
    public static final int MAX_WORDS = 10;
    public static final int MAX_WILDCARDS = 5;
    public static final int MAX_CHARACTERS = 255;

    private SearchTerms() {}

    /** Refuses, before any query, a value of more words, {@code *} or characters than a search takes. */
    public static void check(String name, String value) {
        String trimmed = value.trim();
        long words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        long wildcards = trimmed.chars().filter(c -> c == '*').count();
        if (trimmed.length() > MAX_CHARACTERS || words > MAX_WORDS || wildcards > MAX_WILDCARDS) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(name + " searches at most " + MAX_WORDS + " words, "
                    + MAX_WILDCARDS + " * and " + MAX_CHARACTERS + " characters.");
        }
    }
}
