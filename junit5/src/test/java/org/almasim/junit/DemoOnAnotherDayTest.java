package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The annotation's date wins over the day the demo population names (FLVC's 2024 run date). */
@AlmasimTest(population = "demo", today = "2025-01-01", resetBetweenTests = true)
class DemoOnAnotherDayTest {
    @Test
    void theDemoStartsOnTheAnnotationsDate(Almasim alma) throws Exception {
        HttpResponse<String> clock = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(alma.baseUrl() + "/almasim/v1/clock"))
                                .header("Authorization", "apikey " + alma.apiKey())
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(alma.today()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(clock.body()).contains("2025-01-01");
    }

    @Test
    void aResetStartsOnTheAnnotationsDateToo(Almasim alma) {
        assertThat(alma.today()).isEqualTo(LocalDate.of(2025, 1, 1));
    }
}
