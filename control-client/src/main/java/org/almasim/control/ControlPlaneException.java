package org.almasim.control;

/** almasim refused a control-plane call (or could not be reached): the HTTP status, the error code and its words. */
public final class ControlPlaneException extends RuntimeException {
    private final int status;
    private final String code;

    public ControlPlaneException(int status, String code, String message) {
        super(code + ": " + message + (status > 0 ? " (HTTP " + status + ")" : ""));
        this.status = status;
        this.code = code;
    }

    /** The HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }

    /** almasim's error code (Alma's catalogue), the HTTP status as text when the body carried none. */
    public String code() {
        return code;
    }
}
