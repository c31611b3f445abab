package org.almasim.app.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.report.RunFormat;
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

    /** A finished run's report as text, CSV or JSON ({@code RunFormat}). */
    String report(String id, String format) {
        RunReport report = find(id).report()
                .orElseThrow(() -> AlmaError.PARAMETER_NOT_VALID.refusal("Run " + id + " has no report yet."));
        try {
            return RunFormat.parse(format).render(report);
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage());
        }
    }

    /** How many runs some consoles had before a change; {@link #made} lists the runs made since, in each. */
    record Marks(Map<ConsoleRuns, Integer> before) {
        static Marks of(List<ConsoleRuns> consoles) {
            Map<ConsoleRuns, Integer> before = new LinkedHashMap<>();
            consoles.forEach(runs -> before.put(runs, runs.count()));
            return new Marks(before);
        }

        List<ConsoleRun.View> made() {
            return before.entrySet().stream()
                    .flatMap(mark -> mark.getKey().since(mark.getValue()).stream())
                    .toList();
        }
    }
}
