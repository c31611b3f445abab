package org.almasim.simulator.http;

/**
 * A request Alma would refuse: carries Alma's error code, message and HTTP status.
 * Services throw it; {@link AlmaErrors} turns it into Alma's error envelope in one place.
 */
public class AlmaException extends RuntimeException {
    private final String code;
    private final int status;

    public AlmaException(int status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** A client error: Alma answers these with HTTP 400. */
    public static AlmaException badRequest(String code, String message) {
        return new AlmaException(400, code, message);
    }

    public static AlmaException parameterNotValid(String detail) {
        return badRequest("401666", "Parameter is not valid. " + detail);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
