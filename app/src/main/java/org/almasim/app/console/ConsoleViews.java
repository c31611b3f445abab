package org.almasim.app.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.scenarios.scenario.ScenarioPlay;
import org.almasim.simulator.state.StateStore;

/** What the console's routes answer (JSON), and what it keeps in the simulator's database across a restart. */
final class ConsoleViews {
    private ConsoleViews() {}

    record PolicyChoice(
            @JsonProperty("name") String name,
            @JsonProperty("title") String title,
            @JsonProperty("description") String description,
            @JsonProperty("scheduled") boolean scheduled) {
        static PolicyChoice of(String name, Policy policy, boolean scheduled) {
            return new PolicyChoice(
                    name,
                    policy.name(),
                    policy.description() == null ? "" : policy.description().strip(),
                    scheduled);
        }
    }

    record ScenarioState(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("next_step") int nextStep,
            @JsonProperty("steps") int steps,
            @JsonProperty("next_say") String nextSay,
            @JsonProperty("finished") boolean finished) {
        static ScenarioState of(ScenarioPlay play) {
            var timeline = play.scenario().timeline();
            String say = play.hasNext() && timeline.get(play.nextStep()).say() != null
                    ? timeline.get(play.nextStep()).say().strip()
                    : null;
            String description = play.scenario().description() == null
                    ? ""
                    : play.scenario().description().strip();
            return new ScenarioState(
                    play.scenario().name(), description, play.nextStep(), timeline.size(), say, !play.hasNext());
        }
    }

    record Overview(
            @JsonProperty("today") LocalDate today,
            @JsonProperty("policies") List<PolicyChoice> policies,
            @JsonProperty("scenarios") List<String> scenarios,
            @JsonProperty("scenario") ScenarioState scenario,
            @JsonProperty("busy") boolean busy,
            @JsonProperty("in_progress") String inProgress) {}

    record StatusPoint(
            @JsonProperty("day") LocalDate day,
            @JsonProperty("by_status") Map<String, Integer> byStatus) {}

    /** What a change did: the narration it wrote, the runs it made, and where a scenario stands. */
    record Outcome(
            @JsonProperty("today") LocalDate today,
            @JsonProperty("narration") List<String> narration,
            @JsonProperty("runs") List<ConsoleRun.View> runs,
            @JsonProperty("failures") List<String> failures,
            @JsonProperty("scenario") ScenarioState scenario) {}

    /**
     * A preview as the page shows it. {@code patrons} is the library's whole population; {@code read} the patrons the
     * policy looked at, fewer when it reads only its {@code candidate_sets}.
     */
    record PreviewSummary(
            @JsonProperty("policy") String policy,
            @JsonProperty("as_of") LocalDate asOf,
            @JsonProperty("patrons") int patrons,
            @JsonProperty("read") int read,
            @JsonProperty("candidate_sets") List<String> candidateSets,
            @JsonProperty("counts") Map<Decision.Action, Integer> counts,
            @JsonProperty("safety") List<String> safety,
            @JsonProperty("reasons") List<ReasonCount> reasons,
            @JsonProperty("near_misses") List<PreviewReport.NearMiss> nearMisses,
            @JsonProperty("decisions") DecisionPage decisions) {}

    /** How many patrons one reason decided one outcome for. */
    record ReasonCount(
            @JsonProperty("action") Decision.Action action,
            @JsonProperty("reason") String reason,
            @JsonProperty("patrons") int patrons) {}

    /**
     * One policy the library runs, applied to one patron today as its preview would: {@code considered} is false when
     * the policy reads only candidate sets the patron is not in; {@code problem} says why it could not be judged.
     */
    record PolicyVerdict(
            @JsonProperty("policy") String policy,
            @JsonProperty("title") String title,
            @JsonProperty("considered") boolean considered,
            @JsonProperty("candidate_sets") List<String> candidateSets,
            @JsonProperty("decision") Optional<Decision> decision,
            @JsonProperty("problem") Optional<String> problem) {}

    record DecisionPage(
            @JsonProperty("total") int total,
            @JsonProperty("decision") List<Decision> decision) {}

    /** What the charts draw: patrons by status day by day, every run, and the patrons not purged by reason. */
    record History(
            @JsonProperty("status") List<StatusPoint> status,
            @JsonProperty("runs") List<ConsoleRun.View> runs,
            @JsonProperty("not_purged_by_reason") List<NotPurgedTally.ReasonCount> notPurgedByReason) {}

    /** What the console keeps in the simulator's database, so a restart on a file database resumes it. */
    record Saved(
            @JsonProperty("scheduled") List<String> scheduled,
            @JsonProperty("status") List<StatusPoint> status,
            @JsonProperty("runs") List<ConsoleRun.View> runs,
            @JsonProperty("not_purged") NotPurgedTally.Saved notPurged) {
        /** A console saved before it kept the patrons not purged has none. */
        Saved {
            notPurged = notPurged == null ? new NotPurgedTally.Saved(Map.of(), Map.of()) : notPurged;
        }

        private static final String NAME = "console";
        private static final ObjectMapper STORED = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();

        static Optional<Saved> readFrom(StateStore state) {
            return state.get(NAME).map(json -> {
                try {
                    return STORED.readValue(json, Saved.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(
                            "The console's saved state cannot be read: " + e.getOriginalMessage(), e);
                }
            });
        }

        void writeTo(StateStore state) {
            try {
                state.put(NAME, STORED.writeValueAsString(this));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The console's state cannot be saved", e);
            }
        }
    }
}
