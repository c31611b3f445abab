package org.almasim.simulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.Test;

/** A library saved as one file and put back elsewhere is the same library: same state digest, same simulated date. */
class SnapshotTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<byte[]> exportFrom(RunningSimulator sim) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.simulator.baseUrl() + "/almasim/v1/snapshot"))
                        .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> importInto(RunningSimulator sim, byte[] snapshot, String type)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.simulator.baseUrl() + "/almasim/v1/snapshot"))
                        .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                        .header("Content-Type", type)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(snapshot))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode digest(RunningSimulator sim) {
        return sim.client.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    @Test
    void anExportedLibraryImportedIntoAFreshSimulatorIsTheSameLibrary() throws Exception {
        try (RunningSimulator saved = RunningSimulator.start();
                RunningSimulator fresh = RunningSimulator.start()) {
            saved.simulator.load(PopulationService.demo());
            saved.client.createUser("{\"primary_id\":\"late-arrival\",\"account_type\":{\"value\":\"INTERNAL\"}}");
            saved.client
                    .postJson("/almasim/v1/clock/advance", Map.of(), "{\"period\":\"P1M\"}")
                    .isOk();

            HttpResponse<byte[]> snapshot = exportFrom(saved);
            HttpResponse<String> imported = importInto(fresh, snapshot.body(), "application/zip");

            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("application/zip");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(digest(fresh)).isEqualTo(digest(saved));
            assertThat(fresh.simulator.clock().today())
                    .isEqualTo(saved.simulator.clock().today());
            fresh.client.getUser("late-arrival");
        }
    }

    @Test
    void aBodyThatIsNotASnapshotIsRefusedAndChangesNothing() throws Exception {
        try (RunningSimulator sim = RunningSimulator.start()) {
            sim.simulator.load(PopulationService.demo());
            JsonNode before = digest(sim);

            HttpResponse<String> notZip =
                    importInto(sim, "{\"user\":[]}".getBytes(StandardCharsets.UTF_8), "application/json");
            HttpResponse<String> notSnapshot =
                    importInto(sim, "PK this is not a zip".getBytes(StandardCharsets.US_ASCII), "application/zip");

            assertThat(notZip.statusCode()).isEqualTo(400);
            assertThat(notSnapshot.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(notSnapshot.body()).toString()).contains("401666");
            assertThat(digest(sim)).isEqualTo(before);
        }
    }
}
