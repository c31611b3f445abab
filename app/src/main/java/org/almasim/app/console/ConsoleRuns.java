package org.almasim.app.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.almasim.simulator.errors.AlmaError;

/** The console's runs in the order they were made, numbered from 1: started here, fired by schedules or by scenarios. */
final class ConsoleRuns {
    private final Map<String, ConsoleRun> runs = new LinkedHashMap<>();
    private final String institution;

    /** The runs of the institution with this code. */
    ConsoleRuns(String institution) {
        this.institution = institution;
    }

    /** Adds the run the factory makes with the next number; answers it. */
    synchronized ConsoleRun add(Function<String, ConsoleRun> withId) {
        ConsoleRun run = withId.apply(String.valueOf(runs.size() + 1));
        runs.put(run.id(), run);
        return run;
    }

    /** A run a previous process of this library saved, under its own number. */
    synchronized void restore(ConsoleRun.View view) {
        runs.put(view.id(), ConsoleRun.restored(view, institution));
    }

    synchronized Optional<ConsoleRun> running() {
        return runs.values().stream().filter(ConsoleRun::running).findFirst();
    }

    ConsoleRun find(String id) {
        ConsoleRun run;
        synchronized (this) {
            run = runs.get(id);
        }
        if (run == null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("No run " + id + " in this console.");
        }
        return run;
    }

    synchronized int count() {
        return runs.size();
    }

    synchronized List<ConsoleRun.View> views() {
        return runs.values().stream().map(ConsoleRun::view).toList();
    }

    /** The runs made after the first {@code count}. */
    synchronized List<ConsoleRun.View> since(int count) {
        return runs.values().stream().skip(count).map(ConsoleRun::view).toList();
    }

    synchronized void clear() {
        runs.clear();
    }
}
