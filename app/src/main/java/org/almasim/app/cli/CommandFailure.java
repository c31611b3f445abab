package org.almasim.app.cli;

import java.net.BindException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A command that could not do its work for a reason the user can fix: said in one line on standard error, with an exit
 * code, never as a stack trace (set ALMASIM_DEBUG=1 to see one).
 */
final class CommandFailure extends RuntimeException {
    /** The exit code of a command that could not start: a busy port, a database in use, a file it cannot read. */
    static final int CANNOT_START = 3;

    CommandFailure(String message) {
        super(message);
    }

    /** What to tell the user about a failure at start-up, when it has a cause they can act on. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandFailure known) {
                return Optional.of(known.getMessage());
            }
            if (cause instanceof BindException) {
                return Optional.of(
                        "the port is already in use (" + cause.getMessage() + "); choose another with --port");
            }
            // H2's DATABASE_ALREADY_OPEN_1: another process has the file database open.
            if (cause instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return Optional.of("the database is in use by another process; stop it or choose another --db");
            }
        }
        return Optional.empty();
    }
}
