package org.almasim.common.order;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patrons in the order people read their ids: patron-2 before patron-10. One key for the simulator's listing (stored as
 * a column) and the engine's reports, so the console and the command line list patrons alike.
 */
public final class NaturalOrder {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int WIDTH = 12;

    /** Ids compared by {@link #key}. */
    public static final Comparator<String> IDS = Comparator.comparing(NaturalOrder::key);

    private NaturalOrder() {}

    /**
     * The id's natural sort key: lower-cased, with every run of digits padded to the same width (leading zeros dropped
     * first), so that ordering by it puts 2 before 10 and keeps the ids of one cohort in their order.
     */
    public static String key(String id) {
        Matcher digits = DIGITS.matcher(id.toLowerCase(Locale.ROOT));
        StringBuilder key = new StringBuilder();
        while (digits.find()) {
            String run = withoutLeadingZeros(digits.group());
            digits.appendReplacement(key, "0".repeat(Math.max(0, WIDTH - run.length())) + run);
        }
        digits.appendTail(key);
        return key.toString();
    }

    /** A run of digits without its leading zeros, "0" staying "0"; on the load's path, so no regex compiled per call. */
    private static String withoutLeadingZeros(String run) {
        int start = 0;
        while (start < run.length() - 1 && run.charAt(start) == '0') {
            start++;
        }
        return run.substring(start);
    }
}
