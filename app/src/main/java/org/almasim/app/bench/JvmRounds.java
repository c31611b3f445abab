package org.almasim.app.bench;

import java.io.PrintStream;

/**
 * The two identical rounds an end-to-end benchmark plays: the first in a JVM that has just started, the second in one
 * whose JIT the first has warmed (on two cores that takes a few hundred thousand calls, and until then every call
 * costs two to five times as much). Both are printed: a one-off run is in the first state, a simulator serving a team
 * for a day in the second.
 */
final class JvmRounds {
    private JvmRounds() {}

    static void play(PrintStream out, Runnable round) {
        for (String name : new String[] {"first round (fresh JVM)", "second round (warm JVM)"}) {
            out.println(name + ":");
            round.run();
        }
    }
}
