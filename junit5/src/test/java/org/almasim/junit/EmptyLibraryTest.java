package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Without a population the library is empty, and each annotated class has a simulator of its own. */
@AlmasimTest
class EmptyLibraryTest {
    @Test
    void aClassWithoutAPopulationStartsOnAnEmptyLibrary(Almasim alma) throws Exception {
        HttpResponse<String> users = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(alma.baseUrl() + "/almaws/v1/users"))
                                .header("Authorization", "apikey " + alma.apiKey())
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("\"total_record_count\":0");
    }
}
