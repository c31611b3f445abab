package org.almasim.scenarios.scenario;

import java.io.PrintStream;

/**
 * Where a scenario's story goes, one line at a time: a terminal, or the trainer console, which answers each step with
 * the lines it produced. Lines are handed over as they are, never printed and read back.
 */
@FunctionalInterface
public interface Narration {
    Narration NONE = line -> {};

    void line(String text);

    static Narration printedTo(PrintStream out) {
        return out::println;
    }
}
