package org.almasim.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document almasim serves: every route it serves, and none under Alma's paths that Alma does not have. */
class OpenApiTest {
    private final RunningSimulator sim = RunningSimulator.start();

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode served() {
        return sim.client.getJson("/almasim/v1/openapi.json", Map.of()).isOk().json();
    }

    /** "GET /almaws/v1/users/{}" for every operation of an OpenAPI document, parameter names left out. */
    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(method -> operations.add(method.getKey().toUpperCase(Locale.ROOT) + " "
                                + path.getKey().replaceAll("\\{[^}]+}", "{}"))));
        return operations;
    }

    @Test
    void theDocumentListsEveryRouteTheSimulatorServesAndNoOther() {
        JsonNode document = served();

        Set<String> routes = new TreeSet<>();
        for (Simulator.Route route : sim.simulator.routes()) {
            routes.add(route.method() + " " + route.path().replaceAll("\\{[^}]+}", "{}"));
        }
        assertThat(document.path("openapi").asText()).startsWith("3.0");
        assertThat(operations(document)).isEqualTo(routes);
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo(sim.simulator.baseUrl());
    }

    @Test
    void everyAlmaRouteItServesIsOneExLibrisDocuments() throws IOException {
        Path reference = RecordedResponsesTest.reference().resolve("openapi");
        ObjectMapper json = new ObjectMapper();
        Set<String> documented = new TreeSet<>();
        for (String file : List.of("users.json", "conf.json")) {
            documented.addAll(operations(json.readTree(reference.resolve(file).toFile())));
        }

        List<String> notDocumented = new ArrayList<>();
        for (String operation : operations(served())) {
            boolean coveredByTheseFiles =
                    operation.contains(" /almaws/v1/users") || operation.contains(" /almaws/v1/conf");
            if (coveredByTheseFiles && !documented.contains(operation)) {
                notDocumented.add(operation);
            }
        }
        assertThat(notDocumented)
                .as("routes almasim serves that Ex Libris' users and conf APIs do not have")
                .isEmpty();
    }

    /**
     * docs/api-coverage.md says how much of each of Ex Libris' OpenAPI files almasim serves, counted from the files and
     * the routes: the figure can never fall behind the code.
     */
    @Test
    void theDocsGiveTheCoverageOfEachOpenApiFileAsTheRoutesAre() throws IOException {
        Path reference = RecordedResponsesTest.reference().resolve("openapi");
        ObjectMapper json = new ObjectMapper();
        Set<String> served = operations(served());
        String docs = Files.readString(Path.of("..", "docs", "api-coverage.md"));
        for (String file : List.of("users", "conf")) {
            Set<String> documented =
                    operations(json.readTree(reference.resolve(file + ".json").toFile()));
            long covered = documented.stream().filter(served::contains).count();
            assertThat(docs)
                    .as("the coverage line of %s.json", file)
                    .contains(
                            "Ex Libris' " + file + " OpenAPI: " + covered + " of " + documented.size() + " operations");
        }
    }
}
