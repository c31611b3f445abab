package org.almasim.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.almasim.app.console.ConsoleViews.History;
import org.almasim.app.console.ConsoleViews.Saved;
import org.almasim.engine.execution.RunReport;
import org.almasim.scenarios.scenario.PolicyCalendar;
import org.almasim.simulator.state.StateStore;

/**
 * What a console remembers of its library: the runs, the patrons by status day by day, who was not purged and why,
 * and the last preview. Kept in the institution's own state, so a restarted console shows the same history.
 */
final class ConsoleMemory {
    /** Why a run the console started itself ran: the calendar's listener leaves those to the console. */
    static final String FROM_CONSOLE = "run from the console";

    final ConsoleRuns runs;
    final StatusHistory history = new StatusHistory();
    final ConsolePreviews previews = new ConsolePreviews();
    final NotPurgedTally notPurged = new NotPurgedTally();
    private final String institution;
    private final Supplier<JsonNode> patronSummary;

    ConsoleMemory(String institution, Supplier<JsonNode> patronSummary) {
        this.institution = institution;
        this.patronSummary = patronSummary;
        this.runs = new ConsoleRuns(institution);
    }

    /** Restores what {@link #save} kept; answers the names of the policies that were scheduled. */
    List<String> restore(StateStore state) {
        return Saved.readFrom(state)
                .map(saved -> {
                    history.restore(saved.status());
                    saved.runs().forEach(runs::restore);
                    notPurged.restore(saved.notPurged());
                    return saved.scheduled();
                })
                .orElse(List.of());
    }

    void save(StateStore state, List<String> scheduled) {
        new Saved(scheduled, history.points(), runs.views(), notPurged.saved()).writeTo(state);
    }

    /** Begins again: a scenario loaded, or a member's calendar adopted. */
    void forget() {
        runs.clear();
        history.clear();
        previews.forget();
        notPurged.clear();
    }

    /** A point of the status chart: the library's patrons by status today. */
    void recordStatus() {
        history.record(patronSummary.get());
    }

    History view() {
        return new History(history.points(), runs.views(), notPurged.counts());
    }

    /** Hears the calendar's runs: scheduled and scenario ones are recorded here; the console's own already are. */
    final PolicyCalendar.RunListener listener = new PolicyCalendar.RunListener() {
        @Override
        public void ran(PolicyCalendar.Ran ran) {
            if (!ran.why().equals(FROM_CONSOLE)) {
                runs.add(id -> ConsoleRun.finished(
                        id, institution, ran.policy(), ran.day(), ran.stages(), ran.why(), ran.report()));
                notPurged.add(ran.report());
                // A point on the day of a run that changed the library: the status line steps there. A run that changed
                // nothing (a weekly stage, most weeks) would count the same patrons again.
                RunReport report = ran.report();
                if (report.datesFixed()
                                + report.inactive().done()
                                + report.purge().done()
                        > 0) {
                    recordStatus();
                }
            }
        }

        @Override
        public void refused(String policy, LocalDate day, String stages, String why, String reasons) {
            ConsoleRun run = why.equals(FROM_CONSOLE)
                    ? runs.running().orElseThrow()
                    : runs.add(id -> new ConsoleRun(id, institution, policy, day, stages, why));
            run.refused(reasons);
        }
    };
}
