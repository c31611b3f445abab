package org.almasim.engine.alma;

/** Alma answered with its error envelope (or an unexpected status): the HTTP status, Alma's code and message. */
public final class AlmaApiException extends RuntimeException {
    /**
     * The code of a POST whose answer was lost (a broken connection, a server error): Alma may or may not have carried
     * it out, so the caller looks before sending it again.
     */
    public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

    /** Alma's code for a user it does not hold. */
    private static final String USER_NOT_FOUND = "401861";

    private final int status;
    private final String code;

    public AlmaApiException(int status, String code, String message) {
        super(code + ": " + message + " (HTTP " + status + ")");
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** Alma's error code, such as {@code 401861}; the HTTP status as text when the body carried none. */
    public String code() {
        return code;
    }

    /** Alma holds no user with the identifier the call named. */
    public boolean userNotFound() {
        return USER_NOT_FOUND.equals(code);
    }

    public boolean outcomeUnknown() {
        return OUTCOME_UNKNOWN.equals(code);
    }
}
