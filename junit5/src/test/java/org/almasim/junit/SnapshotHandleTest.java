package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library saved mid-test and put back is the library as it was saved: later writes and clock moves are gone. */
@AlmasimTest(population = "demo", today = "2024-08-01")
class SnapshotHandleTest {
    private static int users(Almasim alma) throws Exception {
        HttpResponse<String> list = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(alma.baseUrl() + "/almaws/v1/users?limit=1"))
                                .header("Authorization", "apikey " + alma.apiKey())
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper()
                .readTree(list.body())
                .path("total_record_count")
                .asInt();
    }

    @Test
    void whatWasSavedComesBackAndLaterChangesDoNot(Almasim alma, @TempDir Path dir) throws Exception {
        Path saved = dir.resolve("before-the-purge.zip");

        alma.exportTo(saved);
        alma.load("synthetic:5");
        alma.setToday(LocalDate.of(2030, 1, 1));
        assertThat(users(alma)).isEqualTo(PopulationService.demo().users().size() + 5);
        alma.importFrom(saved);

        assertThat(alma.today()).isEqualTo(LocalDate.of(2024, 8, 1));
        assertThat(users(alma)).isEqualTo(PopulationService.demo().users().size());
    }
}
