package org.almasim.simulator.properties;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The patron page tells the truth: for generated libraries (random patrons, loans, fees, blockers kept as data, job
 * parameters), what the page says Purge User Records would do to each patron today is what the job then does. A
 * patron it would delete is gone; one it would refuse is kept with an event giving exactly the page's reasons; one it
 * would not consider is kept with no event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PurgeVerdictPropertyTest {
    private static final int PATRONS = 30;
    private static final List<String> KINDS =
            List.of("PO_LINE", "LOCKED_BIB_RECORD", "IMPORT_PROFILE", "MD_EDITOR_SESSION");

    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    record Library(long seed, Map<String, String> jobParameters, Map<String, String> blockers) {}

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void thePatronPageSaysWhatThePurgeJobThenDoes() {
        PropertyRunner.check(
                "the patron page's verdict is what Purge User Records then does to the patron",
                Integer.getInteger("almasim.verdict.cases", 25),
                this::library,
                this::pageAgreesWithTheJob,
                PropertyRunner.Shrinker.none());
    }

    private Library library(SplittableRandom random, int index) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(
                "number_of_days_after_purge_date", List.of("0", "30", "400").get(random.nextInt(3)));
        if (random.nextInt(3) == 0) {
            parameters.put(
                    "user_group", List.of("UNDERGRAD", "GRAD", "COMMUNITY").get(random.nextInt(3)));
        }
        if (random.nextBoolean()) {
            parameters.put("waive_threshold", List.of("0.50", "5.00", "20.00").get(random.nextInt(3)));
        }
        Map<String, String> blockers = new HashMap<>();
        for (int i = 0; i < PATRONS; i++) {
            if (random.nextInt(5) == 0) {
                blockers.put(
                        SyntheticPopulation.patron(index, i, RunningSimulator.TODAY)
                                .user()
                                .primaryId(),
                        KINDS.get(random.nextInt(KINDS.size())));
            }
        }
        return new Library(index, parameters, blockers);
    }

    private Optional<String> pageAgreesWithTheJob(Library library) {
        sim.reset();
        sim.simulator.load(SyntheticPopulation.chunk(library.seed(), 0, PATRONS, RunningSimulator.TODAY));
        library.blockers()
                .forEach((id, kind) -> alma.send(
                                "PUT",
                                "/almasim/v1/users/" + id + "/blockers",
                                Map.of(),
                                "{\"blocker\":[{\"kind\":\"" + kind + "\"}]}",
                                AlmaClient.JSON,
                                AlmaClient.JSON)
                        .isOk());
        List<String> ids = IntStream.range(0, PATRONS)
                .mapToObj(i -> SyntheticPopulation.patron(library.seed(), i, RunningSimulator.TODAY)
                        .user()
                        .primaryId())
                .toList();
        Optional<String> listDisagrees = listAgreesWithThePage(ids);
        if (listDisagrees.isPresent()) {
            return listDisagrees;
        }
        Map<String, JsonNode> verdicts = new LinkedHashMap<>();
        for (String id : ids) {
            verdicts.put(
                    id,
                    alma.getJson("/almasim/v1/patrons/" + id, library.jobParameters())
                            .isOk()
                            .json()
                            .path("purge_job_today"));
        }

        String instance = alma.startJob("/almaws/v1/conf/jobs/M26700", library.jobParameters());
        alma.awaitFinished(instance);
        Map<String, String> events = new HashMap<>();
        alma.getJson(instance + "/events", Map.of("limit", "100"))
                .isOk()
                .json()
                .path("event")
                .forEach(e -> events.put(
                        e.path("user").path("value").asText(),
                        e.path("description").asText()));

        for (var entry : verdicts.entrySet()) {
            String id = entry.getKey();
            JsonNode verdict = entry.getValue();
            boolean exists = alma.attemptToGetUser(id).status() == 200;
            String said = verdict.path("outcome").asText() + " ("
                    + verdict.path("sentence").asText() + ")";
            switch (verdict.path("outcome").asText()) {
                case "DELETED" -> {
                    if (exists || events.containsKey(id)) {
                        return Optional.of(id + ": the page said " + said + "; the job kept them" + event(events, id));
                    }
                }
                case "REFUSED" -> {
                    String reasons = String.join(" ", verdict.path("reasons").findValuesAsText("sentence"));
                    if (!exists || !reasons.equals(events.get(id))) {
                        return Optional.of(id + ": the page said " + said + "; the job "
                                + (exists ? "reported" + event(events, id) : "deleted them"));
                    }
                }
                default -> {
                    if (!exists || events.containsKey(id)) {
                        return Optional.of(id + ": the page said " + said + "; the job "
                                + (exists ? "reported" + event(events, id) : "deleted them"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The patron list's purge_job_today filter lists a patron exactly when the page gives that outcome (no job parameters). */
    private Optional<String> listAgreesWithThePage(List<String> ids) {
        for (String outcome : List.of("DELETED", "REFUSED", "NOT_A_CANDIDATE")) {
            Set<String> listed = new HashSet<>(
                    alma.getJson("/almasim/v1/patrons", Map.of("purge_job_today", outcome, "limit", "100"))
                            .isOk()
                            .json()
                            .path("patron")
                            .findValuesAsText("primary_id"));
            for (String id : ids) {
                String page = alma.getJson("/almasim/v1/patrons/" + id, Map.of())
                        .isOk()
                        .json()
                        .path("purge_job_today")
                        .path("outcome")
                        .asText();
                if (page.equals(outcome) != listed.contains(id)) {
                    return Optional.of(id + ": the page says " + page + " but the list filtered on " + outcome
                            + (listed.contains(id) ? " includes" : " leaves out") + " the patron");
                }
            }
        }
        return Optional.empty();
    }

    private static String event(Map<String, String> events, String id) {
        return events.containsKey(id) ? " with the event '" + events.get(id) + "'" : " with no event";
    }
}
