package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.policy.Policy;

/**
 * Sets a library up for a scenario through its REST API: the scenario's settings, population (with its patron defaults),
 * cohorts and sets, then a consortium member's own on top.
 */
final class LibrarySetUp {
    private static final ObjectMapper JSON = AlmaJson.MAPPER;

    private final ScenarioReader.Loaded loaded;
    private final Scenario scenario;
    private final Optional<Scenario.Member> member;

    LibrarySetUp(ScenarioReader.Loaded loaded, Optional<Scenario.Member> member) {
        this.loaded = loaded;
        this.scenario = loaded.scenario();
        this.member = member;
    }

    /**
     * Loads a library: a snapshot if the scenario starts from one (a copy of a real library), then the scenario's
     * settings, population, cohorts and sets, then a member's own.
     */
    void load(AlmaClient alma, ControlPlane control, PolicyCalendar calendar) {
        Optional<String> snapshot =
                member.map(Scenario.Member::snapshot).or(() -> Optional.ofNullable(scenario.snapshot()));
        snapshot.ifPresent(file -> {
            try {
                control.replaceSnapshot(loaded.beside(file));
            } catch (ControlPlaneException e) {
                throw new ScenarioException(loaded.source(), List.of("snapshot " + file + ": " + e.getMessage()));
            }
        });
        Map<String, Object> settings = new LinkedHashMap<>(scenario.settings());
        member.ifPresent(m -> settings.putAll(m.settings()));
        List<Scenario.Cohort> cohorts = new ArrayList<>(scenario.cohorts());
        member.ifPresent(m -> cohorts.addAll(m.cohorts()));
        List<Scenario.NamedSet> sets = new ArrayList<>(scenario.sets());
        member.ifPresent(m -> sets.addAll(m.sets()));
        calendar.startOn(scenario.start());
        if (!settings.isEmpty()) {
            control.updateSettings(JSON.valueToTree(settings));
        }
        ObjectNode population = scenario.population() == null
                ? JSON.createObjectNode()
                : scenario.population().deepCopy();
        member.map(Scenario.Member::population)
                .ifPresent(own -> own.properties().forEach(field -> {
                    // A member's users, items, loans... come after the scenario's, in the same lists.
                    if (field.getValue().isArray()
                            && population.path(field.getKey()).isArray()) {
                        ((ArrayNode) population.get(field.getKey()))
                                .addAll((ArrayNode) field.getValue().deepCopy());
                    } else {
                        population.set(field.getKey(), field.getValue().deepCopy());
                    }
                }));
        population.put("today", scenario.start().toString());
        withDefaults(population);
        if (!population.has("featured")) {
            // The patrons the story names one by one are the ones a trainer shows first; a cohort's come after them.
            ArrayNode featured = population.putArray("featured");
            population
                    .path("users")
                    .forEach(user -> featured.add(user.path("primary_id").asText()));
        }
        cohorts.forEach(cohort -> Cohorts.addTo(population, cohort, scenario.start()));
        JsonNode loadedCounts = control.loadPopulation(population);
        for (Scenario.NamedSet set : sets) {
            if (set.query() != null) {
                ObjectNode logical = JSON.createObjectNode().put("name", set.name());
                logical.putObject("type").put("value", "LOGICAL");
                logical.putObject("content").put("value", "USER");
                logical.putObject("query").put("value", set.query());
                new AlmaSets(alma).create(logical);
            } else {
                new AlmaSets(alma).itemized(set.name(), set.members());
            }
        }
        calendar.say("start: "
                + snapshot.map(file -> file + " ("
                                + control.patronSummary().path("total").asInt() + " patrons in all), adding ")
                        .orElse("")
                + loadedCounts.path("users").asInt() + " patrons, "
                + loadedCounts.path("loans").asInt() + " loans, "
                + loadedCounts.path("fees").asInt() + " fees"
                + (sets.isEmpty()
                        ? ""
                        : ", sets "
                                + sets.stream()
                                        .map(s -> s.name()
                                                + (s.query() != null
                                                        ? " (logical)"
                                                        : " (" + s.members().size() + ")"))
                                        .toList())
                + "; policies: "
                + String.join(
                        ", ",
                        calendar.policies().values().stream().map(Policy::name).toList()));
    }

    /** Fills each user's missing fields from {@code patron_defaults}; a field given as null is left out. */
    private void withDefaults(ObjectNode population) {
        for (JsonNode user : population.path("users")) {
            ObjectNode patron = (ObjectNode) user;
            if (scenario.patronDefaults() != null) {
                scenario.patronDefaults().properties().forEach(field -> {
                    if (!patron.has(field.getKey())) {
                        patron.set(field.getKey(), field.getValue().deepCopy());
                    }
                });
            }
            List<String> unset = new ArrayList<>();
            patron.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    unset.add(field.getKey());
                }
            });
            patron.remove(unset);
        }
    }
}
