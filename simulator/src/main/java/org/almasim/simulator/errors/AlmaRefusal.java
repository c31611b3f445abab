package org.almasim.simulator.errors;

import java.util.Optional;

/**
 * A request Alma would refuse, as one entry of the {@link AlmaError} catalogue with its message. Thrown by services and
 * rendered into Alma's error envelope in one place ({@code http.AlmaErrors}); a refused request changes nothing.
 */
public final class AlmaRefusal extends RuntimeException {
    private final Optional<AlmaError> error;
    private final int status;
    private final String code;

    private AlmaRefusal(Optional<AlmaError> error, int status, String code, String message) {
        super(message, null, false, false);
        this.error = error;
        this.status = status;
        this.code = code;
    }

    static AlmaRefusal of(AlmaError error, String message) {
        return new AlmaRefusal(Optional.of(error), error.status(), error.code(), message);
    }

    /**
     * An error another Alma answered, passed on as it came: the trainer console runs the engine against this simulator
     * and answers the simulator's refusals with their own code and words.
     */
    public static AlmaRefusal relayed(int status, String code, String message) {
        return new AlmaRefusal(Optional.empty(), status, code, message);
    }

    /** The same refusal, its message led by where it was met (a population document's user, say). */
    public AlmaRefusal at(String where) {
        return new AlmaRefusal(error, status, code, where + ": " + getMessage());
    }

    /** The catalogue entry, absent for a relayed error. */
    public Optional<AlmaError> error() {
        return error;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
