package org.almasim.simulator.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.almasim.simulator.Institution;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.Fixtures;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random actions through the API of three institutions holding the same patron ids: whatever one institution's key
 * does, every other institution's state digest is what it was.
 */
class InstitutionIsolationPropertyTest {
    private static final List<String> CODES = List.of(Institution.DEFAULT_CODE, "01TEST_NORTH", "01TEST_SOUTH");
    private static final List<String> IDS = List.of("pat-1", "pat-2", "pat-3", "flvc-expired-2022", "flvc-with-loan");
    private static final int CASES = Integer.getInteger("almasim.property.cases", 25);

    private static RunningSimulator running;
    private static List<AlmaClient> clients;

    /** One call through one institution's key. */
    record Action(int institution, String kind, String user, int amount) {
        @Override
        public String toString() {
            return CODES.get(institution) + ":" + kind + "(" + user + (amount > 0 ? "," + amount : "") + ")";
        }
    }

    @BeforeAll
    static void threeInstitutions() {
        running = RunningSimulator.start();
        clients = new ArrayList<>();
        clients.add(running.client);
        for (String code : CODES.subList(1, CODES.size())) {
            running.simulator.addInstitution(Institution.Spec.of(code));
            clients.add(running.client.withKey(ApiKeys.developmentKey(code)));
        }
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void noActionThroughOneInstitutionsKeyChangesAnotherInstitution() {
        PropertyRunner.check(
                "an action through one institution's key never changes another institution's data",
                CASES,
                InstitutionIsolationPropertyTest::actions,
                InstitutionIsolationPropertyTest::isolated,
                actions -> {
                    List<List<Action>> smaller = new ArrayList<>();
                    for (int i = 0; i < actions.size(); i++) {
                        List<Action> without = new ArrayList<>(actions);
                        without.remove(i);
                        smaller.add(without);
                    }
                    return smaller;
                });
    }

    private static List<Action> actions(SplittableRandom random, int index) {
        String[] kinds = {"create", "rename", "delete", "fee", "pay", "set", "purge", "settings", "population"};
        List<Action> actions = new ArrayList<>();
        int count = 4 + random.nextInt(10);
        for (int i = 0; i < count; i++) {
            actions.add(new Action(
                    random.nextInt(CODES.size()),
                    kinds[random.nextInt(kinds.length)],
                    IDS.get(random.nextInt(IDS.size())),
                    1 + random.nextInt(40)));
        }
        return actions;
    }

    private static Optional<String> isolated(List<Action> actions) {
        running.reset();
        for (AlmaClient client : clients) {
            client.loadPopulation(Fixtures.items("BC-1", "BC-2"));
        }
        running.simulator.institutions().forEach(i -> i.load("demo", 42));
        for (Action action : actions) {
            List<String> before = digests();
            act(action);
            List<String> after = digests();
            for (int other = 0; other < CODES.size(); other++) {
                if (other != action.institution() && !before.get(other).equals(after.get(other))) {
                    return Optional.of(action + " changed " + CODES.get(other));
                }
            }
        }
        return Optional.empty();
    }

    private static void act(Action action) {
        AlmaClient alma = clients.get(action.institution());
        String path = "/almaws/v1/users/" + action.user();
        switch (action.kind()) {
            case "create" -> alma.attemptToCreateUser(Fixtures.user(action.user()));
            case "rename" -> {
                var found = alma.attemptToGetUser(action.user());
                if (found.status() == 200) {
                    alma.attemptToUpdateUser(
                            action.user(),
                            found.body().replaceFirst("\"first_name\":\"[^\"]*\"", "\"first_name\":\"Renamed\""),
                            Map.of());
                }
            }
            case "delete" -> alma.attemptToDeleteUser(action.user());
            case "fee" ->
                alma.postJson(
                        path + "/fees",
                        Map.of(),
                        "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":" + action.amount()
                                + ",\"owner\":{\"value\":\"MAIN\"}}");
            case "pay" ->
                alma.postJson(path + "/fees/all", Map.of("op", "pay", "amount", "ALL", "method", "CASH"), null);
            case "set" ->
                alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Set " + action.amount()
                                + "\",\"type\":{\"value\":\"ITEMIZED\"},\"content\":{\"value\":\"USER\"}}");
            case "purge" -> {
                // The job works in the background: its writes count against the action that started it.
                var started = alma.attemptToRunJob("/almaws/v1/conf/jobs/M26700", Map.of());
                if (started.status() == 200) {
                    String link =
                            started.json().path("additional_info").path("link").asText();
                    alma.awaitFinished(link.substring(link.indexOf("/almaws")));
                }
            }
            case "settings" ->
                alma.send(
                        "PUT",
                        "/almasim/v1/settings",
                        Map.of(),
                        "{\"research_enabled\":" + (action.amount() % 2 == 0) + "}",
                        AlmaClient.JSON,
                        AlmaClient.JSON);
            case "population" -> alma.attemptToLoadPopulation(Fixtures.items("NEW-" + action.amount()));
            default -> throw new IllegalArgumentException(action.kind());
        }
    }

    private static List<String> digests() {
        return clients.stream()
                .map(c -> c.getJson("/almasim/v1/state/digest", Map.of()).isOk().body())
                .toList();
    }
}
