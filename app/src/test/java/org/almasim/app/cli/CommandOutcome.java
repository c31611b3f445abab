package org.almasim.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What an {@code almasim} command line did, as a user sees it: its exit code and what it printed on each stream. */
record CommandOutcome(int exit, String out, String err) {
    /** Runs the command as {@code main} does, with its error handling, printing into strings. */
    static CommandOutcome of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlmasimCommand.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new CommandOutcome(exit, out.toString(), err.toString());
    }
}
