package org.almasim.simulator.errors;

/** What a client sent, short enough to quote back in an error: a refused value may be megabytes long. */
public final class Echo {
    private static final int LONGEST = 80;

    private Echo() {}

    public static String shortened(String text) {
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "...";
    }
}
