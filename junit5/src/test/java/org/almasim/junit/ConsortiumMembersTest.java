package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A test of a consortium's script: member institutions beside the default one, each opened by its own key. */
@AlmasimTest(
        population = "synthetic:5",
        institutions = {"01FALSC_FSU=demo", "01FALSC_UCF"})
class ConsortiumMembersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void eachMembersKeyOpensItsOwnLibraryAndNoOther(Almasim alma) throws Exception {
        Almasim.Member fsu = alma.institution("01FALSC_FSU");
        Almasim.Member ucf = alma.institution("01FALSC_UCF");

        assertThat(fsu.apiKey()).isNotEqualTo(alma.apiKey()).isNotEqualTo(ucf.apiKey());
        assertThat(get(fsu.baseUrl(), fsu.apiKey(), "/almaws/v1/conf/general")).contains("\"value\":\"01FALSC_FSU\"");
        assertThat(get(fsu.baseUrl(), fsu.apiKey(), "/almaws/v1/users?limit=1"))
                .as("FSU holds the demo patrons")
                .contains("\"total_record_count\":13");
        assertThat(get(ucf.baseUrl(), ucf.apiKey(), "/almaws/v1/users?limit=1"))
                .as("UCF is named without a population: empty")
                .contains("\"total_record_count\":0");
        assertThat(get(alma.baseUrl(), alma.apiKey(), "/almaws/v1/users?limit=1"))
                .as("the default institution holds the annotation's population")
                .contains("\"total_record_count\":5");
    }

    private static String get(String baseUrl, String key, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", "apikey " + key)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return answer.body();
    }
}
